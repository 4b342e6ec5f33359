import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// `/metrics`: requests counted by route pattern (never the path as sent) and status, the page
/// cache's hits and misses, the outbox and digests read at scrape time; served to allowed
/// addresses or with the token, a 404 to anyone else.
@Suite("Metrics")
struct MetricsTests {
    static let token = "metrics-secret-0123456789"

    /// The scrape, with the token (requests made in memory have no address).
    static func scrape(_ app: Application) async throws -> String {
        let response = try await app.get("/metrics", headers: ["Authorization": "Bearer \(token)"])
        #expect(response.status == .ok)
        #expect(response.headers.contentType?.description.hasPrefix("text/plain") == true)
        return response.text
    }

    /// The value of one series (`name{labels}` exactly as emitted), nil when it is not there.
    static func value(_ text: String, _ series: String) -> Double? {
        text.split(separator: "\n").first { $0.hasPrefix(series + " ") }.flatMap { Double($0.dropFirst(series.count + 1)) }
    }

    static func requests(_ route: String, _ status: Int, method: String = "GET") -> String {
        #"sankofa_http_requests_total{route="\#(route)",method="\#(method)",status="\#(status)"}"#
    }

    static func withMetricsApp(_ engine: TestEngine, pageCache: Bool = false, _ body: (Application) async throws -> Void) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small), pageCache: pageCache) { app in
            app.settings.metricsAccess = MetricsAccess(token: token)
            try await body(app)
        }
    }

    @Test("Requests are counted by route pattern, method and status; unmatched paths share one series", arguments: TestEngine.all)
    func requestsByPatternAndStatus(engine: TestEngine) async throws {
        try await Self.withMetricsApp(engine) { app in
            #expect(try await app.get("/api/v1/practices/regional-training").status == .ok)
            #expect(try await app.get("/api/v1/practices/prison-dialogue").status == .ok)
            #expect(try await app.get("/api/v1/practices/no-such-practice").status == .notFound)
            #expect(try await app.get("/wp-admin/setup-config.php").status == .notFound)
            #expect(try await app.get("/another/random/path").status == .notFound)
            let text = try await Self.scrape(app)
            #expect(Self.value(text, Self.requests("/api/v1/practices/:slug", 200)) == 2)
            #expect(Self.value(text, Self.requests("/api/v1/practices/:slug", 404)) == 1)
            #expect(Self.value(text, Self.requests("unmatched", 404)) == 2)
            #expect(Self.value(text, #"sankofa_http_request_duration_seconds_count{route="/api/v1/practices/:slug",method="GET"}"#) == 3)
            #expect(Self.value(text, #"sankofa_http_request_duration_seconds_bucket{route="/api/v1/practices/:slug",method="GET",le="+Inf"}"#) == 3)
            // Bounded: no path as sent is a label.
            for path in ["regional-training", "wp-admin", "random"] { #expect(!text.contains(path), "\(path)") }

            // The counters move: the first scrape is counted once answered.
            #expect(try await app.get("/api/v1/practices/regional-training").status == .ok)
            let again = try await Self.scrape(app)
            #expect(Self.value(again, Self.requests("/api/v1/practices/:slug", 200)) == 3)
            #expect(Self.value(again, Self.requests("/metrics", 200)) == 1)
        }
    }

    @Test("Page cache: a visitor's first answer is a miss, the same again a hit; searches have their own", arguments: TestEngine.all)
    func pageCacheHitsAndMisses(engine: TestEngine) async throws {
        try await Self.withMetricsApp(engine, pageCache: true) { app in
            // `regional-training` is in Fixtures.small, published.
            for _ in 0..<2 { #expect(try await app.get("/api/v1/practices/regional-training").status == .ok) }
            for _ in 0..<3 { #expect(try await app.get("/api/v1/search?q=prison").status == .ok) }
            let text = try await Self.scrape(app)
            #expect(Self.value(text, #"sankofa_page_cache_misses_total{cache="pages"}"#) == 1)
            #expect(Self.value(text, #"sankofa_page_cache_hits_total{cache="pages"}"#) == 1)
            #expect(Self.value(text, #"sankofa_page_cache_misses_total{cache="searches"}"#) == 1)
            #expect(Self.value(text, #"sankofa_page_cache_hits_total{cache="searches"}"#) == 2)
            // Only the miss searched; each cacheable request read the data version once.
            #expect(Self.value(text, #"sankofa_search_duration_seconds_count{interface="api"}"#) == 1)
            #expect(Self.value(text, "sankofa_db_pool_wait_seconds_count") == 5)
        }
    }

    @Test("Searches are timed by interface", arguments: TestEngine.all)
    func searchLatency(engine: TestEngine) async throws {
        try await Self.withMetricsApp(engine) { app in
            #expect(try await app.get("/en/search?q=prison").status == .ok)
            #expect(try await app.get("/api/v1/search?q=training").status == .ok)
            #expect(try await app.get("/api/v1/search?q=dialogue").status == .ok)
            let text = try await Self.scrape(app)
            #expect(Self.value(text, #"sankofa_search_duration_seconds_count{interface="html"}"#) == 1)
            #expect(Self.value(text, #"sankofa_search_duration_seconds_count{interface="api"}"#) == 2)
        }
    }

    @Test("The outbox's backlog and failures and the digests are read from the database at scrape time", arguments: TestEngine.all)
    func outboxAndDigests(engine: TestEngine) async throws {
        try await Self.withMetricsApp(engine) { app in
            let outbox = Outbox(database: app.db)
            let now = Int(Date().timeIntervalSince1970)
            for index in 0..<3 { try await outbox.queue(to: "person\(index)@example.org", subject: "Hello", body: "Body", now: now) }
            let claimed = try await outbox.claim(limit: 1, now: now, until: now + 60)
            try await outbox.markFailed(id: try #require(claimed.first).id, error: "421 try later", claim: now + 60, retryAt: now + 30)
            let member = try await TestUsers.make(app, "digest@example.org")
            try await (app.db as! any SQLDatabase).raw("""
                INSERT INTO forum_digests (period, user_id, queued_at) VALUES ('daily:2026-12-07', \(bind: member.id!), \(bind: now))
                """).run()
            let text = try await Self.scrape(app)
            #expect(Self.value(text, #"sankofa_outbox_messages{state="waiting"}"#) == 3)
            #expect(Self.value(text, #"sankofa_outbox_messages{state="failing"}"#) == 1)
            #expect(Self.value(text, #"sankofa_outbox_messages{state="given_up"}"#) == 0)
            #expect(Self.value(text, "sankofa_outbox_failed_attempts") == 1)
            #expect(Self.value(text, #"sankofa_forum_digests{period="daily"}"#) == 1)
            #expect(Self.value(text, #"sankofa_forum_digests{period="weekly"}"#) == 0)
            // The addresses of the mail are not metrics.
            #expect(!text.contains("example.org"))
        }
    }

    @Test("Loopback and allowed addresses read the metrics, the token works; anyone else gets a 404", arguments: TestEngine.all)
    func access(engine: TestEngine) async throws {
        try await Self.withMetricsApp(engine) { app in
            #expect(try await PeerBrowser(app, .peer("127.0.0.1")).get("/metrics").status == .ok)
            #expect(try await PeerBrowser(app, .peer("::1")).get("/metrics").status == .ok)
            let outsider = try await PeerBrowser(app, .peer("203.0.113.9")).get("/metrics")
            #expect(outsider.status == .notFound)
            #expect(!outsider.text.contains("sankofa_"))
            // No address (in memory) and no token, a wrong token, a token with more after it, an empty one.
            #expect(try await app.get("/metrics").status == .notFound)
            for value in ["Bearer wrong-token", "Bearer \(Self.token)x", "Bearer \(Self.token.dropLast())", "Bearer ", "Basic \(Self.token)", Self.token] {
                #expect(try await app.get("/metrics", headers: ["Authorization": value]).status == .notFound, "\(value)")
            }
            #expect(try await app.get("/metrics", headers: ["Authorization": "bearer \(Self.token)"]).status == .ok)

            // Behind a trusted proxy the forwarded client counts, not the proxy's loopback address.
            app.settings.trustedProxies = TrustedProxies("127.0.0.1")
            #expect(try await PeerBrowser(app, .peer("127.0.0.1"), forwardedFor: "203.0.113.9").get("/metrics").status == .notFound)
            app.settings.metricsAccess = MetricsAccess(allow: "10.0.0.0/8, 203.0.113.0/24", token: nil)
            #expect(try await PeerBrowser(app, .peer("127.0.0.1"), forwardedFor: "203.0.113.9").get("/metrics").status == .ok)
            #expect(try await PeerBrowser(app, .peer("10.1.2.3")).get("/metrics").status == .ok)
            #expect(try await PeerBrowser(app, .peer("127.0.0.1")).get("/metrics").status == .notFound, "loopback is no longer in the list")
            // Without a token set, no Authorization opens it.
            #expect(try await app.get("/metrics", headers: ["Authorization": "Bearer "]).status == .notFound)
        }
    }

    @Test func settingsComeFromTheEnvironment() throws {
        let loopback = try AppSettings.fromEnvironment([:]).metricsAccess
        #expect(loopback.allows(client: IPAddress("127.0.0.1"), authorization: nil))
        #expect(loopback.allows(client: IPAddress("::1"), authorization: nil))
        #expect(!loopback.allows(client: IPAddress("192.0.2.1"), authorization: "Bearer "))
        let set = try AppSettings.fromEnvironment(["SANKOFA_METRICS_ALLOW": "192.0.2.0/24,nonsense", "SANKOFA_METRICS_TOKEN": "s3cret"]).metricsAccess
        #expect(set.ignored == ["nonsense"])
        #expect(set.allows(client: IPAddress("192.0.2.77"), authorization: nil))
        #expect(!set.allows(client: IPAddress("127.0.0.1"), authorization: nil))
        #expect(set.allows(client: nil, authorization: "Bearer s3cret"))
        #expect(!set.allows(client: nil, authorization: "Bearer s3cre"))
        #expect(!(try AppSettings.fromEnvironment(["SANKOFA_METRICS_ALLOW": ""]).metricsAccess.allows(client: IPAddress("127.0.0.1"), authorization: nil)))
    }
}
