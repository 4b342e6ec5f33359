import Foundation
import SankofaCore
import SankofaStore
import SankofaTestSupport
import Testing
import Vapor
import VaporTesting
@testable import SankofaWeb

/// Profiles written by members (protective defaults, linked practices, bad input) and by
/// editors for a person who claims them later; a profile in the data export and deleted with
/// the account.
@Suite("Directory: expert profiles")
struct ExpertProfileTests {
    @Test(arguments: TestEngine.all)
    func aMemberWritesTheirOwnProfileWithProtectiveDefaults(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let user = try await TestUsers.make(app, "ana@example.org", country: "CO")
            let browser = Browser(app)
            try await browser.signIn("ana@example.org")
            let form = try await browser.get("/en/account/profile")
            #expect(form.status == .ok && form.text.contains("Create my expert profile"))
            let pairs: [(String, String)] = [
                ("name", "Ana María Rojas"), ("title", "Reintegration adviser"), ("organisation", "Agencia para la Reincorporación"), ("country", "CO"),
                ("originalLanguage", "es"), ("biography", "Trabajo en reintegración desde 2008."), ("yearsOfExperience", "16"),
                ("themes[]", "rehabilitation-reintegration"), ("pillars[]", "1"), ("experienceKinds[]", "practitioner"),
                ("experienceCountries[]", "PH"), ("practices[]", "south-south-exchange"), ("level_es", "native"), ("level_en", "working"),
                ("otherLanguage1", "pt"), ("otherLevel1", "basic"), ("offer_mentoring[]", "yes"), ("offer_mentoring_modality[]", "remote"),
                ("offer_mentoring_languages[]", "es"), ("offer_mentoring_availability", "from"), ("offer_mentoring_from", "2027-01-15"),
                ("links", "ARN | https://www.reincorporacion.gov.co/"),
            ]
            let saved = try await browser.post("/en/account/profile", pairs: pairs)
            #expect(saved.status == .seeOther && saved.headers.first(name: .location) == "/en/experts/ana-maria-rojas")
            let stored = try #require(try await ExpertStore(database: app.db).find(owner: user.id!))
            #expect(stored.record.languages == [.init(code: "en", level: .working), .init(code: "es", level: .native), .init(code: "pt", level: .basic)])
            #expect(stored.record.offers == [Offer(type: .mentoring, modality: [.remote], languages: ["es"], availability: .from("2027-01-15"))])
            #expect(stored.record.visibility == ProfileVisibility(Dictionary(uniqueKeysWithValues: ProfileField.allCases.map { ($0, .members) })))
            #expect(try await UserModel.find(user.id, on: app.db)?.roleSet.contains(.expert) == true)
            // Protective defaults: a visitor sees nothing; the practice page names her for members only.
            #expect(try await app.get("/en/experts/ana-maria-rojas").status == .notFound)
            #expect(!(try await app.get("/en/practices/south-south-exchange").text.contains("Ana María Rojas")))
            #expect(try await browser.get("/en/practices/south-south-exchange").text.contains("Ana María Rojas"))
            // A practice page names the centres that list it, and only those.
            var unlinked = DirectoryFixtures.centre("unlinked-centre")
            unlinked.practices = []
            try await CentreStore(database: app.db).save(unlinked)
            try await CentreStore(database: app.db).save(DirectoryFixtures.centre("linked-centre"))
            let linkedPage = try await app.get("/en/practices/regional-training").text
            #expect(linkedPage.contains("/en/centres/linked-centre") && !linkedPage.contains("/en/centres/unlinked-centre"))
            #expect(!(try await app.get("/en/practices/south-south-exchange").text.contains("/en/centres/linked-centre")))
            // She opens the profile but keeps her organisation to members.
            var open = pairs.filter { !$0.0.hasPrefix("visibility_") }
            open += ProfileField.allCases.map { ("visibility_\($0.rawValue)", $0 == .organisation ? "members" : "public") }
            #expect(try await browser.post("/en/account/profile", pairs: open).status == .seeOther)
            let public_ = try await app.get("/en/experts/ana-maria-rojas")
            #expect(public_.status == .ok && public_.text.contains("Trabajo en reintegración") && !public_.text.contains("Agencia para la Reincorporación"))
            #expect(public_.text.contains("lang=\"es\""))
            // Lines of bare bars in the links are not a crash; "| address" is a link to the address.
            var odd = open.filter { $0.0 != "links" }
            odd.append(("links", "|\n||\n | https://example.org/a\nReport | 2024 | https://example.org/b"))
            #expect(try await browser.post("/en/account/profile", pairs: odd).status == .seeOther)
            let links = try #require(try await ExpertStore(database: app.db).find(owner: user.id!)).record.links
            #expect(links == [ProfileLink(title: "https://example.org/a", url: "https://example.org/a"),
                              ProfileLink(title: "Report | 2024", url: "https://example.org/b")])
            // Bad input comes back with the fields kept and the errors named.
            var bad = open.filter { !["country", "yearsOfExperience", "offer_mentoring_from"].contains($0.0) }
            bad += [("country", "XX"), ("yearsOfExperience", "300"), ("offer_mentoring_from", "2027-02-30")]
            let refused = try await browser.post("/en/account/profile", pairs: bad)
            #expect(refused.status == .unprocessableEntity && refused.text.contains("Trabajo en reintegración"))
            #expect(refused.text.contains("f-country-error") && refused.text.contains("f-yearsOfExperience-error") && refused.text.contains("f-offer_mentoring_from-error"))
        }
    }

    /// Past `ProfileController.practiceBoxes` published practices the profile form offers the
    /// linked ones as boxes and a box to add others by address or short name; a line naming no
    /// published practice, or no practice at all, is an error on that box and nothing is saved.
    @Test(arguments: TestEngine.all)
    func aLargeCatalogueIsLinkedByAddress(engine: TestEngine) async throws {
        let records = (0...ProfileController.practiceBoxes).map {
            Fixtures.record(String(format: "many-%03d", $0), countries: ["KE"], themes: [.youth], pillars: [.capacityBuilding],
                            maturity: .piloted, title: "Practice number \($0)")
        }
        try await withTestApp(engine, data: .records(records)) { app in
            let user = try await TestUsers.make(app, "lin@example.org", country: "KE")
            let browser = Browser(app)
            try await browser.signIn("lin@example.org")
            let empty = try await browser.get("/en/account/profile").text
            #expect(empty.contains("name=\"practicesAdd\"") && !empty.contains("value=\"many-000\""))
            let profile: [(String, String)] = [
                ("name", "Lin Wei"), ("country", "KE"), ("originalLanguage", "en"), ("level_en", "native"),
            ]
            for (lines, message) in [("https://example.org/en/practices/no-such-practice", "is not in the catalogue"),
                                     ("many-001\nnot a practice at all", "Each line must be")] {
                let refused = try await browser.post("/en/account/profile", pairs: profile + [("practicesAdd", lines)])
                #expect(refused.status == .unprocessableEntity && refused.text.contains(message), "\(lines)")
                #expect(try await ExpertStore(database: app.db).find(owner: user.id!) == nil)
            }
            let added = "https://sankofa.example.org/fr/practices/many-007?from=search#top\n  many-150  \n\nmany-007"
            let saved = try await browser.post("/en/account/profile", pairs: profile + [("practicesAdd", added)])
            #expect(saved.status == .seeOther)
            #expect(try await ExpertStore(database: app.db).find(owner: user.id!)?.record.practices == ["many-007", "many-150"])
            let form = try await browser.get("/en/account/profile").text
            #expect(form.contains("value=\"many-007\"") && form.contains("Practice number 150") && !form.contains("value=\"many-008\""))
        }
    }

    @Test(arguments: TestEngine.all)
    func aProfileIsInTheDataExportAndGoesWithTheAccount(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let user = try await TestUsers.make(app, "leaving@example.org")
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("leaving", fields: [.biography: .public]), owner: user.id)
            let browser = Browser(app)
            try await browser.signIn("leaving@example.org")
            let export = try await browser.get("/en/account/export").text
            #expect(export.contains("\"profile\"") && export.contains("biographymarkleaving") && export.contains("leaving@hidden.example.org"))
            #expect(try await app.get("/api/v1/search?q=biographymarkleaving").text.contains("\"total\":1"))
            try await browser.get("/en/account")
            #expect(try await browser.post("/en/account/delete", ["password": TestUsers.password]).status == .seeOther)
            #expect(try await ExpertStore(database: app.db).find(slug: "leaving") == nil)
            #expect(try await app.get("/api/v1/search?q=biographymarkleaving").text.contains("\"total\":0"))
        }
    }

    @Test(arguments: TestEngine.all)
    func anEditorCreatesAProfileThatItsPersonClaims(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "editor@example.org", roles: [.member, .editor])
            let editor = Browser(app)
            try await editor.signIn("editor@example.org")
            #expect(try await editor.get("/en/experts/new").status == .ok)
            let created = try await editor.post("/en/experts/new", pairs: [
                ("name", "Yusuf Bello"), ("email", "Yusuf.Bello@example.org"), ("country", "NG"), ("originalLanguage", "en"),
                ("focalPointFor", "country"), ("visibility_profile", "public"),
            ])
            #expect(created.status == .seeOther && created.headers.first(name: .location) == "/en/experts/yusuf-bello")
            let profile = try #require(try await ExpertStore(database: app.db).find(slug: "yusuf-bello"))
            #expect(profile.userID == nil && profile.contactEmail == "yusuf.bello@example.org" && profile.record.isCountryFocalPoint)

            // His account, once its address is verified, claims it.
            let user = try await TestUsers.make(app, "yusuf.bello@example.org", country: "NG")
            let browser = Browser(app)
            try await browser.signIn("yusuf.bello@example.org")
            #expect(!(try await browser.get("/en/account/profile").text.contains("/en/account/profile/claim")))
            #expect(try await browser.post("/en/account/profile/claim", [:]).status == .notFound)
            user.emailVerifiedAt = Date()
            try await user.save(on: app.db)
            #expect(try await browser.get("/en/account/profile").text.contains("/en/account/profile/claim"))
            #expect(try await browser.post("/en/account/profile/claim", [:]).status == .seeOther)
            // The claim waits for the editor, who confirms it (ProfileClaimTests walks the rest).
            #expect(try await ExpertStore(database: app.db).find(slug: "yusuf-bello")?.userID == nil)
            try await editor.get("/en/admin/claims")
            #expect(try await editor.post("/en/admin/claims/yusuf-bello", ["decision": "confirm"]).status == .seeOther)
            let claimed = try #require(try await ExpertStore(database: app.db).find(slug: "yusuf-bello"))
            #expect(claimed.userID == user.id && claimed.contactEmail == "yusuf.bello@example.org")
            // A member cannot designate himself focal point or touch someone else's profile.
            #expect(try await browser.get("/en/experts/yusuf-bello/edit").status == .ok)
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("someone-else"))
            #expect(try await browser.get("/en/experts/someone-else/edit").status == .notFound)
        }
    }
}
