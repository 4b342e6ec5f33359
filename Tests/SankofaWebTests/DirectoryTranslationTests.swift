import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// Centres and courses are translated on the web as practices are: field by field beside the
/// original, from the translators' queue, public and searchable once saved.
@Suite("Directory translations")
struct DirectoryTranslationTests {
    static let catalogs = Catalogs.bundled

    static func summary(_ key: String, _ count: Int, _ target: Language, _ language: Language) -> String {
        escapeHTML(catalogs.plural("translationQueue.count.\(key)", count: count, language, ["language": target.name(in: language)]))
    }

    @Test(arguments: TestEngine.all)
    func theQueueListsCentresAndCurrentCoursesWaitingInALanguage(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            // The centre is written in English and translated into Arabic; the courses are in English
            // only, one next month, one ended.
            let store = CentreStore(database: app.db), courseStore = CourseStore(database: app.db)
            try await store.save(DirectoryFixtures.centre("kenya-prisons"))
            let day = 86_400.0
            try await courseStore.save(DirectoryFixtures.course("kenya-prisons", centre: "kenya-prisons", start: ISODay.format(Date() + 30 * day),
                                                          end: ISODay.format(Date() + 34 * day)))
            try await courseStore.save(DirectoryFixtures.course("old-course", start: ISODay.format(Date() - 40 * day), end: ISODay.format(Date() - 36 * day)))
            try await TestUsers.make(app, "translator@example.org", roles: [.member, .translator])
            let translator = Browser(app)
            try await translator.signIn("translator@example.org")

            let centres = try await translator.get("/fr/translate?kind=centres")
            #expect(centres.status == .ok)
            #expect(centres.text.contains("/fr/translate/centres/kenya-prisons/fr") && centres.text.contains("Centre kenya-prisons"))
            #expect(centres.text.contains(Self.summary("centres", 1, .fr, .fr)))
            #expect(!centres.text.contains("/fr/translate/regional-training/fr"), "practices are on their own tab")
            // The kinds, each with its count in the target language, keep the language chosen.
            #expect(centres.text.contains("/fr/translate?target=fr&amp;kind=courses"))
            let arabic = try await translator.get("/fr/translate?kind=centres&target=ar").text
            #expect(!arabic.contains("/fr/translate/centres/kenya-prisons/ar") && arabic.contains(Self.summary("centres", 0, .ar, .fr)))

            let courses = try await translator.get("/ar/translate?kind=courses&target=fr").text
            #expect(courses.contains("/ar/translate/courses/kenya-prisons/fr"))
            #expect(!courses.contains("old-course"), "a course that has ended is history, not work")
            #expect(courses.contains(Self.summary("courses", 1, .fr, .ar)))

            // A text without a field the original has (saved before the original gained it) is
            // not a translation yet: the course waits for Spanish though it has a Spanish title.
            _ = try await courseStore.translate("kenya-prisons", into: .es, CourseText(title: "Curso"))
            #expect(try await translator.get("/fr/translate?kind=courses&target=es").text.contains("/fr/translate/courses/kenya-prisons/es"))
            _ = try await courseStore.translate("kenya-prisons", into: .es, CourseText(title: "Curso", description: "Formación.",
                                                                                        eligibility: "Agentes", howToApply: "Escriba."))
            #expect(try await translator.get("/fr/translate?kind=courses&target=es").text.contains(Self.summary("courses", 0, .es, .fr)))

            #expect(try await translator.get("/fr/translate?kind=experts").status == .badRequest)
            #expect(try await translator.get("/fr/translate?kind=centres&page=0").status == .badRequest)
        }
    }

    @Test(arguments: TestEngine.all)
    func translatorsTranslateACentreAndACourseFieldByField(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await DirectoryFixtures.saveCentreAndCourse(app, slug: "kenya-prisons")
            try await TestUsers.make(app, "translator@example.org", roles: [.member, .translator])
            try await TestUsers.make(app, "member@example.org", roles: [.member])
            let translator = Browser(app), member = Browser(app)
            try await translator.signIn("translator@example.org")
            try await member.signIn("member@example.org")
            let path = "/fr/translate/centres/kenya-prisons/fr"

            // The pages offer the form to those who may use it, and only to them.
            #expect(try await translator.get("/fr/centres/kenya-prisons").text.contains(path))
            #expect(!(try await app.get("/fr/centres/kenya-prisons").text.contains("/translate/")))
            #expect(try await member.get(path).status == .forbidden)
            // With a valid token (a page with forms read first): refused by the access policy.
            try await member.get("/fr/account")
            let refusedPost = try await member.post(path, ["name": "Nom", "description": "Texte"])
            #expect(refusedPost.status == .forbidden && !refusedPost.text.contains(escapeHTML(Self.catalogs.text("error.csrf.message", .fr))))

            let fallback = #"<p class="fallback-note" role="note">"#
            #expect(try await app.get("/fr/centres/kenya-prisons").text.contains(fallback), "English shown to a French reader, marked")
            let form = try await translator.get(path)
            #expect(form.status == .ok && form.text.contains("A centre for prison officers."))
            // The language of each text is on the text, not on the labels; the language being
            // translated into is the current one, those with a text say so in words.
            #expect(form.text.contains(#"id="f-name" name="name" lang="fr" dir="ltr""#) && form.text.contains(#"<p class="original-text" lang="en" dir="ltr">"#))
            #expect(form.text.contains(#"aria-current="page" class="selected"><span lang="fr">"#))
            #expect(form.text.contains(#"<span lang="ar">العربية</span> <span class="badge">\#(escapeHTML(Self.catalogs.text("translate.hasText", .fr)))</span>"#))
            // Refused: no name, a name past the store's limit; what was typed comes back.
            #expect(try await translator.post(path, ["name": "", "description": "Texte"]).status == .unprocessableEntity)
            let long = try await translator.post(path, ["name": String(repeating: "é", count: 201)])
            #expect(long.status == .unprocessableEntity)
            #expect(long.text.contains(escapeHTML(Self.catalogs.text("error.tooLong", .fr))) && long.text.contains(String(repeating: "é", count: 201)))
            // Whole: the original has a description, so the translation must have one too.
            let partial = try await translator.post(path, ["name": "Centre pénitentiaire du Kenya", "description": ""])
            #expect(partial.status == .unprocessableEntity && partial.text.contains("f-description-error"))
            #expect(try await CentreStore(database: app.db).find(slug: "kenya-prisons")?.record.translations[.fr] == nil)

            #expect(try await translator.post(path, ["name": "Centre\u{0}"]).status == .badRequest, "a NUL byte in a form is refused whole")
            let saved = try await translator.post(path, ["name": "Centre pénitentiaire <du> Kenya",
                                                         "description": "Un centre pour les agents pénitentiaires."])
            #expect(saved.status == .ok && saved.text.contains(escapeHTML(Self.catalogs.text("translate.saved", .fr))))
            let centre = try #require(try await CentreStore(database: app.db).find(slug: "kenya-prisons")).record
            let before = DirectoryFixtures.centre("kenya-prisons")
            #expect(centre.translations[.fr] == CentreText(name: "Centre pénitentiaire <du> Kenya", description: "Un centre pour les agents pénitentiaires."))
            #expect(centre.translations[.ar] == before.translations[.ar] && centre.website == before.website && centre.practices == before.practices)
            let page = try await app.get("/fr/centres/kenya-prisons").text
            #expect(page.contains("Centre pénitentiaire &lt;du&gt; Kenya"))
            // The centre's own text is no longer a fallback (its English course's card still is).
            #expect(!page.contains(fallback))
            let found = try await searchIndex(on: app.db).search(SearchRequest(query: "penitentiaire"), preferring: .fr)
            #expect(found.hits.contains { $0.kind == .centre && $0.slug == "kenya-prisons" && $0.language == .fr })
            #expect(try await AuditLog(database: app.db).entries(action: "centre.translated").map(\.target) == ["kenya-prisons"])

            // A course: four fields, into Spanish, from an Arabic page.
            let course = "/ar/translate/courses/kenya-prisons/es"
            #expect(try await translator.get(course).text.contains("Write to the centre."))
            let courseSaved = try await translator.post(course, ["title": "Curso para agentes penitenciarios", "description": "Formación.",
                                                                 "eligibility": "Agentes penitenciarios", "howToApply": "Escriba al centro."])
            #expect(courseSaved.status == .ok)
            let spanish = try await app.get("/es/courses/kenya-prisons").text
            #expect(spanish.contains("Curso para agentes penitenciarios") && spanish.contains("Escriba al centro."))
            #expect(try await CourseStore(database: app.db).find(slug: "kenya-prisons")?.record.startDate == "2030-03-01")

            // The original's language, an unknown language, an unknown record.
            #expect(try await translator.get("/fr/translate/courses/kenya-prisons/en").status == .badRequest)
            #expect(try await translator.get("/fr/translate/centres/kenya-prisons/xx").status == .badRequest)
            #expect(try await translator.get("/fr/translate/centres/no-such-centre/fr").status == .notFound)
        }
    }

    /// Translators saving different languages of one record at the same moment each keep theirs:
    /// each save locks the record and sets its language on the record as it then is.
    @Test(arguments: TestEngine.all)
    func simultaneousTranslationsOfOneRecordAreAllKept(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await CentreStore(database: app.db).save(DirectoryFixtures.centre("kenya-prisons"))
            let targets: [Language] = [.fr, .es, .ru, .zh]
            try await withThrowingTaskGroup(of: Bool.self) { group in
                for target in targets {
                    group.addTask {
                        try await CentreStore(database: app.db).translate("kenya-prisons", into: target,
                                                                                CentreText(name: "Centre \(target.rawValue)", description: "Texte."))
                    }
                }
                for try await saved in group { #expect(saved) }
            }
            let record = try #require(try await CentreStore(database: app.db).find(slug: "kenya-prisons")).record
            #expect(Set(record.translations.languages) == Set(targets + [.en, .ar]))
            #expect(try await CentreStore(database: app.db).translate("no-such-centre", into: .fr, CentreText(name: "x")) == false)
        }
    }

    /// The focal points who offer courses translate those of their own country only.
    @Test func focalPointsTranslateTheirOwnCountrysCourses() {
        let kenya = Actor(userID: "1", status: .active, roles: [.member, .focalPoint], country: "KE")
        #expect(DirectoryTranslateController.mayTranslate(kenya, .course, country: "KE"))
        #expect(!DirectoryTranslateController.mayTranslate(kenya, .course, country: "NG"))
        #expect(!DirectoryTranslateController.mayTranslate(kenya, .centre, country: "KE"))
        let translator = Actor(userID: "2", status: .active, roles: [.member, .translator], country: "NG")
        #expect(DirectoryTranslateController.mayTranslate(translator, .course, country: "KE") && DirectoryTranslateController.mayTranslate(translator, .centre, country: "KE"))
    }
}
