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

/// Exchanges through the pages: recorded by staff or from an accepted match, who may change them,
/// move their status and agree to a public summary (object × role), what visitors see, and hostile
/// input refused with translated messages.
@Suite("Exchanges")
struct ExchangeTests {
    /// Senegal's expert (provider) and Kenya's prison service (beneficiary), with Norway supporting:
    /// a bilateral, triangular exchange; from a request when `request` is given.
    static func exchange(_ app: Application, expert: String? = "provider-expert", title: String = "Peer review in Nairobi",
                         request: Int? = nil, status: ExchangeStatus = .agreed, starts: String = "2026-03-02",
                         ends: String = "2026-03-06") async throws -> Int {
        let record = ExchangeRecord(title: title, description: "Led by the Dakar team.", language: .en, type: .peerReview, status: status,
                                    startsOn: starts, endsOn: ends, place: "Nairobi", themes: [.prisons],
                                    parties: [ExchangeParty(side: .provider, country: "SN", institution: "Dakar Prison Academy", expert: expert),
                                              ExchangeParty(side: .beneficiary, country: "KE", institution: "Kenya Prisons Service"),
                                              ExchangeParty(side: .partner, country: "NO", institution: "Norwegian Ministry")],
                                    requestID: request)
        return try await Exchanges(database: app.db).create(record, createdBy: nil, now: CooperationFixtures.now)
    }

    static func sql(_ app: Application) -> any SQLDatabase { app.db as! any SQLDatabase }

    static let form: [String: String] = [
        "title": "Imam training exchange", "type": "training", "status": "held", "language": "fr", "startsOn": "2025-10-06",
        "endsOn": "2025-10-10", "online": "no", "place": "Rabat", "themes[]": "religious-leaders",
        "party1.side": "provider", "party1.country": "MA", "party1.institution": "Institut Mohammed VI",
        "party2.side": "beneficiary", "party2.country": "ML", "party2.institution": "Ministère des affaires religieuses",
        "party3.side": "partner", "party3.country": "JP", "party4.side": "provider", "party4.country": "",
    ]

    @Test("staff record an exchange directly, past ones too; its scope comes from the countries", arguments: TestEngine.all)
    func staffRecordDirectly(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await CooperationFixtures.staff(app)
            try await CooperationFixtures.requester(app, "member@example.org")
            let staff = Browser(app), member = Browser(app), visitor = Browser(app)
            try await staff.signIn("staff@example.org")
            try await member.signIn("member@example.org")
            #expect(try await staff.get("/fr/exchanges/new").status == .ok)
            #expect(try await member.get("/fr/exchanges/new").status == .forbidden)
            #expect(try await member.post("/fr/exchanges/new", Self.form).status == .forbidden)
            #expect(try await visitor.get("/fr/exchanges/new").headers.first(name: .location)?.hasSuffix("/account/login") == true)

            let response = try await staff.post("/fr/exchanges/new", Self.form)
            #expect(response.status == .seeOther)
            let id = try #require(response.headers.first(name: .location).flatMap { Int($0.split(separator: "/").last ?? "") })
            let facts = try #require(try await ExchangeLookup(database: app.db).exchange(id))
            // Morocco and Mali (one region) with Japan supporting: three countries, regional, triangular.
            #expect(facts.scope == .regional && facts.triangular && facts.status == .held && !facts.publicSummary)
            #expect(facts.parties.map { "\($0.side.rawValue) \($0.country)" } == ["provider MA", "beneficiary ML", "partner JP"])
            let page = try await member.get("/fr/exchanges/\(id)").body.string
            #expect(page.contains("Imam training exchange") && page.contains("Triangulaire") && page.contains("Mali"))
            // A member reads the summary, not the history (details are for staff and the people involved).
            #expect(!page.contains("Enregistré par"))
            #expect(try await staff.get("/fr/exchanges/\(id)").body.string.contains("Enregistré par"))
        }
    }

    @Test("an exchange from an accepted match: the request's managers record it, the request moves to in exchange", arguments: TestEngine.all)
    func fromAnAcceptedMatch(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let requester = try await CooperationFixtures.requester(app)
            try await CooperationFixtures.focalPoint(app)
            try await CooperationFixtures.focalPoint(app, "focal-ng@example.org", country: "NG")
            let expert = try await CooperationFixtures.expert(app, "provider-expert", country: "SN")
            let requestID = try await CooperationFixtures.request(app, by: requester, status: .open)
            func match(_ state: MatchState) async throws -> Int {
                try await Self.sql(app).raw("""
                    INSERT INTO request_matches (request_id, kind, target, score, reasons, state, picked_at, invitee_id)
                    VALUES (\(bind: requestID), 'expert', \(bind: expert.expertID.uuidString + state.rawValue), 80, '[]', \(bind: state.rawValue),
                            \(bind: CooperationFixtures.now), \(bind: expert.user.id)) RETURNING id
                    """).first()!.decode(column: "id", as: Int.self)
            }
            let invited = try await match(.invited)
            let accepted = try await match(.accepted)
            try await Self.sql(app).raw("UPDATE request_matches SET target = \(bind: expert.expertID.uuidString) WHERE id = \(bind: accepted)").run()

            let focal = Browser(app), other = Browser(app), requesterBrowser = Browser(app)
            try await focal.signIn("focal@example.org")
            try await other.signIn("focal-ng@example.org")
            try await requesterBrowser.signIn("requester@example.org")
            #expect(try await focal.get("/en/exchanges/new?match=\(invited)").status == .notFound)
            #expect(try await focal.get("/en/exchanges/new?match=99999").status == .notFound)
            #expect(try await other.get("/en/exchanges/new?match=\(accepted)").status == .forbidden)
            #expect(try await requesterBrowser.get("/en/exchanges/new?match=\(accepted)").status == .forbidden)
            let form = try await focal.get("/en/exchanges/new?match=\(accepted)").body.string
            // Filled from the request and the match: its title, Kenya as beneficiary, the expert as provider.
            #expect(form.contains("value=\"Peer review of a prison rehabilitation programme\"") && form.contains("value=\"provider-expert\"")
                    && form.contains("value=\"National Prison Service\""))
            var fields = Self.form
            fields["party1.country"] = "SN"
            fields["party1.expert"] = "provider-expert"
            fields["party2.country"] = "KE"
            fields["status"] = "agreed"
            let response = try await focal.post("/en/exchanges/new?match=\(accepted)", fields)
            #expect(response.status == .seeOther)
            #expect(try await RequestLookup(database: app.db).request(requestID)?.status == .inExchange)
            let id = try #require(try await Self.sql(app).raw("SELECT id, request_id FROM exchanges").first())
            #expect(try id.decode(column: "request_id", as: Int?.self) == requestID)
            // The expert is told (in-app and by mail); the focal point, who recorded it, is not.
            let told = try await Self.sql(app).raw("SELECT user_id FROM notifications WHERE kind = 'exchangeUpdate'").all()
                .map { try $0.decode(column: "user_id", as: UUID.self) }
            let expertID = try expert.user.requireID(), requesterID = try requester.requireID()
            #expect(told.contains(expertID) && told.contains(requesterID))
        }
    }

    @Test("who may edit, change the status and agree: staff, the countries' focal points, each side's people", arguments: TestEngine.all)
    func objectAndRole(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let requester = try await CooperationFixtures.requester(app)
            try await CooperationFixtures.focalPoint(app)
            try await CooperationFixtures.staff(app)
            try await CooperationFixtures.requester(app, "outsider@example.org", country: "NG")
            try await CooperationFixtures.expert(app, "provider-expert", country: "SN")
            let requestID = try await CooperationFixtures.request(app, by: requester, status: .open)
            let id = try await Self.exchange(app, request: requestID)
            var browsers: [String: Browser] = [:]
            for email in ["requester", "focal", "staff", "outsider", "provider-expert"] {
                let browser = Browser(app)
                try await browser.signIn("\(email)@example.org")
                // As a person would: the page first (its forms carry the session's token).
                _ = try await browser.get("/en/exchanges/\(id)")
                browsers[email] = browser
            }
            let edit = "/en/exchanges/\(id)/edit", status = "/en/exchanges/\(id)/status", agree = "/en/exchanges/\(id)/agree"
            for who in ["outsider", "requester", "provider-expert"] {
                #expect(try await browsers[who]!.get(edit).status == .forbidden, "\(who)")
                #expect(try await browsers[who]!.post(status, ["status": "underWay"]).status == .forbidden, "\(who)")
            }
            #expect(try await browsers["focal"]!.get(edit).status == .ok)
            #expect(try await browsers["focal"]!.post(status, ["status": "underWay", "note": "Started on Monday"]).status == .seeOther)
            #expect(try await browsers["staff"]!.post(status, ["status": "held"]).status == .seeOther)
            #expect(try await ExchangeLookup(database: app.db).exchange(id)?.status == .held)
            // Agreement: the expert for the provider side only; the requester for the beneficiary side.
            #expect(try await browsers["outsider"]!.post(agree, ["side": "provider", "agree": "yes"]).status == .forbidden)
            #expect(try await browsers["provider-expert"]!.post(agree, ["side": "beneficiary", "agree": "yes"]).status == .forbidden)
            #expect(try await browsers["provider-expert"]!.post(agree, ["side": "provider", "agree": "yes"]).status == .seeOther)
            #expect(try await ExchangeLookup(database: app.db).exchange(id)?.publicSummary == false)
            #expect(try await browsers["requester"]!.post(agree, ["side": "beneficiary", "agree": "yes"]).status == .seeOther)
            #expect(try await ExchangeLookup(database: app.db).exchange(id)?.publicSummary == true)
            #expect(try await browsers["requester"]!.post(agree, ["side": "partner", "agree": "yes"]).status == .badRequest)

            let history = try await browsers["requester"]!.get("/en/exchanges/\(id)").body.string
            #expect(history.contains("changed the status from Agreed to Under way") && history.contains("Started on Monday")
                    && history.contains("agreed to the public summary for the Beneficiary side"))
            #expect(history.contains("href=\"/en/experts/provider-expert\""))
            // C4's and C5's sections: contributions for members, outcome reports (once held) for the people involved.
            #expect(history.contains("id=\"contributions\"") && history.contains("id=\"reports\""))
            // An outsider member reads the summary, without the named expert or the history.
            let outsider = try await browsers["outsider"]!.get("/en/exchanges/\(id)").body.string
            #expect(outsider.contains("Peer review in Nairobi") && !outsider.contains("/en/experts/provider-expert") && !outsider.contains("Started on Monday"))
            #expect(outsider.contains("id=\"contributions\"") && !outsider.contains("id=\"reports\""))

            // Changing a public fact withdraws both agreements: they were given for the earlier summary.
            let form = ExchangeForm(try #require(try await Exchanges(database: app.db).record(id)))
            var fields = ["title": form.title, "type": form.type, "language": form.language, "startsOn": "2026-03-09", "endsOn": "2026-03-12",
                          "online": "no", "place": form.place, "themes[]": "prisons"]
            for (index, row) in form.rows.enumerated() {
                for (name, value) in [("side", row.side), ("country", row.country), ("institution", row.institution), ("expert", row.expert)] {
                    fields["party\(index + 1).\(name)"] = value
                }
            }
            #expect(try await browsers["focal"]!.post(edit, fields).status == .seeOther)
            let after = try #require(try await ExchangeLookup(database: app.db).exchange(id))
            #expect(after.startsOn == "2026-03-09" && !after.publicSummary && after.providerAgreedAt == nil && after.status == .held)
        }
    }

    @Test("visitors never see people, members' words or exchanges not agreed public", arguments: TestEngine.all)
    func visitorsSeeOnlyPublicSummaries(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await CooperationFixtures.expert(app, "provider-expert", country: "SN")
            let hidden = try await Self.exchange(app, title: "Private review in Nairobi")
            let shown = try await Self.exchange(app, title: "Agreed review in Nairobi", starts: "2026-04-06", ends: "2026-04-08")
            for side in [ExchangeSide.provider, .beneficiary] {
                try await Exchanges(database: app.db).agree(shown, side: side, agreed: true, actorID: nil, now: CooperationFixtures.now)
            }
            let visitor = Browser(app)
            #expect(try await visitor.get("/en/exchanges/\(hidden)").status == .notFound)
            let page = try await visitor.get("/en/exchanges/\(shown)")
            #expect(page.status == .ok)
            let html = page.body.string
            #expect(html.contains("Peer review: Senegal → Kenya") && html.contains("Norway") && html.contains("Prisons"))
            for secret in ["Agreed review in Nairobi", "Dakar Prison Academy", "Led by the Dakar team", "provider-expert", "Name providerexpert", "Nairobi", "/edit", "/agree"] {
                #expect(!html.contains(secret), "\(secret)")
            }
            #expect(!html.contains("id=\"contributions\"") && !html.contains("id=\"reports\""))
            let list = try await visitor.get("/en/exchanges").body.string
            #expect(list.contains("/en/exchanges/\(shown)") && !list.contains("/en/exchanges/\(hidden)\"") && !list.contains("Private review"))
            #expect(list.contains("1 exchange") && !list.contains("Agreed review"))
            #expect(try await visitor.get("/en/exchanges/calendar").headers.first(name: .location) == "/en/account/login")
        }
    }

    @Test("hostile input: bad dates, unknown countries and script tags are refused by field, translated", arguments: TestEngine.all)
    func hostileInput(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await CooperationFixtures.staff(app)
            let staff = Browser(app)
            try await staff.signIn("staff@example.org")
            #expect(try await staff.get("/fr/exchanges/new").status == .ok)
            var fields = Self.form
            fields["title"] = "<script>alert(1)</script>"
            fields["startsOn"] = "2025-02-30"
            fields["endsOn"] = "yesterday"
            fields["party2.country"] = "ZZ"
            fields["party1.expert"] = "<img src=x onerror=alert(1)>"
            fields["practices"] = "no-such-practice"
            let response = try await staff.post("/fr/exchanges/new", fields)
            #expect(response.status == .unprocessableEntity)
            let html = response.body.string
            #expect(!html.contains("<script>alert") && html.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            for message in ["error.date", "error.country", "error.slug"] {
                #expect(html.contains(escapeHTML(Catalogs.bundled.text(message, .fr))), "\(message)")
                #expect(!html.contains(message), "\(message) untranslated")
            }
            // Northern countries support; they neither give nor receive.
            fields = Self.form
            fields["party1.country"] = "FR"
            let north = try await staff.post("/en/exchanges/new", fields)
            #expect(north.status == .unprocessableEntity && north.body.string.contains(escapeHTML(Catalogs.bundled.text("exchange.error.notSouthern", .en))))
            fields = Self.form
            fields["type"] = "party"
            fields["themes[]"] = "<b>"
            #expect(try await staff.post("/en/exchanges/new", fields).status == .unprocessableEntity)
            #expect(try await Self.sql(app).raw("SELECT COUNT(*) AS n FROM exchanges").first()!.decode(column: "n", as: Int.self) == 0)
            // Bad filters and actions: a 400 naming the parameter, in the page's language.
            let filter = try await staff.get("/fr/exchanges?type=%3Cscript%3E")
            #expect(filter.status == .badRequest && !filter.body.string.contains("<script>") && filter.body.string.contains("type"))
            #expect(try await staff.get("/fr/exchanges?year=99999").status == .badRequest)
            let id = try await Self.exchange(app, expert: nil)
            #expect(try await staff.post("/fr/exchanges/\(id)/status", ["status": "<script>"]).status == .badRequest)
            #expect(try await staff.get("/fr/exchanges/abc").status == .notFound)
        }
    }
}
