import Foundation
import Logging
import NIOConcurrencyHelpers
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// One log line per request (its id, route pattern, method, status, duration), the id returned
/// as `X-Request-Id`, `LOG_FORMAT=json` one object a line, and nothing secret or personal in it.
@Suite("Request log")
struct RequestLogTests {
    /// The lines an application's logger wrote, through the JSON handler `LOG_FORMAT=json` uses.
    final class Lines: Sendable {
        private let box = NIOLockedValueBox<[String]>([])
        var all: [String] { box.withLockedValue { $0 } }
        func append(_ line: String) { box.withLockedValue { $0.append(line) } }

        /// Every line as a JSON object; a line that is not one fails the test.
        var objects: [[String: Any]] {
            all.compactMap { line in
                let object = try? JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                #expect(object != nil, "not one JSON object: \(line)")
                #expect(line.hasSuffix("\n") && line.dropLast().firstIndex(of: "\n") == nil, "not one line: \(line)")
                return object
            }
        }

        var requests: [[String: Any]] { objects.filter { $0["message"] as? String == "request" } }
    }

    /// Logs of `app` (and of the requests it answers: they take the application's logger) into `Lines`, at `level`.
    static func capture(_ app: Application, level: Logger.Level = .info) -> Lines {
        let lines = Lines()
        app.logger = Logger(label: "sankofa.test") { label in
            var handler = JSONLogHandler(label: label) { lines.append($0) }
            handler.logLevel = level
            return handler
        }
        return lines
    }

    @Test("Every answer carries a request id; a client's is kept only when short and plain", arguments: TestEngine.all)
    func requestIDHeader(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            var seen: Set<String> = []
            for path in ["/en/practices/regional-training", "/no/such/path", "/en/account", "/api/v1/practices/none"] {
                let id = try #require(try await app.get(path).headers.first(name: .xRequestId), "\(path)")
                #expect(RequestID.isAcceptable(id))
                seen.insert(id)
            }
            #expect(seen.count == 4, "a new id for each request")
            let kept = "trace-ABC_123-xyz"
            #expect(try await app.get("/en/", headers: ["X-Request-Id": kept]).headers.first(name: .xRequestId) == kept)
            for refused in ["two words", "line\nbreak", "quote\"d", String(repeating: "a", count: 65), "ünïcode", "a=b;c"] {
                let id = try await app.get("/en/", headers: ["X-Request-Id": refused]).headers.first(name: .xRequestId)
                #expect(id != refused && id.map(RequestID.isAcceptable) == true, "\(refused)")
            }
        }
    }

    @Test("One JSON line per request: its id, route pattern, method, status and duration; no path as sent", arguments: TestEngine.all)
    func oneLinePerRequest(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let lines = Self.capture(app)
            let practice = try await app.get("/en/practices/regional-training", headers: ["X-Request-Id": "practice-1"])
            let missing = try await app.get("/no/such/path")
            let requests = lines.requests
            #expect(requests.count == 2, "one line a request, not two: \(lines.all)")
            let first = try #require(requests.first)
            #expect(first["request-id"] as? String == "practice-1")
            #expect(first["route"] as? String == "/:lang/practices/:slug")
            #expect(first["method"] as? String == "GET")
            #expect(first["status"] as? String == "\(practice.status.code)")
            #expect(first["level"] as? String == "info")
            #expect((first["time"] as? String)?.hasSuffix("Z") == true)
            let duration = try #require((first["duration_ms"] as? String).flatMap(Double.init))
            #expect(duration >= 0)
            let second = try #require(requests.last)
            #expect(second["route"] as? String == "unmatched")
            #expect(second["status"] as? String == "404")
            #expect(second["request-id"] as? String == missing.headers.first(name: .xRequestId))
            #expect(!lines.all.joined().contains("regional-training") && !lines.all.joined().contains("no/such"))
        }
    }

    @Test func jsonEscapesWhatWouldBreakALine() throws {
        let lines = Lines()
        var logger = Logger(label: "label \"quoted\"") { JSONLogHandler(label: $0) { lines.append($0) } }
        logger[metadataKey: "list"] = .array(["a", .dictionary(["k": "v\n"])])
        logger[metadataKey: "message"] = "a field named like a fixed one"
        logger.warning("two\nlines \u{1} \\ \"end\" \u{2028}")
        let object = try #require(lines.objects.first)
        #expect(object["message"] as? String == "two\nlines \u{1} \\ \"end\" \u{2028}")
        #expect(object["label"] as? String == "label \"quoted\"")
        #expect(object["meta.message"] as? String == "a field named like a fixed one")
        #expect(((object["list"] as? [Any])?.last as? [String: String])?["k"] == "v\n")
    }

    /// The log of a visit that carries every kind of secret and personal data there is, at the
    /// level production runs (`info`): none of it may be in any line.
    @Test("No password, token, session cookie, e-mail address or search query in the logs", arguments: TestEngine.all)
    func noSecretsInTheLogs(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await TestUsers.make(app, "private.person@example.org")
            try await TestUsers.make(app, "token.owner@example.org")
            let (_, tokenSecret) = try await APITokenTests.token(app, "token.owner@example.org", scopes: [.publicRead])
            let lines = Self.capture(app)

            let browser = Browser(app)
            #expect(try await browser.signIn("private.person@example.org").status == .seeOther)
            let cookie = try #require(browser.cookie?.split(separator: "=", maxSplits: 1).last.map(String.init))
            #expect(try await browser.get("/en/account").status == .ok)
            let wrong = Browser(app)
            try await wrong.get("/en/account/login")
            try await wrong.post("/en/account/login", ["email": "private.person@example.org", "password": "Wrong-Password-1234"])
            #expect(try await APITokenTests.api(app, "/api/v1/practices", secret: tokenSecret).status == .ok)
            #expect(try await APITokenTests.api(app, "/api/v1/practices", secret: tokenSecret + "x").status == .unauthorized)
            let visitor = Browser(app)
            try await visitor.get("/en/account/reset")
            try await visitor.post("/en/account/reset", ["email": "forgotten.reader@example.net"])
            #expect(try await app.get("/en/search?q=zanzibar+confidential+query").status == .ok)
            #expect(try await app.get("/api/v1/search?q=secretive+lookup").status == .ok)

            let log = lines.all.joined()
            #expect(lines.requests.count >= 10, "the capture sees the request lines")
            for secret in [TestUsers.password, "Wrong-Password-1234", tokenSecret, cookie, "private.person", "token.owner",
                           "forgotten.reader", "example.org", "example.net", "zanzibar", "confidential", "secretive", "q="] {
                #expect(!log.contains(secret), "\(secret) is in the log")
            }
            #expect(!log.contains(try #require(browser.csrf)))
        }
    }
}
