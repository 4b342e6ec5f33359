import Foundation
import SankofaCore
import SankofaStore
import SankofaTestSupport
import Testing
import VaporTesting
@testable import SankofaWeb

/// A centre's focal point is found by a few letters of a name, not chosen from every profile.
@Suite("Directory: a centre's focal point found by name")
struct CentreFocalPointTests {
    /// The form offers the focal point chosen and the profiles found by the name typed, never the
    /// whole directory; one profile found becomes the focal point; several come back among the
    /// choices (422), one of them chosen there wins over the typed name; none is refused.
    @Test(arguments: TestEngine.all)
    func theFocalPointIsFoundByName(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            for index in 0..<25 { try await DirectoryFixtures.save(app, DirectoryFixtures.expert("person-\(index)", marker: "Zed\(index)")) }
            try await TestUsers.make(app, "editor@example.org", roles: [.member, .editor], country: "SN")
            let browser = Browser(app)
            try await browser.signIn("editor@example.org")
            let blank = try await browser.get("/fr/centres/new")
            #expect(blank.status == .ok && blank.text.contains("f-focalPointSearch") && !blank.text.contains("value=\"person-3\""))

            let pairs: [(String, String)] = [
                ("name", "Centre de test"), ("originalLanguage", "fr"), ("description", "Un centre."), ("type", "government"),
                ("country", "SN"), ("themes[]", "prisons"), ("website", ""), ("contactURL", ""), ("experts", "person-2"), ("practices", ""),
            ]
            let created = try await browser.post("/fr/centres/new", pairs: pairs + [("focalPoint", ""), ("focalPointSearch", "ZED7")])
            #expect(created.status == .seeOther, "\(Self.errors(created.text))")
            let slug = "centre-de-test"
            #expect(try await CentreStore(database: app.db).find(slug: slug)?.record.focalPoint == "person-7")
            let edit = try await browser.get("/fr/centres/\(slug)/edit")
            #expect(edit.text.contains("value=\"person-7\" selected") && !edit.text.contains("value=\"person-3\""))

            let several = try await browser.post("/fr/centres/\(slug)/edit", pairs: pairs + [("focalPoint", "person-7"), ("focalPointSearch", "zed1")])
            #expect(several.status == .unprocessableEntity && several.text.contains("f-focalPointSearch-error"))
            for found in ["person-1", "person-10", "person-19"] { #expect(several.text.contains("value=\"\(found)\""), "\(found)") }
            #expect(!several.text.contains("value=\"person-3\""))
            let chosen = try await browser.post("/fr/centres/\(slug)/edit", pairs: pairs + [("focalPoint", "person-12"), ("focalPointSearch", "zed1")])
            #expect(chosen.status == .seeOther, "\(Self.errors(chosen.text))")
            #expect(try await CentreStore(database: app.db).find(slug: slug)?.record.focalPoint == "person-12")

            let none = try await browser.post("/fr/centres/\(slug)/edit", pairs: pairs + [("focalPoint", "person-12"), ("focalPointSearch", "nobody%")])
            #expect(none.status == .unprocessableEntity && none.text.contains("f-focalPointSearch-error"))
            let unknown = try await browser.post("/fr/centres/\(slug)/edit", pairs: pairs + [("focalPoint", "no-such-person")])
            #expect(unknown.status == .unprocessableEntity && unknown.text.contains("f-focalPoint-error"))
        }
    }

    /// The fields a refused form marks, for the failure's message.
    static func errors(_ html: String) -> [String] {
        html.components(separatedBy: "id=\"f-").dropFirst().compactMap { $0.split(separator: "\"").first.map(String.init) }
            .filter { $0.hasSuffix("-error") }
    }
}
