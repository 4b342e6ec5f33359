import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// The directory's behaviour beyond privacy: endorsements, the contact form, profiles written by
/// members and editors, facets, the course calendar and feed, and bad input.
@Suite("Directory: experts, centres, courses")
struct DirectoryTests {
    @Test(arguments: TestEngine.all)
    func onlyAFocalPointOfTheSameCountryEndorses(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("kenyan", country: "KE", fields: [.country: .public]))
            let kenyanFocal = try await TestUsers.make(app, "focal.ke@example.org", roles: [.member, .focalPoint], country: "KE")
            try await TestUsers.make(app, "focal.ng@example.org", roles: [.member, .focalPoint], country: "NG")
            try await TestUsers.make(app, "member.ke@example.org", roles: [.member], country: "KE")
            // The Kenyan focal point has a public profile of their own: their name is shown on the endorsement.
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("focal-ke", country: "KE"), owner: kenyanFocal.id)

            let visitor = Browser(app)
            try await visitor.get("/en/account/login")   // a valid token: the refusal is about the role, not CSRF
            let anonymous = try await visitor.post("/en/experts/kenyan/endorse", [:])
            #expect(anonymous.status == .seeOther && anonymous.headers.first(name: .location) == "/en/account/login")
            for (email, status) in [("focal.ng@example.org", HTTPStatus.forbidden), ("member.ke@example.org", .forbidden)] {
                let browser = Browser(app)
                try await browser.signIn(email)
                let page = try await browser.get("/en/experts/kenyan")
                #expect(!page.text.contains("/en/experts/kenyan/endorse"), "\(email) is offered to endorse")
                #expect(try await browser.post("/en/experts/kenyan/endorse", [:]).status == status, "\(email)")
            }
            let focal = Browser(app)
            try await focal.signIn("focal.ke@example.org")
            #expect(try await focal.get("/en/experts/kenyan").text.contains("/en/experts/kenyan/endorse"))
            let done = try await focal.post("/en/experts/kenyan/endorse", [:])
            #expect(done.status == .seeOther && done.headers.first(name: .location) == "/en/experts/kenyan")
            try await focal.post("/en/experts/kenyan/endorse", [:])   // twice counts once
            let stored = try #require(try await ExpertStore(database: app.db).find(slug: "kenyan"))
            #expect(stored.endorsements.count == 1 && stored.endorsements[0].endorserUserID == kenyanFocal.id)
            let page = try await visitor.get("/en/experts/kenyan").text
            #expect(page.contains("Endorsed by Name focalke on"))
            // Nobody endorses themselves, even a focal point.
            #expect(try await focal.post("/en/experts/focal-ke/endorse", [:]).status == .forbidden)
            // Withdrawing removes it.
            try await focal.get("/en/experts/kenyan")
            #expect(try await focal.post("/en/experts/kenyan/endorse/withdraw", [:]).status == .seeOther)
            #expect(try await ExpertStore(database: app.db).find(slug: "kenyan")?.endorsements.isEmpty == true)
        }
    }

    @Test(arguments: TestEngine.all)
    func anEndorserWithAClosedProfileIsNotNamed(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            var endorser = DirectoryFixtures.expert("endorser", country: "NG", profile: .staff)
            endorser.focalPointFor = "country"
            try await DirectoryFixtures.save(app, endorser)
            var endorsed = DirectoryFixtures.expert("endorsed", country: "NG")
            endorsed.endorsements = [EndorsementRecord(by: "endorser", date: "2026-05-14")]
            try await DirectoryFixtures.save(app, endorsed)
            let page = try await app.get("/en/experts/endorsed").text
            let date = DateFormatting.longDate(ISODay.parse("2026-05-14")!, .en)
            #expect(page.contains("Endorsed by a focal point of the country on \(date)"))
            #expect(!page.contains("Name endorser"))
        }
    }

    @Test(arguments: TestEngine.all)
    func membersWriteToExpertsWithoutSeeingTheAddressAndAreRateLimited(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let address = "expert.\(UUID().uuidString.prefix(8).lowercased())@example.org"
            let expertID = try await DirectoryFixtures.save(app, DirectoryFixtures.expert("reachable", email: address))
            try await TestUsers.make(app, "writer@example.org", country: "PE")

            let visitor = Browser(app)
            #expect(try await visitor.get("/en/experts/reachable/contact").headers.first(name: .location) == "/en/account/login")
            #expect(try await visitor.get("/en/experts/reachable").text.contains("Members of the platform can write to experts"))

            let member = Browser(app)
            try await member.signIn("writer@example.org")
            #expect(try await member.get("/en/experts/reachable").text.contains("/en/experts/reachable/contact"))
            let form = try await member.get("/en/experts/reachable/contact")
            #expect(form.status == .ok && !form.text.contains(address))
            let empty = try await member.post("/en/experts/reachable/contact", ["subject": "", "message": ""])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("This field is required"))
            #expect(try await member.post("/en/experts/reachable/contact", ["subject": "x", "message": "y"], omitToken: true).status == .forbidden)

            let body = "Bonjour,\nnous préparons un programme pénitentiaire à Lima. Pourriez-vous partager votre expérience ?"
            let sent = try await member.post("/en/experts/reachable/contact", ["subject": "Prison dialogue in Peru", "message": body])
            #expect(sent.status == .ok && sent.text.contains("Your message has been sent") && !sent.text.contains(address))
            #expect(try await ContactMessages.count(expertID: expertID, on: app.db) == 1)
            let queued = try #require(try await Outbox(database: app.db).messages().first { $0.recipient == address })
            #expect(queued.subject == "Sankofa: Prison dialogue in Peru")
            #expect(queued.body.contains(body) && queued.body.contains("writer@example.org") && queued.body.contains("Peru"))

            // Delivered through the SMTP test server when scripts/test runs one.
            if MailTests.serverRunning {
                _ = try await MailTests.sender(app, MailTests.url("smtp", "SMTP_TEST_PORT")).runOnce()
                let delivered = try #require(try MailTests.delivered(to: address).first)
                #expect(delivered.headers["subject"] == "Sankofa: Prison dialogue in Peru")
                #expect(delivered.text.contains("Pourriez-vous partager votre expérience ?"))
            }

            // Three messages a day from one sender to one expert; the fourth is refused with Retry-After.
            for number in 2...3 {
                #expect(try await member.post("/en/experts/reachable/contact", ["subject": "Follow-up \(number)", "message": "More"]).status == .ok)
            }
            let limited = try await member.post("/en/experts/reachable/contact", ["subject": "Too many", "message": "More"])
            #expect(limited.status == .tooManyRequests && limited.headers.first(name: .retryAfter) != nil)
            #expect(try await ContactMessages.count(expertID: expertID, on: app.db) == 3)
            // Five attempts an hour from one sender in all (the refused one counts): one more to
            // another expert goes through, the next is refused.
            for slug in ["second", "third"] {
                try await DirectoryFixtures.save(app, DirectoryFixtures.expert(slug))
            }
            #expect(try await member.post("/en/experts/second/contact", ["subject": "Hello", "message": "More"]).status == .ok)
            #expect(try await member.post("/en/experts/third/contact", ["subject": "Hello", "message": "More"]).status == .tooManyRequests)
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
            let claimed = try #require(try await ExpertStore(database: app.db).find(slug: "yusuf-bello"))
            #expect(claimed.userID == user.id && claimed.contactEmail == "yusuf.bello@example.org")
            // A member cannot designate himself focal point or touch someone else's profile.
            #expect(try await browser.get("/en/experts/yusuf-bello/edit").status == .ok)
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("someone-else"))
            #expect(try await browser.get("/en/experts/someone-else/edit").status == .notFound)
        }
    }

    @Test(arguments: TestEngine.all)
    func directoriesFilterCountAndRefuseBadParameters(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("one", country: "KE", fields: [.country: .public, .organisation: .public]))
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("two", country: "NG", fields: [.country: .public]))
            let store = CentreStore(database: app.db)
            try await store.save(DirectoryFixtures.centre("nairobi-centre", experts: ["one"], focalPoint: "one"))
            try await store.save(DirectoryFixtures.course("past-course", centre: "nairobi-centre", start: "2020-01-06", end: "2020-01-10"))
            try await store.save(DirectoryFixtures.course("future-remote", start: "2031-05-04", end: "2031-05-08", modality: .remote,
                                                          languages: ["ar"], cost: .financialSupport))
            try await store.save(DirectoryFixtures.course("future-nairobi", centre: "nairobi-centre", start: "2031-02-01", end: "2031-02-03"))

            let kenya = try await app.get("/en/experts?country=KE&offer=mentoring")
            #expect(kenya.text.contains("1 expert") && kenya.text.contains("Name one") && !kenya.text.contains("Name two"))
            #expect(kenya.text.contains("Nigeria") && kenya.text.contains("aria-current=\"true\""))
            let courses = try await app.get("/api/v1/courses?when=upcoming").text
            #expect(courses.contains("\"total\":2") && courses.contains("{\"count\":1,\"value\":\"2031-05\"}"))
            let ordered = try await app.get("/en/courses").text
            let positions = ["Course future-nairobi", "Course future-remote", "Course past-course"].compactMap { ordered.range(of: $0)?.lowerBound }
            #expect(positions.count == 3 && positions == positions.sorted(), "upcoming first, soonest first, then the past")
            #expect(try await app.get("/en/courses?cost=financialSupport&language=ar").text.contains("1 course"))
            let centre = try await app.get("/en/centres/nairobi-centre").text
            #expect(centre.contains("Name one") && centre.contains("Course future-nairobi") && centre.contains("Course past-course"))
            let arabic = try await app.get("/ar/centres/nairobi-centre").text
            #expect(arabic.contains("dir=\"rtl\"") && arabic.contains("مركز nairobi-centre"))
            #expect(try await app.get("/en/centres?type=academic").text.contains("1 centre"))
            // A centre's page lists its own courses only; the home page counts centres and the
            // courses not yet over (the engine counts them: see CentreStore.counts).
            try await store.save(DirectoryFixtures.centre("lagos-centre", country: "NG"))
            try await store.save(DirectoryFixtures.course("lagos-course", centre: "lagos-centre", country: "NG", start: "2031-03-01", end: "2031-03-02"))
            let nairobi = try await app.get("/en/centres/nairobi-centre").text
            #expect(nairobi.contains("Course future-nairobi") && !nairobi.contains("Course lagos-course") && !nairobi.contains("Course future-remote"))
            #expect(try await app.get("/en/centres/lagos-centre").text.contains("Course lagos-course"))
            let home = try await app.get("/en/").text
            func figure(_ path: String) -> String? {
                guard let match = home.firstMatch(of: try! Regex("href=\"\(path)\"><span>[^<]*</span> <span class=\"count\">([0-9]+)</span>")) else { return nil }
                return match.output[1].substring.map(String.init)
            }
            #expect(figure("/en/centres") == "2")
            #expect(figure("/en/courses/calendar") == "3")

            for path in ["/en/experts?country=XX", "/en/experts?offer=juggling", "/en/courses?month=2031-13", "/en/courses?when=soon",
                         "/en/centres?type=club", "/en/experts?page=0", "/api/v1/experts?perPage=500", "/en/experts?q=%FF",
                         "/api/v1/courses?page=abc", "/en/experts?language=english"] {
                let response = try await app.get(path)
                #expect(response.status == .badRequest, "\(path): \(response.status)")
            }
            for path in ["/en/experts?q=" + String(repeating: "a", count: 10_000), "/en/experts?q=%22NEAR(%2A", "/en/experts/unknown",
                         "/en/centres/unknown", "/en/courses/unknown", "/api/v1/experts/unknown", "/en/courses/..%2F..%2Fetc"] {
                #expect(try await app.get(path).status.code < 500, "\(path)")
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func theCourseFeedIsICalendarInTheReadersLanguage(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            var course = DirectoryFixtures.course("feed-course", start: "2031-02-01", end: "2031-02-03")
            course.translations[.fr] = CourseText(title: "Formation, prisons; niveau 1", description: "Une formation.")
            try await CentreStore(database: app.db).save(course)
            let feed = try await app.get("/fr/courses.ics")
            #expect(feed.status == .ok && feed.headers.contentType?.subType == "calendar")
            #expect(feed.text.contains("SUMMARY;LANGUAGE=fr:Formation\\, prisons\\; niveau 1"))
            #expect(feed.text.contains("DTSTART;VALUE=DATE:20310201") && feed.text.contains("DTEND;VALUE=DATE:20310204"))
            #expect(feed.text.contains("URL:http://127.0.0.1:8080/fr/courses/feed-course") || feed.text.contains("/fr/courses/feed-course"))
            // Untranslated into Russian: the English original, labelled as such.
            #expect(try await app.get("/ru/courses.ics").text.contains("SUMMARY;LANGUAGE=en:Course feed-course"))
            let calendar = try await app.get("/en/courses/calendar").text
            #expect(calendar.contains("February 2031") && calendar.contains("Course feed-course"))
        }
    }

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
            let course = try #require(try await CentreStore(database: app.db).course(slug: "reintegracion-comunitaria-curso-practico"))
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
            try await CentreStore(database: app.db).save(DirectoryFixtures.course("lima-course", country: "PE", start: "2031-01-01", end: "2031-01-02"))
            #expect(try await browser.get("/es/courses/lima-course/edit").status == .forbidden)
            #expect(try await browser.get("/es/courses/reintegracion-comunitaria-curso-practico/edit").status == .ok)
            // Who may apply and how: long texts are kept whole up to the store's limit (they were
            // cut at 2,000 characters without a word), and refused past it.
            let long = String(repeating: "Requisitos del programa. ", count: 200)
            pairs = pairs.filter { !["centre", "startDate", "eligibility"].contains($0.0) }
                + [("centre", "bogota-centre"), ("startDate", "2031-06-02"), ("eligibility", long)]
            let edited = try await browser.post("/es/courses/reintegracion-comunitaria-curso-practico/edit", pairs: pairs)
            #expect(edited.status == .seeOther)
            #expect(try await CentreStore(database: app.db).course(slug: "reintegracion-comunitaria-curso-practico")?.record.translations[.es]?.eligibility
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
            let centre = try #require(try await CentreStore(database: app.db).centre(slug: slug))
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
            #expect(try await CentreStore(database: app.db).centre(slug: slug)?.record.website == "https://example.org/crfp")

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
            let saved = try #require(try await CentreStore(database: app.db).centre(slug: slug)).record
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

    @Test(arguments: TestEngine.all)
    func theDemoDirectoryIsComplete(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .demo) { app in
            let experts = try await ExpertStore(database: app.db).all()
            let centres = try await CentreStore(database: app.db).centres()
            let courses = try await CentreStore(database: app.db).courses()
            #expect(experts.count >= 30 && centres.count >= 10 && courses.count >= 15)
            #expect(experts.allSatisfy(\.record.demo) && courses.allSatisfy(\.record.demo))
            for region in Region.southern {
                #expect(experts.contains { RegionTable.standard.region(of: $0.record.country) == region }, "experts in \(region)")
                #expect(centres.contains { RegionTable.standard.region(of: $0.record.country) == region }, "centres in \(region)")
                #expect(courses.contains { RegionTable.standard.region(of: $0.record.country) == region }, "courses in \(region)")
            }
            // Every endorsement in the demo data obeys the rule: a country focal point of the same country.
            let byID = Dictionary(uniqueKeysWithValues: experts.map { ($0.id, $0) })
            let endorsements = experts.flatMap { expert in expert.endorsements.map { (expert, $0) } }
            #expect(!endorsements.isEmpty)
            for (expert, endorsement) in endorsements {
                let endorser = try #require(endorsement.endorserExpertID.flatMap { byID[$0] })
                #expect(endorser.record.isCountryFocalPoint && endorser.record.country == expert.record.country && endorser.id != expert.id)
            }
        }
    }
}
