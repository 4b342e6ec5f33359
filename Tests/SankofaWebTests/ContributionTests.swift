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

/// Contributions to an exchange through the pages: who may record them, amounts typed in each
/// language, totals that never add one currency to another, and hostile input refused by field.
@Suite("Contributions")
struct ContributionTests {
    /// An exchange between the expert's country (Senegal, provider) and Kenya (beneficiary), with
    /// Norway as a partner, and a centre that can contribute. Returns the exchange's id.
    static func exchange(_ app: Application, expert: String, title: String = "Peer review in Nairobi") async throws -> Int {
        if try await CentreStore(database: app.db).find(slug: "nairobi-centre") == nil {
            try await CentreStore(database: app.db).save(DirectoryFixtures.centre("nairobi-centre", country: "KE"))
        }
        let record = ExchangeRecord(title: title, language: .en, type: .peerReview, status: .agreed, startsOn: "2026-03-01",
                                    endsOn: "2026-03-05", place: "Nairobi", themes: [.prisons],
                                    parties: [ExchangeParty(side: .provider, country: "SN", expert: expert),
                                              ExchangeParty(side: .beneficiary, country: "KE", institution: "Prison Service"),
                                              ExchangeParty(side: .partner, country: "NO", institution: "Ministry of Foreign Affairs")])
        return try await Exchanges(database: app.db).create(record, createdBy: nil, now: CooperationFixtures.now)
    }

    static func count(_ app: Application, _ table: String, _ condition: String = "1 = 1") async throws -> Int {
        try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE \(unsafeRaw: condition)")
            .first()!.decode(column: "n", as: Int.self)
    }

    @Test("an exchange's expert records money and in-kind help; totals per currency, never mixed", arguments: TestEngine.all)
    func recordEditDeleteAndTotals(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let expert = try await CooperationFixtures.expert(app, "provider-expert", country: "SN")
            let focal = try await CooperationFixtures.focalPoint(app, country: "KE")
            try await CooperationFixtures.requester(app, "member@example.org")
            let id = try await Self.exchange(app, expert: "provider-expert")
            let browser = Browser(app)
            try await browser.signIn(expert.user.email)
            let new = "/fr/exchanges/\(id)/contributions/new"
            #expect(try await browser.get(new).status == .ok)
            var response = try await browser.post(new, ["kind": "financial", "contributorKind": "country", "contributorCountry": "SN",
                                                        "amount": "12 500,50", "currency": "USD", "givenOn": "2026-02-10",
                                                        "source": "Accord du 10 février"])
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location)?.hasPrefix("/fr/exchanges/\(id)") == true)
            response = try await browser.post("/es/exchanges/\(id)/contributions/new", [
                "kind": "financial", "contributorKind": "organisation", "contributorName": "Fundación Sur", "contributorCountry": "BR",
                "amount": "1.000,00", "currency": "EUR", "givenOn": "2026-02-11"])
            #expect(response.status == .seeOther)
            response = try await browser.post("/en/exchanges/\(id)/contributions/new", [
                "kind": "inKind", "item": "venue", "contributorKind": "centre", "centre": "nairobi-centre", "description": "The training hall",
                "amount": "3,000", "currency": "USD", "givenOn": "2026-03-01"])
            #expect(response.status == .seeOther)
            response = try await browser.post("/en/exchanges/\(id)/contributions/new", [
                "kind": "financial", "contributorKind": "country", "contributorCountry": "KE", "amount": "500", "currency": "USD",
                "givenOn": "2025-12-01"])
            #expect(response.status == .seeOther)

            let totals = try await Contributions(database: app.db).totals()
            #expect(totals.tables.map { "\($0.kind.rawValue) \($0.currency) \($0.total)" } == [
                "financial EUR 1000000", "financial USD 13000500", "inKind USD 3000000"])
            let usd = try #require(totals.tables.first { $0.kind == .financial && $0.currency == "USD" })
            #expect(usd.byCountry.map(\.key) == ["SN", "KE"] && usd.byYear.map(\.key) == ["2026", "2025"])
            #expect(totals.inKindCounts == [.venue: 1])
            #expect(try await Contributions(database: app.db).totals(.init(year: 2025)).tables.map(\.total) == [500_000])

            // The focal point of Kenya hears of each contribution; the expert, who made them, does not.
            #expect(try await Self.count(app, "notifications", "kind = 'contributionAdded' AND user_id = '\(focal.id!.uuidString)'") == 4)
            #expect(try await Self.count(app, "notifications", "kind = 'contributionAdded' AND user_id = '\(expert.user.id!.uuidString)'") == 0)

            // Members read the totals, formatted for their language, one table per currency and kind.
            let member = Browser(app)
            try await member.signIn("member@example.org")
            let french = try await member.get("/fr/contributions").body.string
            #expect(french.contains("13\u{202F}000,50\u{00A0}$US") && french.contains("1\u{202F}000,00\u{00A0}€") && french.contains("3\u{202F}000,00\u{00A0}$US"))
            #expect(french.contains("Argent versé en dollar des États-Unis (USD)") && french.contains("En nature, estimé en dollar des États-Unis (USD)"))
            #expect(!french.contains("16\u{202F}000,50") && !french.contains("14\u{202F}000,50"), "currencies or kinds were added together")
            let english = try await member.get("/en/contributions?year=2025&country=KE&kind=financial").body.string
            #expect(english.contains("$500.00") && !english.contains("12,500.50"))

            // The exchange's page lists them with sums per currency; sources are for its people only.
            let own = try await browser.get("/en/exchanges/\(id)?done=contribution-added").body.string
            #expect(own.contains("Money given: $13,000.50") && own.contains("Money given: €1,000.00") && own.contains("In kind, estimated: $3,000.00"))
            #expect(own.contains("Accord du 10 février") && own.contains("The contribution was recorded."))
            let others = try await member.get("/fr/exchanges/\(id)").body.string
            #expect(others.contains("Argent versé : 13\u{202F}000,50\u{00A0}$US") && !others.contains("Accord du 10 février"))
            #expect(!others.contains("/contributions/new"), "a member not involved is offered no form")
            #expect(others.contains("href=\"/fr/contributions\""))

            // Change then delete, each a line of the exchange's history.
            let stored = try await Contributions(database: app.db).list(exchangeID: id)
            let kenya = try #require(stored.first { $0.record.contributorCountry == "KE" && $0.record.kind == .financial })
            let edit = "/en/exchanges/\(id)/contributions/\(kenya.id)/edit"
            #expect(try await browser.get(edit).body.string.contains("value=\"500.00\""))
            response = try await browser.post(edit, ["kind": "financial", "contributorKind": "country", "contributorCountry": "KE",
                                                     "amount": "750", "currency": "USD", "givenOn": "2025-12-01"])
            #expect(response.status == .seeOther)
            #expect(try await Contributions(database: app.db).contribution(kenya.id, exchangeID: id)?.record.amount == Money(milli: 750_000, currency: "USD"))
            response = try await browser.post("/en/exchanges/\(id)/contributions/\(kenya.id)/delete", [:])
            #expect(response.status == .seeOther)
            #expect(try await Contributions(database: app.db).list(exchangeID: id).count == 3)
            let kinds = try await (app.db as! any SQLDatabase).raw("SELECT kind FROM exchange_events WHERE exchange_id = \(bind: id) ORDER BY id")
                .all().map { try $0.decode(column: "kind", as: String.self) }
            #expect(kinds.filter { $0.hasPrefix("contrib") } == ["contribAdded", "contribAdded", "contribAdded", "contribAdded", "contribEdited", "contribDeleted"])
        }
    }

    @Test("hostile input: refused by field in the reader's language, nothing stored", arguments: TestEngine.all)
    func hostileInputIsRefused(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let expert = try await CooperationFixtures.expert(app, "provider-expert", country: "SN")
            let id = try await Self.exchange(app, expert: "provider-expert")
            let browser = Browser(app)
            try await browser.signIn(expert.user.email)
            #expect(try await browser.get("/fr/exchanges/\(id)/contributions/new").status == .ok)
            let base = ["kind": "financial", "contributorKind": "country", "contributorCountry": "SN", "currency": "USD", "givenOn": "2026-02-10"]
            for (changes, message) in [
                (["amount": "-5"], "Une contribution ne peut pas être négative."),
                (["amount": "999999999999999"], "Ce montant est trop élevé pour être juste ; vérifiez-le."),
                (["amount": "100", "currency": "ABC"], "Choisissez une monnaie dans la liste (un code ISO 4217)."),
                (["amount": "<script>alert(1)</script>"], "Écrivez le montant en chiffres seulement"),
                (["amount": "12.555"], "Cette monnaie n’a pas autant de décimales."),
                (["amount": "100", "contributorCountry": "ZZ"], "Ce code de pays est inconnu."),
                (["amount": "100", "contributorCountry": "KEN"], "Ce code de pays est inconnu."),
                (["amount": "100", "givenOn": "2026-02-101"], "Saisissez une date au format année-mois-jour."),
                (["amount": "100", "givenOn": "2026-02-31"], "Saisissez une date au format année-mois-jour."),
                (["amount": "100", "kind": "stolen"], "Choisissez l’une des options."),
                (["amount": "100", "contributorKind": "centre", "centre": "no-such-centre"], "Aucun centre de l’annuaire n’a cette adresse."),
            ] as [([String: String], String)] {
                let response = try await browser.post("/fr/exchanges/\(id)/contributions/new", base.merging(changes) { $1 })
                #expect(response.status == .unprocessableEntity, "\(changes)")
                let body = response.body.string
                #expect(body.contains(message) || body.contains(message.replacingOccurrences(of: "’", with: "&#8217;")), "\(changes): \(message)")
                #expect(!body.contains("<script>alert(1)</script>"))
            }
            #expect(try await Contributions(database: app.db).list(exchangeID: id).isEmpty)

            // Words are kept as written and shown escaped.
            let response = try await browser.post("/en/exchanges/\(id)/contributions/new", [
                "kind": "inKind", "item": "materials", "contributorKind": "organisation", "contributorName": "<b>Org</b>",
                "description": "<script>alert(1)</script> manuals", "givenOn": "2026-02-10"])
            #expect(response.status == .seeOther)
            let stored = try #require(try await Contributions(database: app.db).list(exchangeID: id).first)
            let form = try await browser.get("/en/exchanges/\(id)/contributions/\(stored.id)/edit").body.string
            #expect(form.contains("&lt;script&gt;alert(1)&lt;/script&gt; manuals") && !form.contains("<script>alert(1)"))

            // An edit the store refuses (a centre not in the directory) shows the form again and changes nothing.
            let refused = try await browser.post("/fr/exchanges/\(id)/contributions/\(stored.id)/edit", base.merging(
                ["amount": "100", "contributorKind": "centre", "centre": "no-such-centre"]) { $1 })
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Aucun centre de l’annuaire n’a cette adresse.")
                || refused.body.string.contains("Aucun centre de l&#8217;annuaire n&#8217;a cette adresse."))
            #expect(try await Contributions(database: app.db).contribution(stored.id, exchangeID: id)?.record == stored.record)

            // The totals' filters answer a value that is not a choice with a 400, never an empty page.
            for query in ["year=abc", "year=99999", "country=ZZ", "kind=stolen"] {
                #expect(try await browser.get("/fr/contributions?\(query)").status == .badRequest, "\(query)")
            }
        }
    }

    @Test("only the exchange's people and staff record contributions; members read the totals", arguments: TestEngine.all)
    func permissions(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await CooperationFixtures.expert(app, "provider-expert", country: "SN")
            try await CooperationFixtures.staff(app)
            try await CooperationFixtures.focalPoint(app, country: "KE")
            try await CooperationFixtures.requester(app, "outsider@example.org", country: "GH")
            try await TestUsers.make(app, "pending@example.org", roles: [], status: .pending, country: "KE")
            let id = try await Self.exchange(app, expert: "provider-expert")
            let other = try await Self.exchange(app, expert: "provider-expert", title: "Another exchange")
            let contribution = try await Contributions(database: app.db).add(
                ContributionRecord(kind: .financial, contributorKind: .country, contributorCountry: "KE",
                                   amount: Money(milli: 1_000_000, currency: "KES"), givenOn: "2026-03-01"),
                exchangeID: other, actorID: nil, now: CooperationFixtures.now, notify: false)
            let form = ["kind": "financial", "contributorKind": "country", "contributorCountry": "KE", "amount": "10",
                        "currency": "USD", "givenOn": "2026-03-01"]
            for (email, allowed) in [("staff@example.org", true), ("focal@example.org", true), ("provider-expert@example.org", true),
                                     ("outsider@example.org", false), ("pending@example.org", false)] {
                let browser = Browser(app)
                try await browser.signIn(email)
                let page = try await browser.get("/en/exchanges/\(id)/contributions/new")
                #expect(page.status == (allowed ? .ok : .forbidden), "\(email)")
                let post = try await browser.post("/en/exchanges/\(id)/contributions/new", form)
                #expect(post.status == (allowed ? .seeOther : .forbidden), "\(email)")
                if allowed {
                    // Another exchange's contribution through this exchange's address: not found.
                    #expect(try await browser.get("/en/exchanges/\(id)/contributions/\(contribution)/edit").status == .notFound)
                    #expect(try await browser.post("/en/exchanges/\(id)/contributions/\(contribution)/delete", [:]).status == .notFound)
                    #expect(try await browser.get("/en/exchanges/999999/contributions/new").status == .notFound)
                }
                #expect(try await browser.get("/en/contributions").status == (email == "pending@example.org" ? .forbidden : .ok))
            }
            let visitor = Browser(app)
            let response = try await visitor.get("/en/exchanges/\(id)/contributions/new")
            #expect(response.status == .seeOther && response.headers.first(name: .location) == "/en/account/login")
            #expect(try await visitor.get("/en/contributions").headers.first(name: .location) == "/en/account/login")
            // Three allowed posts, nothing from the others.
            #expect(try await Contributions(database: app.db).list(exchangeID: id).count == 3)
            #expect(try await Contributions(database: app.db).contribution(contribution, exchangeID: other) != nil)
        }
    }
}
