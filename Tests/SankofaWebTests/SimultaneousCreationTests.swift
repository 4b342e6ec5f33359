import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// Two people giving a new record the same title at the same moment get two records: the slug is
/// chosen in the transaction that saves it (``NewSlug``). Chosen before, both found the same slug
/// free and the second save replaced the first person's record.
@Suite("Simultaneous creations")
struct SimultaneousCreationTests {
    /// Posts every form at once and returns the redirects' locations.
    static func postAtOnce(_ posts: [(Browser, String, [(String, String)])]) async throws -> [String] {
        try await withThrowingTaskGroup(of: (HTTPStatus, String?).self) { group in
            for (browser, path, pairs) in posts {
                group.addTask {
                    let response = try await browser.post(path, pairs: pairs)
                    return (response.status, response.headers.first(name: .location))
                }
            }
            var locations: [String] = []
            for try await (status, location) in group {
                #expect(status == .seeOther)
                if let location { locations.append(location) }
            }
            return locations.sorted()
        }
    }

    @Test(arguments: TestEngine.all)
    func membersSubmittingTheSameTitleAtOnceEachKeepTheirPractice(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            var posts: [(Browser, String, [(String, String)])] = []
            for index in 0..<4 {
                try await TestUsers.make(app, "member\(index)@example.org", country: "SN")
                let browser = Browser(app)
                try await browser.signIn("member\(index)@example.org")
                try await browser.get("/fr/submit")
                var form = EditorialTests.form(title: "Dialogue des jeunes")
                form["summary"] = "Résumé du membre \(index)."
                posts.append((browser, "/fr/submit", form.map { ($0.key, $0.value) }))
            }
            _ = try await Self.postAtOnce(posts)
            let practices = try await PracticeModel.query(on: app.db).with(\.$translations).all()
            #expect(practices.map(\.slug).sorted() == ["dialogue-des-jeunes", "dialogue-des-jeunes-2", "dialogue-des-jeunes-3", "dialogue-des-jeunes-4"])
            // Each author has theirs, with their own text.
            #expect(Set(practices.compactMap(\.authorID)).count == 4)
            #expect(Set(practices.map { $0.text(in: .fr).text.summary }) == Set((0..<4).map { "Résumé du membre \($0)." }))
            for (index, (browser, _, _)) in posts.enumerated() {
                let mine = try await browser.get("/fr/my/practices").text
                #expect(mine.components(separatedBy: "Dialogue des jeunes").count == 2, "member \(index) sees one practice")
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func editorsCreatingCentresCoursesAndProfilesOfOneNameAtOnceGetThemAll(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await CentreStore(database: app.db).save(DirectoryFixtures.centre("bogota-centre", country: "CO"))
            var editors: [Browser] = []
            for index in 0..<3 {
                try await TestUsers.make(app, "editor\(index)@example.org", roles: [.member, .editor], country: "CO")
                let browser = Browser(app)
                try await browser.signIn("editor\(index)@example.org")
                try await browser.get("/es/centres/new")
                editors.append(browser)
            }
            let centres = try await Self.postAtOnce(editors.enumerated().map { index, editor in
                (editor, "/es/centres/new", [("name", "Centro de formación"), ("originalLanguage", "es"), ("description", "Descripción \(index)."),
                                              ("type", "academic"), ("country", "CO"), ("themes[]", "prisons")])
            })
            #expect(centres == ["/es/centres/centro-de-formacion", "/es/centres/centro-de-formacion-2", "/es/centres/centro-de-formacion-3"])
            let courses = try await Self.postAtOnce(editors.enumerated().map { index, editor in
                (editor, "/es/courses/new", [("title", "Curso práctico"), ("originalLanguage", "es"), ("description", "Curso \(index)."),
                                              ("themes[]", "prisons"), ("centre", "bogota-centre"), ("country", "CO"), ("modality", "remote"),
                                              ("startDate", "2031-06-02"), ("endDate", "2031-06-06"), ("languages[]", "es"), ("costCoverage", "free")])
            })
            #expect(courses == ["/es/courses/curso-practico", "/es/courses/curso-practico-2", "/es/courses/curso-practico-3"])
            let profiles = try await Self.postAtOnce(editors.enumerated().map { index, editor in
                (editor, "/es/experts/new", [("name", "Ana Gómez"), ("email", "ana\(index)@example.org"), ("country", "CO"),
                                              ("originalLanguage", "es"), ("visibility_profile", "public")])
            })
            #expect(profiles == ["/es/experts/ana-gomez", "/es/experts/ana-gomez-2", "/es/experts/ana-gomez-3"])

            // Nothing was written over: each record holds the text of one of the three posts.
            let store = CentreStore(database: app.db), experts = ExpertStore(database: app.db)
            var descriptions: Set<String> = [], courseTexts: Set<String> = [], emails: Set<String> = []
            for suffix in ["", "-2", "-3"] {
                let centre = try #require(try await store.find(slug: "centro-de-formacion\(suffix)"))
                descriptions.insert(centre.record.translations[.es]?.description ?? "")
                let course = try #require(try await CourseStore(database: app.db).find(slug: "curso-practico\(suffix)"))
                courseTexts.insert(course.record.translations[.es]?.description ?? "")
                let profile = try #require(try await experts.find(slug: "ana-gomez\(suffix)"))
                emails.insert(profile.contactEmail ?? "")
            }
            #expect(descriptions == ["Descripción 0.", "Descripción 1.", "Descripción 2."])
            #expect(courseTexts == ["Curso 0.", "Curso 1.", "Curso 2."])
            #expect(emails == ["ana0@example.org", "ana1@example.org", "ana2@example.org"])
        }
    }

    /// A member's "create my profile" sent twice at once (a double click) makes one profile; both
    /// answers lead to it (the second was a 409 before the slug was chosen in the transaction, and
    /// would have broken the one-profile-per-account rule after).
    @Test(arguments: TestEngine.all)
    func aProfileFormSentTwiceAtOnceMakesOneProfile(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let user = try await TestUsers.make(app, "lin@example.org", country: "KE")
            let browser = Browser(app)
            try await browser.signIn("lin@example.org")
            try await browser.get("/en/account/profile")
            let form: [(String, String)] = [("name", "Lin Wei"), ("country", "KE"), ("originalLanguage", "en"), ("level_en", "native")]
            let locations = try await Self.postAtOnce([(browser, "/en/account/profile", form), (browser, "/en/account/profile", form)])
            #expect(locations == ["/en/experts/lin-wei", "/en/experts/lin-wei"])
            #expect(try await ExpertStore(database: app.db).find(owner: user.id!)?.slug == "lin-wei")
            #expect(try await ExpertStore(database: app.db).find(slug: "lin-wei-2") == nil)
        }
    }
}
