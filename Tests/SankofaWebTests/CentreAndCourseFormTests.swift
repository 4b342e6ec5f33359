import Foundation
import SankofaCore
import SankofaStore
import SankofaTestSupport
import SQLKit
import Testing
import Vapor
import VaporTesting
@testable import SankofaWeb

/// Focal points offering courses of their own country, editors adding and editing centres.
@Suite("Directory: centre and course forms")
struct CentreAndCourseFormTests {
    @Test(arguments: TestEngine.all)
    func aFocalPointOffersCoursesOfTheirOwnCountry(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await CentreStore(database: app.db).save(DirectoryFixtures.centre("bogota-centre", country: "CO"))
            try await TestUsers.make(app, "trainer@example.org", roles: [.member, .focalPoint], country: "CO")
            let browser = Browser(app)
            try await browser.signIn("trainer@example.org")
            #expect(try await browser.get("/es/courses").text.contains("/es/courses/new"))
            try await browser.get("/es/courses/new")
            var pairs: [(String, String)] = [
                ("title", "Reintegración comunitaria: curso práctico"), ("originalLanguage", "es"), ("description", "Cinco días en Bogotá."),
                ("eligibility", "Funcionarios de reintegración"), ("howToApply", "Escriba al centro."), ("themes[]", "rehabilitation-reintegration"),
                ("centre", "bogota-centre"), ("country", "CO"), ("modality", "inPerson"), ("location", "Bogotá"),
                ("startDate", "2031-06-02"), ("endDate", "2031-06-06"), ("languages[]", "es"), ("languages[]", "en"), ("seats", "24"),
                ("costCoverage", "inKindSupport"), ("applyURL", "https://example.org/inscripcion"),
            ]
            let created = try await browser.post("/es/courses/new", pairs: pairs)
            #expect(created.status == .seeOther && created.headers.first(name: .location) == "/es/courses/reintegracion-comunitaria-curso-practico")
            let course = try #require(try await CourseStore(database: app.db).find(slug: "reintegracion-comunitaria-curso-practico"))
            #expect(course.record.centre == "bogota-centre" && course.record.languages == ["es", "en"] && course.record.seats == 24)
            // A theme code longer than 20 characters was cut and lost.
            #expect(course.record.themes == [.rehabilitationReintegration])
            #expect(try await app.get("/en/courses/reintegracion-comunitaria-curso-practico").text.contains("Reintegración comunitaria"))
            // Not for another country, and bad dates come back with the fields kept.
            pairs = pairs.filter { !["country", "endDate"].contains($0.0) } + [("country", "PE"), ("endDate", "2031-05-01")]
            let refused = try await browser.post("/es/courses/new", pairs: pairs)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("f-country-error") && refused.text.contains("f-endDate-error"))
            #expect(refused.text.contains("Cinco días en Bogotá."))
            // Nor under a centre of another country, nor with dates that are not canonical ISO days.
            try await CentreStore(database: app.db).save(DirectoryFixtures.centre("lima-centre", country: "PE"))
            pairs = pairs.filter { !["country", "endDate", "centre", "startDate"].contains($0.0) }
                + [("country", "CO"), ("centre", "lima-centre"), ("startDate", "2031-6-2"), ("endDate", "2031-06-06")]
            let foreign = try await browser.post("/es/courses/new", pairs: pairs)
            #expect(foreign.status == .unprocessableEntity && foreign.text.contains("f-centre-error") && foreign.text.contains("f-startDate-error"))
            try await CourseStore(database: app.db).save(DirectoryFixtures.course("lima-course", country: "PE", start: "2031-01-01", end: "2031-01-02"))
            #expect(try await browser.get("/es/courses/lima-course/edit").status == .forbidden)
            #expect(try await browser.get("/es/courses/reintegracion-comunitaria-curso-practico/edit").status == .ok)
            // Who may apply and how: long texts are kept whole up to the store's limit (they were
            // cut at 2,000 characters without a word), and refused past it.
            let long = String(repeating: "Requisitos del programa. ", count: 200)
            pairs = pairs.filter { !["centre", "startDate", "eligibility"].contains($0.0) }
                + [("centre", "bogota-centre"), ("startDate", "2031-06-02"), ("eligibility", long)]
            let edited = try await browser.post("/es/courses/reintegracion-comunitaria-curso-practico/edit", pairs: pairs)
            #expect(edited.status == .seeOther)
            #expect(try await CourseStore(database: app.db).find(slug: "reintegracion-comunitaria-curso-practico")?.record.translations[.es]?.eligibility
                    == long.trimmingCharacters(in: .whitespaces))
            pairs = pairs.filter { $0.0 != "eligibility" } + [("eligibility", String(repeating: "x", count: DirectoryValidation.maxText + 1))]
            let tooLong = try await browser.post("/es/courses/reintegracion-comunitaria-curso-practico/edit", pairs: pairs)
            #expect(tooLong.status == .unprocessableEntity && tooLong.text.contains("f-eligibility-error"))
        }
    }

    /// Editors add and edit Centres of Excellence on the web: the centre is public and found by
    /// search at once, its links to profiles and practices must name existing ones, bad input
    /// comes back with the text kept, each save is in the audit log; a focal point cannot.
    @Test(arguments: TestEngine.all)
    func editorsAddAndEditCentres(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("amina-diallo", country: "SN", profile: .public))
            try await TestUsers.make(app, "editor@example.org", roles: [.member, .editor], country: "SN")
            let browser = Browser(app)
            try await browser.signIn("editor@example.org")
            #expect(try await browser.get("/fr/centres").text.contains("/fr/centres/new"))
            #expect(try await browser.get("/fr/centres/new").status == .ok)
            var pairs: [(String, String)] = [
                ("name", "Centre régional de formation pénitentiaire"), ("originalLanguage", "fr"),
                ("description", "Forme les agents pénitentiaires de la sous-région."), ("type", "government"), ("country", "SN"),
                ("themes[]", "prisons"), ("themes[]", "rehabilitation-reintegration"), ("website", "https://example.org/crfp"),
                ("contactURL", ""), ("focalPoint", "amina-diallo"), ("experts", "amina-diallo"), ("practices", "prison-dialogue"),
            ]
            let created = try await browser.post("/fr/centres/new", pairs: pairs)
            let slug = "centre-regional-de-formation-penitentiaire"
            #expect(created.status == .seeOther && created.headers.first(name: .location) == "/fr/centres/\(slug)")
            let centre = try #require(try await CentreStore(database: app.db).find(slug: slug))
            #expect(centre.record.focalPoint == "amina-diallo" && centre.record.experts == ["amina-diallo"])
            #expect(centre.record.practices == ["prison-dialogue"] && centre.record.themes == [.prisons, .rehabilitationReintegration])
            #expect(try await app.get("/en/centres/\(slug)").text.contains("Centre régional de formation pénitentiaire"))
            let found = try await searchIndex(on: app.db).search(SearchRequest(query: "penitentiaire"), preferring: .en)
            #expect(found.hits.contains { $0.kind == .centre && $0.slug == slug })
            #expect(try await browser.get("/fr/centres/\(slug)").text.contains("/fr/centres/\(slug)/edit"))

            // Links to nothing and an address that is not a web page: refused, the text kept.
            pairs = pairs.filter { !["experts", "practices", "website"].contains($0.0) }
                + [("experts", "amina-diallo\nnobody-here"), ("practices", "no-such-practice"), ("website", "javascript:alert(1)")]
            #expect(try await browser.get("/fr/centres/\(slug)/edit").status == .ok)
            let refused = try await browser.post("/fr/centres/\(slug)/edit", pairs: pairs)
            #expect(refused.status == .unprocessableEntity)
            for field in ["experts", "practices", "website"] { #expect(refused.text.contains("f-\(field)-error"), "\(field)") }
            #expect(refused.text.contains("Forme les agents pénitentiaires de la sous-région."))
            #expect(try await CentreStore(database: app.db).find(slug: slug)?.record.website == "https://example.org/crfp")

            // Renamed: the address stays; the English text added by a translator stays too, and so
            // may a link the record already had to a practice no longer published.
            var translated = centre.record
            translated.translations[.en] = CentreText(name: "Regional prison training centre")
            translated.practices = ["prison-dialogue", "retired-practice"]
            _ = try await CentreStore(database: app.db).save(translated)
            pairs = pairs.filter { !["experts", "practices", "website", "name"].contains($0.0) }
                + [("experts", ""), ("practices", "retired-practice"), ("website", ""), ("name", "Centre de formation pénitentiaire de Dakar")]
            let updated = try await browser.post("/fr/centres/\(slug)/edit", pairs: pairs)
            #expect(updated.status == .seeOther && updated.headers.first(name: .location) == "/fr/centres/\(slug)")
            let saved = try #require(try await CentreStore(database: app.db).find(slug: slug)).record
            #expect(saved.translations[.fr]?.name == "Centre de formation pénitentiaire de Dakar" && saved.website == nil && saved.experts.isEmpty)
            #expect(saved.translations[.en]?.name == "Regional prison training centre" && saved.practices == ["retired-practice"])
            let actions = try await (app.db as! any SQLDatabase).raw("SELECT action FROM audit_log WHERE target = \(bind: slug) ORDER BY id").all()
                .map { try $0.decode(column: "action", as: String.self) }
            #expect(actions == ["centre.created", "centre.updated"])

            // A focal point offers courses but does not edit centres.
            try await TestUsers.make(app, "focal@example.org", roles: [.member, .focalPoint], country: "SN")
            let focal = Browser(app)
            try await focal.signIn("focal@example.org")
            #expect(!(try await focal.get("/fr/centres/\(slug)").text.contains("/edit")))
            #expect(try await focal.get("/fr/centres/\(slug)/edit").status == .forbidden)
        }
    }
}
