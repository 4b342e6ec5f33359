import Foundation
import SankofaCore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// Issue 23: the navigation in groups behind a menu that needs no script, and the facets in a
/// "Filters (N active)" disclosure. How it looks on a phone is scripts/browser-phone-test.py's.
@Suite("On a phone: grouped navigation, filters disclosure")
struct PhoneLayoutTests {
    /// The text of the group labelled `name` in the main navigation: its list's HTML.
    static func group(_ name: String, in html: String) -> String? {
        guard let start = html.range(of: "<ul aria-labelledby=\"nav-group-\(name)\">") else { return nil }
        return html[start.upperBound...].components(separatedBy: "</ul>").first
    }

    @Test(arguments: TestEngine.all)
    func navigationIsGroupedInAMenuThatNeedsNoScript(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let html = try await app.get("/en/practices").text
            #expect(html.contains("<details class=\"site-menu\">"))
            #expect(html.contains("<details class=\"language-menu\">"))
            #expect(!html.contains("<script"))
            let knowledge = try #require(Self.group("knowledge", in: html))
            #expect(knowledge.contains("<a href=\"/en/practices\" aria-current=\"page\">Good practices</a>"))
            #expect(knowledge.contains("href=\"/en/handbook\"") && knowledge.contains("href=\"/en/search\""))
            let people = try #require(Self.group("people", in: html))
            #expect(["experts", "centres", "courses"].allSatisfy { people.contains("href=\"/en/\($0)\"") })
            #expect(Self.group("account", in: html)?.contains("href=\"/en/account/login\"") == true)
            // The group labels and the menu come from the catalogs: Arabic has its own.
            let arabic = try await app.get("/ar/experts").text
            #expect(arabic.contains(">القائمة</summary>") && arabic.contains(">الأشخاص</span>"))
            #expect(Self.group("people", in: arabic)?.contains("<a href=\"/ar/experts\" aria-current=\"page\">") == true)
        }
    }

    @Test(arguments: TestEngine.all)
    func aSignedInEditorFindsTheirWorkInTheAccountGroup(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "editor@example.org", roles: [.member, .editor])
            let editor = Browser(app)
            try await editor.signIn("editor@example.org")
            let account = try #require(Self.group("account", in: try await editor.get("/en/").text))
            #expect(account.contains("href=\"/en/review\"") && account.contains("href=\"/en/account\""))
            #expect(!account.contains("/en/account/login"))
        }
    }

    @Test(arguments: TestEngine.all)
    func filtersSummaryCountsTheChosenValues(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let none = try await app.get("/en/practices").text
            #expect(none.contains("<details class=\"filters\">\n<summary>Filters</summary>"))
            let two = try await app.get("/en/practices?region=africa&scope=national").text
            #expect(two.contains("<summary>Filters (2 active)</summary>"))
            let experts = try await app.get("/en/experts?country=KE").text
            #expect(experts.contains("<summary>Filters (1 active)</summary>"))
            let search = try await app.get("/en/search?q=prison&type=practice").text
            #expect(search.contains("<summary>Filters (1 active)</summary>"))
            let arabic = try await app.get("/ar/practices?region=africa").text
            #expect(arabic.contains("<summary>عوامل التصفية (المطبَّقة: \(NumberFormatting.integer(1, .ar)))</summary>"))
        }
    }
}
