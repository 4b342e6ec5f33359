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

/// An author's change to their published practice, translations included, is a pending revision:
/// readers keep the published text until an editor publishes the change from the review page.
@Suite("Pending revisions")
struct PendingRevisionTests {
    static let slug = "youth-dialogue"

    /// A published practice written by `author@example.org`, an editor and a translator, signed in.
    static func setUp(_ app: Application) async throws -> (author: Browser, editor: Browser, translator: Browser) {
        let author = try await TestUsers.make(app, "author@example.org")
        try await TestUsers.make(app, "editor@example.org", roles: [.member, .editor])
        try await TestUsers.make(app, "translator@example.org", roles: [.member, .translator])
        try await PracticeStore(database: app.db).save(Fixtures.record(
            slug, countries: ["SN"], themes: [.youth], pillars: [.conditionsConducive], maturity: .piloted, title: "Youth dialogue in Dakar"))
        try await (app.db as! any SQLDatabase).raw("UPDATE practices SET author_id = \(bind: author.id) WHERE slug = \(bind: slug)").run()
        let browsers = (Browser(app), Browser(app), Browser(app))
        try await browsers.0.signIn("author@example.org")
        try await browsers.1.signIn("editor@example.org")
        try await browsers.2.signIn("translator@example.org")
        return browsers
    }

    /// The practice form as the author sends it, with `title`.
    static func form(title: String) -> [String: String] {
        ["title": title, "originalLanguage": "en", "summary": "Summary.", "countries[]": "SN", "leadCountry": "SN",
         "pillars[]": "1", "themes[]": "youth", "maturity": "piloted", "evidenceLevel": "none", "startYear": "2018",
         "safeguards": "Safeguards.", "sources": "Source | https://www.un.org/counterterrorism/"]
    }

    static func t(_ key: String, _ language: Language = .en, _ arguments: [String: String] = [:]) -> String {
        escapeHTML(Catalogs.bundled.text(key, language, arguments))
    }

    @Test("ASVS 2.3.5 multi-user approval: an author's change to their published practice goes live only when an editor publishes it",
          arguments: TestEngine.all)
    func authorsChangeWaitsForAnEditor(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let (author, editor, translator) = try await Self.setUp(app)
            let form = try await author.get("/en/my/practices/\(Self.slug)")
            #expect(form.status == .ok)
            #expect(form.text.contains(Self.t("editorial.propose.intro")) && form.text.contains("value=\"propose\""))
            #expect(try await author.post("/en/my/practices/\(Self.slug)", Self.form(title: "Youth dialogue, second phase")).status == .seeOther)
            // Its translations too: the author's French waits; a translator's Arabic, saved meanwhile, is live.
            try await author.get("/en/translate/\(Self.slug)/fr")
            let proposed = try await author.post("/en/translate/\(Self.slug)/fr", ["title": "Dialogue des jeunes, deuxième phase"])
            #expect(proposed.status == .ok && proposed.text.contains(Self.t("translate.proposed")))
            try await translator.get("/en/translate/\(Self.slug)/ar")
            #expect(try await translator.post("/en/translate/\(Self.slug)/ar", ["title": "حوار الشباب"]).status == .ok)

            // Readers see the published text; the author sees their change waiting; editors see it in their queue.
            let page = try await app.get("/en/practices/\(Self.slug)").text
            #expect(page.contains("Youth dialogue in Dakar") && !page.contains("second phase"))
            #expect(!(try await app.get("/fr/practices/\(Self.slug)").text.contains("deuxième phase")))
            #expect(try await app.get("/ar/practices/\(Self.slug)").text.contains("حوار الشباب"))
            #expect(!(try await app.get("/api/v1/practices/\(Self.slug)").text.contains("second phase")))
            #expect(try await author.get("/en/my/practices").text.contains(Self.t("editorial.change.pending")))
            #expect(try await author.get("/en/my/practices/\(Self.slug)").text.contains("value=\"Youth dialogue, second phase\""),
                    "the author goes on from their change")
            let queue = try await editor.get("/en/review").text
            let waiting = try #require(queue.components(separatedBy: "stale-heading").first)
            #expect(waiting.contains("/en/review/\(Self.slug)") && waiting.contains(Self.t("review.change")))
            let review = try await editor.get("/en/review/\(Self.slug)").text
            #expect(review.contains("<ins>Youth dialogue, second phase</ins>") && review.contains("<ins>Dialogue des jeunes, deuxième phase</ins>"))
            #expect(review.contains(Self.t("review.publishChange")))

            // Published by the editor: live in every language, the translator's Arabic kept, off the queue.
            #expect(try await editor.post("/en/review/\(Self.slug)", ["decision": "publish"]).status == .seeOther)
            #expect(try await app.get("/en/practices/\(Self.slug)").text.contains("Youth dialogue, second phase"))
            #expect(try await app.get("/fr/practices/\(Self.slug)").text.contains("Dialogue des jeunes, deuxième phase"))
            #expect(try await app.get("/ar/practices/\(Self.slug)").text.contains("حوار الشباب"))
            #expect(!(try await editor.get("/en/review").text.contains("/en/review/\(Self.slug)")))
            #expect(try await editor.get("/en/review/\(Self.slug)").text.contains(Self.t("review.action.changePublished")))
            let audit = AuditLog(database: app.db)
            #expect(try await audit.entries(action: "practice.proposed").count == 2)
            #expect(try await audit.entries(action: "practice.changePublished").count == 1)
            #expect(!(try await author.get("/en/my/practices").text.contains(Self.t("editorial.change.pending"))))
        }
    }

    @Test("ASVS 2.3.5 multi-user approval: an editor returns an author's change with a comment, the practice stays published",
          arguments: TestEngine.all)
    func editorReturnsTheChange(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let (author, editor, _) = try await Self.setUp(app)
            try await author.get("/en/my/practices/\(Self.slug)")
            #expect(try await author.post("/en/my/practices/\(Self.slug)", Self.form(title: "Renamed")).status == .seeOther)
            try await editor.get("/en/review/\(Self.slug)")
            #expect(try await editor.post("/en/review/\(Self.slug)", ["decision": "changes", "comment": "Keep the place in the title."]).status == .seeOther)
            #expect(try await app.get("/en/practices/\(Self.slug)").status == .ok, "still published")
            #expect(!(try await editor.get("/en/review").text.contains("/en/review/\(Self.slug)")))
            #expect(try await author.get("/en/my/practices").text.contains(Self.t("editorial.change.returned")))
            let form = try await author.get("/en/my/practices/\(Self.slug)").text
            #expect(form.contains("Keep the place in the title.") && form.contains("value=\"Renamed\""))
            #expect(try await author.post("/en/my/practices/\(Self.slug)", Self.form(title: "Renamed in Dakar")).status == .seeOther)
            #expect(try await editor.get("/en/review").text.contains("/en/review/\(Self.slug)"), "back in the queue")
            #expect(try await AuditLog(database: app.db).entries(action: "practice.changeReturned").count == 1)
        }
    }

    /// The finding: a translator read and wrote drafts of other members, and a visitor told
    /// a draft's name from an unknown one (a redirect to sign in against a 404).
    @Test("ASVS 8.2.2 data-specific access: translators reach published practices only, and a draft's name cannot be probed",
          arguments: TestEngine.all)
    func translatorsReachPublishedPracticesOnly(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await TestUsers.make(app, "translator@example.org", roles: [.member, .translator])
            let translator = Browser(app), visitor = Browser(app)
            try await translator.signIn("translator@example.org")
            try await visitor.get("/en/account/login")
            #expect(try await translator.get("/en/translate/unpublished-idea/fr").status == .notFound)
            try await translator.get("/en/translate/regional-training/fr")
            #expect(try await translator.post("/en/translate/unpublished-idea/fr", ["title": "Brouillon traduit"]).status == .notFound)
            let draft = try #require(try await PracticeStore(database: app.db).find(slug: "unpublished-idea", publishedOnly: false))
            #expect(draft.record.translations[.fr] == nil, "nothing written")
            let known = try await visitor.get("/en/translate/unpublished-idea/fr"), unknown = try await visitor.get("/en/translate/no-such-idea/fr")
            #expect(known.status == unknown.status && known.headers.first(name: .location) == unknown.headers.first(name: .location))
        }
    }
}
