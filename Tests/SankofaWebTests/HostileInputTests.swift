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

    /// The profile, centre and course `RouteValues` name, and an admin (also an editor) signed in.
    static func signedInAdmin(_ app: Application) async throws -> Browser {
        try await DirectoryFixtures.save(app, DirectoryFixtures.expert("regional-training", country: "KE", profile: .public))
        try await DirectoryFixtures.saveCentreAndCourse(app, slug: "regional-training")
        try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin, .editor])
        let admin = Browser(app)
        try await admin.signIn("admin@example.org")
        return admin
    }

    @Test(arguments: TestEngine.all)
    func noRouteAnswersAServerErrorToHostileInput(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let admin = try await Self.signedInAdmin(app)
            let visitor = Browser(app)
            let ordinary = RouteValues.ordinary(app, user: UUID())
            let routes = app.routes.all.filter { $0.method == .GET }.map { $0.path.map(\.description) }
            #expect(routes.count > 30)

            // Files served from a background build answer 503 with Retry-After until it exists
            // (tests never build in the background): the only 5xx allowed, on those routes only.
            let untilBuilt = Set(RoleMatrixTests.unavailableUntilBuilt.map { $0.pathComponents.map(\.description) })
            #expect(untilBuilt.isSubset(of: Set(routes)))

            func check(_ browser: Browser, _ path: String, _ who: String, route: [String]) async throws {
                let response = try await browser.get(path)
                let shown = path.count > 120 ? String(path.prefix(120)) + "…" : path
                let notYetBuilt = untilBuilt.contains(route) && response.status == .serviceUnavailable
                    && response.headers.first(name: .retryAfter) != nil
                #expect(response.status.code < 500 || notYetBuilt, "\(who) GET \(shown): \(response.status.code)")
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
                        try await check(admin, "/" + parts.joined(separator: "/"), "admin", route: route)
                    }
                }
                let path = "/" + base.joined(separator: "/")
                // Every query parameter at once with each value, then each alone with a NUL byte
                // (alone, so that a 400 for an earlier parameter does not hide a later one).
                for value in Self.hostile {
                    try await check(admin, path + "?" + Self.parameters.map { "\($0)=\(value)" }.joined(separator: "&"), "admin", route: route)
                }
                for name in Self.parameters {
                    try await check(admin, path + "?\(name)=%00", "admin", route: route)
                }
            }
            // A visitor's pages, with the same values at once.
            for route in routes where route.last != "logout" {
                let path = RouteValues.path(route, ordinary)
                for value in Self.hostile {
                    try await check(visitor, path + "?" + Self.parameters.map { "\($0)=\(value)" }.joined(separator: "&"), "visitor", route: route)
                }
            }
        }
    }

    /// The post forms of a page: action and field names (CSRF token included; the browser sets it).
    static func postForms(_ html: String) -> [(action: String, fields: [String])] {
        let form = try! NSRegularExpression(pattern: "<form\\b([^>]*)>(.*?)</form>", options: [.dotMatchesLineSeparators])
        func attribute(_ name: String, _ text: String) -> String? {
            let pattern = try! NSRegularExpression(pattern: "\\b\(name)=\"([^\"]*)\"")
            guard let match = pattern.firstMatch(in: text, range: NSRange(text.startIndex..., in: text)) else { return nil }
            return String(text[Range(match.range(at: 1), in: text)!])
        }
        let field = try! NSRegularExpression(pattern: "<(?:input|textarea|select)\\b[^>]*\\bname=\"([^\"]+)\"")
        return form.matches(in: html, range: NSRange(html.startIndex..., in: html)).compactMap { match in
            let tag = String(html[Range(match.range(at: 1), in: html)!]), body = String(html[Range(match.range(at: 2), in: html)!])
            guard attribute("method", tag) == "post", let action = attribute("action", tag) else { return nil }
            let names = field.matches(in: body, range: NSRange(body.startIndex..., in: body))
                .map { String(body[Range($0.range(at: 1), in: body)!]) }
            return (action.replacingOccurrences(of: "&amp;", with: "&"), Array(Set(names)).sorted())
        }
    }

    /// Every post form the admin is shown on any page, every field at once set to a NUL byte, a
    /// non-character, 20,000 accented letters, markup, a number past 64 bits, a negative number,
    /// nothing: never a 5xx, never an engine's error shown. It found one: a translation longer
    /// than the store allows was refused by the store with a 500 instead of by the form.
    @Test(arguments: TestEngine.all)
    func noFormAnswersAServerErrorToHostileValues(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            // An applicant (the vetting and roles forms) and an edition (its forms) to be shown.
            let applicant = try await TestUsers.make(app, "applicant@example.org", roles: [], status: .pending, country: "KE")
            try await EditionStore(database: app.db).create(EditionDraft(
                slug: "hostile", number: 1, year: 2026, selection: .all,
                texts: ["en": EditionText(title: "Handbook", foreword: "Foreword.", introduction: "Introduction.")]))
            let admin = try await Self.signedInAdmin(app)
            let ordinary = RouteValues.ordinary(app, user: applicant.id!, edition: "hostile")
            let values = ["\u{0}nul", "\u{FFFE}\u{FFFF}", String(repeating: "é", count: 20_000), "<script>x</script>\"'",
                          "99999999999999999999999", "-1", ""]
            var tried: Set<String> = []
            for route in app.routes.all where route.method == .GET {
                let path = RouteValues.path(route.path.map(\.description), ordinary)
                let page = try await admin.get(path)
                guard page.status == .ok, page.headers.contentType == .html else { continue }
                for form in Self.postForms(page.text) where !tried.contains(form.action) {
                    // Ending the session or deleting would end the sweep; compiling and publishing
                    // take no text and start a Handbook build each time.
                    guard !["logout", "/end", "delete", "disable", "/compile", "/publish"].contains(where: form.action.contains) else { continue }
                    tried.insert(form.action)
                    for value in values {
                        try await admin.get(path)  // a fresh page, as a person would post from it
                        let fields = Dictionary(uniqueKeysWithValues: form.fields.map { ($0, value) })
                        let response = try await admin.post(form.action, fields)
                        let shown = "\(form.action) from \(path) with \(value.prefix(12).debugDescription)"
                        #expect(response.status.code < 500, "\(shown): \(response.status.code)")
                        for leak in Self.leaks { #expect(!response.text.contains(leak), "\(shown) shows \(leak)") }
                    }
                }
            }
            #expect(tried.count >= 15, "forms found: \(tried.sorted())")
        }
    }
}
