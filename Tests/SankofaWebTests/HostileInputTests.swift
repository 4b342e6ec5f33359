import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// Every GET route, as an admin (and as a visitor), with hostile values in each path parameter and
/// in the query parameters the pages read: a NUL byte, invalid UTF-8, a number past 64 bits, a
/// negative number, markup, 2,000 characters. Whatever the route makes of them, the answer is
/// never a 5xx and never shows an engine's error (PostgreSQL refuses NUL bytes in text).
@Suite("Hostile input on every route")
struct HostileInputTests {
    static let hostile = ["%00", "%FF%FE", "99999999999999999999999", "-1", "%3Cb%3E%22%27", String(repeating: "a", count: 2_000)]
    static let parameters = ["q", "page", "perPage", "type", "language", "lang", "pillar", "theme", "region", "country",
                             "maturity", "scope", "sort", "evidence", "action", "actor", "month", "modality", "when", "cost",
                             "offer", "status", "year", "format"]
    static let leaks = ["PSQLError", "SQLiteError", "SQLITE_", "SQLiteNIO", "syntax error", "DecodingError", "Fatal error"]

    @Test(arguments: TestEngine.all)
    func noRouteAnswersAServerErrorToHostileInput(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("regional-training", country: "KE", profile: .public))
            try await DirectoryFixtures.saveCentreAndCourse(app, slug: "regional-training")
            try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin])
            let admin = Browser(app)
            try await admin.signIn("admin@example.org")
            let visitor = Browser(app)
            let ordinary = [":lang": "en", ":slug": "regional-training", ":user": UUID().uuidString, ":token": "unknown",
                            ":target": "fr", ":edition": "no-edition", ":chapter": "africa",
                            ":file": "sankofa.\(app.stylesheet.fingerprint).css"]
            let routes = app.routes.all.filter { $0.method == .GET }.map { $0.path.map(\.description) }
            #expect(routes.count > 30)

            func check(_ browser: Browser, _ path: String, _ who: String) async throws {
                let response = try await browser.get(path)
                let shown = path.count > 120 ? String(path.prefix(120)) + "…" : path
                #expect(response.status.code < 500, "\(who) GET \(shown): \(response.status.code)")
                for leak in Self.leaks { #expect(!response.text.contains(leak), "\(who) GET \(shown) shows \(leak)") }
            }
            // As an admin, who reaches every route's handling (a visitor is turned away before
            // most parameters are read on the routes that need an account).
            for route in routes where route.last != "logout" {
                let base = route.map { ordinary[$0] ?? $0 }
                // Each path parameter in turn.
                for (index, part) in route.enumerated() where part.hasPrefix(":") {
                    for value in Self.hostile {
                        var parts = base
                        parts[index] = value
                        try await check(admin, "/" + parts.joined(separator: "/"), "admin")
                    }
                }
                let path = "/" + base.joined(separator: "/")
                // Every query parameter at once with each value, then each alone with a NUL byte
                // (alone, so that a 400 for an earlier parameter does not hide a later one).
                for value in Self.hostile {
                    try await check(admin, path + "?" + Self.parameters.map { "\($0)=\(value)" }.joined(separator: "&"), "admin")
                }
                for name in Self.parameters {
                    try await check(admin, path + "?\(name)=%00", "admin")
                }
            }
            // A visitor's pages, with the same values at once.
            for route in routes where route.last != "logout" {
                let path = "/" + route.map { ordinary[$0] ?? $0 }.joined(separator: "/")
                for value in Self.hostile {
                    try await check(visitor, path + "?" + Self.parameters.map { "\($0)=\(value)" }.joined(separator: "&"), "visitor")
                }
            }
        }
    }
}
