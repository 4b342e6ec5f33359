import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// A one-time code and a reset link brought by several requests at the same moment: exactly one
/// succeeds, because each is spent by a conditional update whose row count decides.
@Suite("Single use under simultaneous requests")
struct SimultaneousUseTests {
    static let attempts = 4

    /// Posts `form` to `path` from each browser at once; the statuses, in no particular order.
    static func atOnce(_ browsers: [Browser], _ path: (Int) -> String, _ form: @escaping @Sendable (Int) -> [String: String]) async throws -> [HTTPStatus] {
        try await withThrowingTaskGroup(of: HTTPStatus.self) { group in
            for (index, browser) in browsers.enumerated() {
                let target = path(index)
                group.addTask { try await browser.post(target, form(index)).status }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
    }

    @Test("ASVS 6.5.1 one TOTP code posted by four sign-ins at once signs in one of them", arguments: TestEngine.all)
    func aCodeSignsInOnceUnderSimultaneousRequests(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org", twoFactor: true)
            var browsers: [Browser] = []
            for _ in 0..<Self.attempts {
                let browser = Browser(app)
                try await browser.get("/en/account/login")
                let login = try await browser.post("/en/account/login", ["email": "member@example.org", "password": TestUsers.password])
                #expect(login.headers.first(name: .location) == "/en/account/two-factor/verify")
                try await browser.get("/en/account/two-factor/verify")
                browsers.append(browser)
            }
            let code = TwoFactorTests.code()
            let statuses = try await Self.atOnce(browsers, { _ in "/en/account/two-factor/verify" }) { _ in ["code": code] }
            #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .unauthorized }.count == Self.attempts - 1, "\(statuses)")
        }
    }

    @Test("ASVS 6.5.1 a reset link posted four times at once resets once; using one voids the account's other links", arguments: TestEngine.all)
    func aResetLinkWorksOnceUnderSimultaneousRequests(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            let asker = Browser(app)
            try await asker.get("/en/account/reset")
            for _ in 0..<2 { try await asker.post("/en/account/reset", ["email": "member@example.org"]) }
            let links = try await TestMail.deliver(app).compactMap { TestMail.link("/en/account/reset/", to: "member@example.org", in: [$0]) }
            try #require(links.count == 2)
            let (link, other) = (links[0], links[1])
            var browsers: [Browser] = []
            for _ in 0..<Self.attempts {
                let browser = Browser(app)
                #expect(try await browser.get(link).status == .ok)
                browsers.append(browser)
            }
            let statuses = try await Self.atOnce(browsers, { _ in link }) { ["password": "new passphrase number \($0)"] }
            #expect(statuses.filter { $0 == .seeOther }.count == 1, "\(statuses)")
            #expect(statuses.filter { $0 == .notFound }.count == Self.attempts - 1, "\(statuses)")
            // The other link, mailed before, no longer works.
            #expect(try await Browser(app).get(other).status == .notFound)
            #expect(try await AuditLog(database: app.db).entries(action: "password.reset").count == 1)
        }
    }
}
