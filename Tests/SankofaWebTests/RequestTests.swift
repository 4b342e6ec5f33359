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

/// Requests for expertise through their pages: the form (checked on the server, errors by field,
/// nothing lost), hostile input, who sees what (a draft is its requester's alone; lists hold only
/// what the reader may read), the request's own language, and the notices each step sends.
@Suite("Requests for expertise")
struct RequestTests {
    /// A complete, valid form as posted, with `changes` replacing or removing (empty value) pairs.
    static func form(_ changes: [String: String] = [:], themes: [String] = ["prisons", "youth"],
                     kinds: [String] = ["peerReview"], action: String = "save") -> [(String, String)] {
        var fields: [String: String] = [
            "title": "Peer review of our prison rehabilitation programme", "language": "en",
            "need": "Our prison service wants a peer review of its rehabilitation programme by a service that ran one.",
            "beneficiaryCountry": "KE", "beneficiaryInstitution": "Kenya Prisons Service", "workingLanguages": "en, sw",
            "modality": "hybrid", "startsOn": "2027-03-01", "endsOn": "2027-06-30", "beneficiaryContribution": "A venue.",
            "visibility": "members", "action": action,
        ]
        for (name, value) in changes { fields[name] = value }
        return fields.sorted { $0.key < $1.key }.map { ($0.key, $0.value) } + themes.map { ("themes[]", $0) }
            + kinds.map { ("supportKinds[]", $0) } + [("pillars[]", "2")]
    }

    static func count(_ app: Application) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM requests").first()!.decode(column: "n", as: Int.self)
    }

    @Test("A valid form files a draft (or submits it at once); a wrong one comes back translated, errors by field, nothing lost",
          arguments: TestEngine.all)
    func formErrorsByField(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let requester = try await CooperationFixtures.requester(app)
            let browser = Browser(app)
            try await browser.signIn(requester.email)
            try await browser.get("/fr/requests/new")
            let wrong = try await browser.post("/fr/requests/new", pairs: Self.form([
                "title": "", "need": "Trop court", "beneficiaryCountry": "FR", "workingLanguages": "english, sw",
                "startsOn": "2027-06-30", "endsOn": "2027-03-01", "beneficiaryInstitution": "Service pénitentiaire",
            ], themes: [], kinds: []))
            #expect(wrong.status == .unprocessableEntity)
            let page = wrong.body.string
            for (field, message) in [("title", "Ce champ est obligatoire"), ("need", "au moins 30 caractères"),
                                     ("beneficiaryCountry", "Le bénéficiaire doit être un pays du Sud"),
                                     ("themes", "obligatoire"), ("supportKinds", "obligatoire"), ("workingLanguages", ""), ("endsOn", "")] {
                #expect(page.contains("id=\"f-\(field)-error\""), "\(field)")
                if !message.isEmpty { #expect(page.contains(message), "\(field): \(message)") }
            }
            #expect(page.contains("Trop court") && page.contains("Service pénitentiaire") && page.contains("english, sw"))
            #expect(try await Self.count(app) == 0)

            let saved = try await browser.post("/fr/requests/new", pairs: Self.form())
            #expect(saved.status == .seeOther)
            let location = try #require(saved.headers.first(name: .location))
            #expect(location.hasPrefix("/fr/requests/"))
            let id = try #require(Int(location.dropFirst("/fr/requests/".count).prefix { $0.isNumber }))
            #expect(try await RequestLookup(database: app.db).request(id)?.status == .draft)
            let record = try #require(try await Requests(database: app.db).detail(id)).record
            #expect(record.themes == [.prisons, .youth] && record.supportKinds == [.peerReview] && record.workingLanguages == ["en", "sw"])
            #expect(record.pillars == [.preventingCombating] && record.startsOn == "2027-03-01" && record.visibility == .members)

            try await browser.get("/en/requests/new")
            let submitted = try await browser.post("/en/requests/new", pairs: Self.form(action: "submit"))
            #expect(submitted.status == .seeOther)
            #expect(try await Self.count(app) == 2)
            let statuses = try await Requests(database: app.db).list(.mine(try requester.requireID()), limit: 10, offset: 0).rows.map(\.facts.status)
            #expect(Set(statuses) == [.draft, .submitted])
        }
    }

    @Test("Hostile input: script tags are text, huge text, bad choices, a non-Southern country, a wrong token: 4xx, never a 500",
          arguments: TestEngine.all)
    func hostileInput(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let requester = try await CooperationFixtures.requester(app)
            let browser = Browser(app)
            try await browser.signIn(requester.email)
            try await browser.get("/en/requests/new")
            let script = "<script>alert(1)</script>"
            let stored = try await browser.post("/en/requests/new", pairs: Self.form(["title": "Help \(script)", "need": String(repeating: "Need \(script) ", count: 5)]))
            #expect(stored.status == .seeOther)
            let page = try await browser.get(try #require(stored.headers.first(name: .location))).body.string
            #expect(!page.contains(script) && page.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))

            let cases: [(String, [(String, String)], String)] = [
                ("huge need", Self.form(["need": String(repeating: "a", count: 60_000)]), "f-need-error"),
                ("huge title", Self.form(["title": String(repeating: "t", count: 5_000)]), "f-title-error"),
                ("bad theme", Self.form(themes: ["prisons", "nonsense"]), "f-themes-error"),
                ("bad kind", Self.form(kinds: ["bribery"]), "f-supportKinds-error"),
                ("bad modality", Self.form(["modality": "teleport"]), "f-modality-error"),
                ("bad visibility", Self.form(["visibility": "public"]), "f-visibility-error"),
                ("bad language", Self.form(["language": "xx"]), "f-language-error"),
                ("bad pillar", Self.form() + [("pillars[]", "9")], "f-pillars-error"),
                ("Northern country", Self.form(["beneficiaryCountry": "NO"]), "f-beneficiaryCountry-error"),
                ("no such country", Self.form(["beneficiaryCountry": "<b>"]), "f-beneficiaryCountry-error"),
                ("bad date", Self.form(["startsOn": "2027-02-31"]), "f-startsOn-error"),
                ("control characters", Self.form(["beneficiaryInstitution": "\u{1}\u{7}"]), "f-beneficiaryInstitution-error"),
            ]
            for (name, pairs, marker) in cases {
                try await browser.get("/en/requests/new")
                let response = try await browser.post("/en/requests/new", pairs: pairs)
                #expect((400..<500).contains(Int(response.status.code)), "\(name): \(response.status.code)")
                #expect(response.body.string.contains(marker), "\(name)")
            }
            #expect(try await Self.count(app) == 1)

            // A wrong token: refused, translated, nothing written.
            try await browser.get("/fr/requests/new")
            browser.csrf = "forged"
            let forged = try await browser.post("/fr/requests/new", pairs: Self.form())
            #expect(forged.status == .forbidden)
            #expect(forged.body.string.contains(app.catalogs.text("error.csrf.message", .fr)))
            #expect(try await Self.count(app) == 1)
            try await browser.get("/en/requests/new")
            let nul = try await browser.post("/en/requests/new", pairs: Self.form(["beneficiaryInstitution": "\u{0}"]))
            #expect((400..<500).contains(Int(nul.status.code)))
            // Bad filters and ids on the other routes.
            for path in ["/en/requests?status=nonsense", "/en/requests?tab=all", "/en/requests?country=XX1", "/en/requests?theme=%3Cb%3E",
                         "/en/requests?page=-1", "/en/requests/abc", "/en/requests/99999999999999999999", "/en/requests/-1/edit"] {
                let response = try await browser.get(path)
                #expect((400..<500).contains(Int(response.status.code)), "\(path): \(response.status.code)")
            }
            try await browser.get("/en/requests/1")
            let empty = try await browser.post("/en/requests/1/comments", ["body": "   "])
            #expect(empty.status == .unprocessableEntity)
        }
    }

    @Test("A draft is its requester's alone: its page, its edit form and every list answer others as if it did not exist",
          arguments: TestEngine.all)
    func draftInvisibleToOthers(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let (users, browsers) = try await RequestLifecycleTests.people(app)
            let draft = try await CooperationFixtures.request(app, by: users[.requester]!, CooperationFixtures.record(title: "Secret draft title"))
            for who in [RequestLifecycleTests.Who.focalPoint, .staff, .member, .otherFocalPoint] {
                let browser = browsers[who]!
                try await browser.get("/en/requests/new")
                #expect(try await browser.post("/en/requests/\(draft)/comments", ["body": "Hello"]).status == .notFound, "\(who)")
                #expect(try await browser.get("/en/requests/\(draft)").status == .notFound, "\(who)")
                #expect(try await browser.get("/en/requests/\(draft)/edit").status == .notFound, "\(who)")
                for tab in RequestList.tabs(for: users[who]!.actor) {
                    #expect(!(try await browser.get("/en/requests?tab=\(tab.rawValue)").body.string.contains("Secret draft title")), "\(who) \(tab)")
                }
            }
            let own = try await browsers[.requester]!.get("/en/requests?tab=mine").body.string
            #expect(own.contains("Secret draft title"))
            #expect(try await browsers[.requester]!.get("/en/requests/\(draft)").status == .ok)
        }
    }

    @Test("Lists: each tab holds what its reader may read; filters by status, country and theme", arguments: TestEngine.all)
    func listsAndFilters(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let (users, browsers) = try await RequestLifecycleTests.people(app)
            let nigerian = try await CooperationFixtures.requester(app, "requester-ng@example.org", country: "NG")
            try await CooperationFixtures.request(app, by: users[.requester]!, status: .open, CooperationFixtures.record(title: "Kenya open to all"))
            try await CooperationFixtures.request(app, by: users[.requester]!, status: .submitted, CooperationFixtures.record(title: "Kenya submitted"))
            try await CooperationFixtures.request(app, by: nigerian, status: .open,
                                                  CooperationFixtures.record(title: "Nigeria for staff", country: "NG", themes: [.youth], visibility: .staff))
            func titles(_ who: RequestLifecycleTests.Who, _ query: String) async throws -> Set<String> {
                let page = try await browsers[who]!.get("/en/requests?\(query)").body.string
                return Set(["Kenya open to all", "Kenya submitted", "Nigeria for staff"].filter(page.contains))
            }
            #expect(try await titles(.member, "tab=open") == ["Kenya open to all"])
            #expect(try await browsers[.member]!.get("/en/requests?tab=country").status == .badRequest)
            #expect(try await titles(.focalPoint, "tab=country") == ["Kenya open to all", "Kenya submitted"])
            #expect(try await titles(.otherFocalPoint, "tab=country") == ["Nigeria for staff"])
            #expect(try await titles(.staff, "") == ["Kenya open to all", "Kenya submitted", "Nigeria for staff"])
            #expect(try await titles(.staff, "tab=all&status=open") == ["Kenya open to all", "Nigeria for staff"])
            #expect(try await titles(.staff, "tab=all&country=NG") == ["Nigeria for staff"])
            #expect(try await titles(.staff, "tab=all&theme=prisons") == ["Kenya open to all", "Kenya submitted"])
            #expect(try await titles(.requester, "") == ["Kenya open to all", "Kenya submitted"])
            // The member reads the open request, but not who is behind it nor its conversation.
            let open = try await browsers[.member]!.get("/en/requests?tab=open").body.string
            let href = try #require(open.range(of: #"href="/en/requests/[0-9]+""#, options: .regularExpression).map {
                open[$0].filter(\.isNumber)
            })
            let page = try await browsers[.member]!.get("/en/requests/\(href)").body.string
            #expect(page.contains("Kenya open to all"))
            #expect(!page.contains("Requester"))
            #expect(!page.contains("id=\"comments\""))
        }
    }

    @Test("A request's text is shown in its own language and direction", arguments: TestEngine.all)
    func ownLanguage(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let requester = try await CooperationFixtures.requester(app, country: "EG")
            var record = CooperationFixtures.record(title: "مراجعة الأقران لبرنامج إعادة التأهيل", country: "EG", language: .ar)
            record.need = "تحتاج مصلحة السجون إلى مراجعة أقران لبرنامج إعادة التأهيل من جهة نفذت برنامجًا مماثلًا."
            let id = try await CooperationFixtures.request(app, by: requester, record)
            let browser = Browser(app)
            try await browser.signIn(requester.email)
            let page = try await browser.get("/fr/requests/\(id)").body.string
            #expect(page.contains("<h1 lang=\"ar\" dir=\"rtl\">مراجعة الأقران"))
            #expect(page.contains("class=\"request-need\" lang=\"ar\" dir=\"rtl\""))
            #expect(page.contains("<html lang=\"fr\""))
        }
    }

    @Test("Notices: a submission tells the country's focal points and staff, a comment the other side; in-app and one e-mail each, in their language, linked",
          arguments: TestEngine.all)
    func notices(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let (users, browsers) = try await RequestLifecycleTests.people(app)
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE users SET language = 'fr' WHERE email = 'focal@example.org'").run()
            let id = try await CooperationFixtures.request(app, by: users[.requester]!)
            #expect(try await RequestLifecycleTests.step(browsers[.requester]!, id, "submit").status == .seeOther)
            func told(_ kind: String) async throws -> [UUID] {
                try await sql.raw("SELECT user_id FROM notifications WHERE request_id = \(bind: id) AND kind = \(bind: kind) AND mailed_at IS NOT NULL")
                    .all().map { try $0.decode(column: "user_id", as: UUID.self) }
            }
            let focal = try users[.focalPoint]!.requireID(), staff = try users[.staff]!.requireID(), requester = try users[.requester]!.requireID()
            #expect(Set(try await told("requestStep")) == [focal, staff])
            let mail = try await Outbox(database: app.db).messages()
            #expect(mail.count == 2)
            let french = try #require(mail.first { $0.recipient == "focal@example.org" })
            #expect(french.subject == "Demande « Peer review of a prison rehabilitation programme » : Soumise")
            #expect(french.body.contains("http://127.0.0.1:8080/fr/requests/\(id)") || french.body.contains("/fr/requests/\(id)"))
            #expect(mail.contains { $0.recipient == "staff@example.org" && $0.subject.hasPrefix("Request “") })

            // The notifications page links to the request.
            let list = try await browsers[.focalPoint]!.get("/en/notifications").body.string
            #expect(list.contains("/en/requests/\(id)") && list.contains("Requester moved the request"))

            try await browsers[.requester]!.get("/en/requests/\(id)")
            #expect(try await browsers[.requester]!.post("/en/requests/\(id)/comments", ["body": "We can host in March."]).status == .seeOther)
            #expect(Set(try await told("requestComment")) == [focal, staff])
            try await browsers[.staff]!.get("/en/requests/\(id)")
            #expect(try await browsers[.staff]!.post("/en/requests/\(id)/comments", ["body": "Thank you, noted."]).status == .seeOther)
            #expect(try await told("requestComment").filter { $0 == requester }.count == 1)
            let page = try await browsers[.focalPoint]!.get("/en/requests/\(id)").body.string
            #expect(page.contains("We can host in March.") && page.contains("Thank you, noted."))
            // Endorsed: the requester hears, and staff (who open it); the one who endorsed does not.
            #expect(try await RequestLifecycleTests.step(browsers[.focalPoint]!, id, "endorse").status == .seeOther)
            #expect(Set(try await told("requestStep")) == [focal, staff, requester, staff])
            #expect(try await Outbox(database: app.db).messages().count == 7)
        }
    }

    @Test("Who may change a request: its requester while draft or submitted, staff until it closes", arguments: TestEngine.all)
    func whoMayEdit(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let (users, browsers) = try await RequestLifecycleTests.people(app)
            let submitted = try await CooperationFixtures.request(app, by: users[.requester]!, status: .submitted)
            let endorsed = try await CooperationFixtures.request(app, by: users[.requester]!, status: .endorsed)
            let requester = browsers[.requester]!, staff = browsers[.staff]!
            #expect(try await requester.get("/en/requests/\(submitted)/edit").status == .ok)
            #expect(try await requester.post("/en/requests/\(submitted)/edit", pairs: Self.form(["title": "Changed by the requester"])).status == .seeOther)
            #expect(try await Requests(database: app.db).detail(submitted)?.record.title == "Changed by the requester")
            #expect(try await RequestLookup(database: app.db).request(submitted)?.status == .submitted)
            #expect(try await requester.get("/en/requests/\(endorsed)/edit").status == .forbidden)
            #expect(try await browsers[.focalPoint]!.get("/en/requests/\(endorsed)/edit").status == .forbidden)
            try await staff.get("/en/requests/\(endorsed)/edit")
            #expect(try await staff.post("/en/requests/\(endorsed)/edit", pairs: Self.form(["title": "Changed by staff"])).status == .seeOther)
            #expect(try await Requests(database: app.db).detail(endorsed)?.record.title == "Changed by staff")
            #expect(try await browsers[.member]!.get("/en/requests/\(endorsed)/edit").status == .notFound)
        }
    }

    /// The ten kinds of the cycle's notices, as every helper of the cycle sends them.
    static let cooperationKinds: [NotificationKind] = [.requestStep, .requestComment, .matchInvitation, .invitationAnswer, .exchangeUpdate,
                                                       .contributionAdded, .outcomeReportDue, .outcomeReportFiled, .followUpDue,
                                                       .publicSummaryAgreed]

    @Test("Every kind of the cycle's notices has its sentence and its mail in each language; links go to the site's pages",
          arguments: TestEngine.all)
    func everyKindHasItsTexts(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let requester = try await CooperationFixtures.requester(app)
            let reader = try await CooperationFixtures.focalPoint(app)
            let id = try await CooperationFixtures.request(app, by: requester, status: .submitted)
            let sql = app.db as! any SQLDatabase
            for language in Language.allCases {
                try await sql.raw("UPDATE users SET language = \(bind: language.rawValue) WHERE id = \(bind: try reader.requireID())").run()
                for kind in Self.cooperationKinds {
                    #expect(app.catalogs.text(kind.labelKey, language) != kind.labelKey, "\(kind) \(language)")
                    try await CooperationNotices(database: app.db).tell(userIDs: [try reader.requireID()], kind: kind, actorID: try requester.requireID(),
                                                                       requestID: id, exchangeID: nil, detail: "detail", now: CooperationFixtures.now)
                }
            }
            let mail = try await Outbox(database: app.db).messages(limit: 1_000)
            #expect(mail.count == Self.cooperationKinds.count * Language.allCases.count)
            for message in mail {
                #expect(!message.subject.contains("cooperation.mail") && !message.body.contains("cooperation.mail"), "\(message.subject)")
                #expect(message.body.contains("Focal"))
                // An invitation is answered from the invitee's invitations; every other notice links to its request.
                #expect(message.body.contains("\(app.settings.baseURL)/")
                        && (message.body.contains("/requests/\(id)") || message.body.contains("/invitations")))
            }
            #expect(mail.filter { $0.body.contains("/invitations") }.count == Language.allCases.count)
            // The store's own paths are the route table's.
            #expect(CooperationLinks.paths.request(.fr, 7) == SiteURL.request(.fr, id: 7).path)
            #expect(CooperationLinks.paths.notifications(.ar) == SiteURL.notifications(.ar).path)
            #expect(CooperationLinks.paths.exchange(.es, 7) == SiteURL.exchange(.es, id: 7).path)
            #expect(CooperationLinks.paths.invitations(.zh) == SiteURL.invitations(.zh).path)
        }
    }
}
