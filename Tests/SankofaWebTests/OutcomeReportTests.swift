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

/// Outcome reports through their pages: who may read and file each side's report, filing both
/// sides moving the exchange to `reported`, reports in their own language and direction, the
/// practice link going through the editors, and the six-month follow-up.
@Suite("Outcome reports")
struct OutcomeReportTests {
    @Test("each side's report: its people, the country's focal point and staff file it; others involved read it; outsiders get a 404",
          arguments: TestEngine.all)
    func whoMayFileAndRead(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let world = try await ReportFixtures.world(app)
            let beneficiary = "/en/exchanges/\(world.exchangeID)/reports/beneficiary"
            let provider = "/en/exchanges/\(world.exchangeID)/reports/provider"

            let visitor = Browser(app)
            #expect(try await visitor.get(beneficiary).headers.first(name: .location) == "/en/account/login")
            let outsider = try await ReportFixtures.browser(app, world.outsider.email)
            #expect(try await outsider.get(beneficiary).status == .notFound)
            #expect(try await outsider.post(beneficiary, ReportFixtures.form()).status == .notFound)

            let requester = try await ReportFixtures.browser(app, world.requester.email)
            #expect(try await requester.get(beneficiary).body.string.contains("name=\"learned\""))
            // The requester reads the provider's side but may not file it.
            let providerPage = try await requester.get(provider)
            #expect(providerPage.status == .ok)
            #expect(!providerPage.body.string.contains("name=\"learned\""))
            #expect(try await requester.post(provider, ReportFixtures.form()).status == .forbidden)
            #expect(try await requester.get("/en/exchanges/\(world.exchangeID)/reports/partner").status == .notFound)
            #expect(try await requester.get("/en/exchanges/999999/reports/beneficiary").status == .notFound)

            let expert = try await ReportFixtures.browser(app, world.provider.email)
            #expect(try await expert.post(beneficiary, ReportFixtures.form()).status == .forbidden)
            #expect(try await expert.post(provider, ReportFixtures.form()).status == .seeOther)

            // Kenya's focal point files the beneficiary side; staff may change it afterwards.
            let focal = try await ReportFixtures.browser(app, world.focalPoint.email)
            #expect(try await focal.post(beneficiary, ReportFixtures.form()).status == .seeOther)
            let staff = try await ReportFixtures.browser(app, world.staff.email)
            #expect(try await staff.post(beneficiary, ReportFixtures.form(learned: "Changed by staff.")).status == .seeOther)
            #expect(try await ReportFixtures.count(app, "SELECT COUNT(*) AS n FROM outcome_reports") == 2)
            // The outsider still sees nothing, now that reports exist.
            #expect(try await outsider.get(beneficiary).status == .notFound)
            #expect(!(try await outsider.get(beneficiary).body.string.contains("Changed by staff.")))
        }
    }

    @Test("before the exchange is held there is no form, and a posted report is refused (409)", arguments: TestEngine.all)
    func noReportBeforeTheExchangeIsHeld(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let world = try await ReportFixtures.world(app, status: .agreed)
            let browser = try await ReportFixtures.browser(app, world.requester.email)
            let path = "/en/exchanges/\(world.exchangeID)/reports/beneficiary"
            let page = try await browser.get(path)
            #expect(page.status == .ok)
            #expect(!page.body.string.contains("name=\"learned\""))
            #expect(try await browser.post(path, ReportFixtures.form()).status == .conflict)
            #expect(try await ReportFixtures.count(app, "SELECT COUNT(*) AS n FROM outcome_reports") == 0)
        }
    }

    @Test("both sides filing moves the exchange to reported; an Arabic report reads right to left; the other side is told",
          arguments: TestEngine.all)
    func bothSidesMoveTheExchangeToReported(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let world = try await ReportFixtures.world(app)
            let id = world.exchangeID
            let requester = try await ReportFixtures.browser(app, world.requester.email)
            let arabic = "تعلمنا كيف تُجرى مراجعة الأقران لبرنامج إعادة التأهيل."
            let response = try await requester.post("/en/exchanges/\(id)/reports/beneficiary", ReportFixtures.form(language: "ar", learned: arabic))
            #expect(response.status == .seeOther)
            #expect(try await ReportFixtures.status(app, id) == "held")
            let page = try await requester.get("/en/exchanges/\(id)/reports/beneficiary?done=filed").body.string
            #expect(page.contains("<div lang=\"ar\" dir=\"rtl\"><p>\(arabic)</p></div>"))
            #expect(page.contains("role=\"status\""))
            // The provider's expert was told of it, in the app.
            let providerID = try world.provider.requireID()
            #expect(try await ReportFixtures.told(app, "outcomeReportFiled", exchange: id) == [providerID])

            let expert = try await ReportFixtures.browser(app, world.provider.email)
            #expect(try await expert.post("/en/exchanges/\(id)/reports/provider", ReportFixtures.form(adaptation: false)).status == .seeOther)
            #expect(try await ReportFixtures.status(app, id) == "reported")
            // A change afterwards keeps one report a side and the exchange reported.
            #expect(try await expert.post("/en/exchanges/\(id)/reports/provider", ReportFixtures.form(learned: "Second thoughts.", adaptation: false)).status == .seeOther)
            #expect(try await ReportFixtures.count(app, "SELECT COUNT(*) AS n FROM outcome_reports WHERE exchange_id = \(id)") == 2)
            #expect(try await ReportFixtures.status(app, id) == "reported")
            #expect(try await expert.get("/fr/exchanges/\(id)/reports/provider").body.string.contains("Second thoughts."))
        }
    }

    @Test("hostile and inconsistent input: 422 with each message translated next to its field, nothing stored", arguments: TestEngine.all)
    func hostileInputIsRefusedByField(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let world = try await ReportFixtures.world(app)
            let browser = try await ReportFixtures.browser(app, world.requester.email)
            let path = "/fr/exchanges/\(world.exchangeID)/reports/beneficiary"
            try await browser.get(path)
            let fr = Catalogs.bundled
            var form = ReportFixtures.form()
            form["women"] = "3"                                           // 3 + 10 + 1 ≠ 20
            form["capacity.prisons.after"] = "9"                          // off the scale
            form["capacity.rehabilitation-reintegration.before"] = "1' OR '1'='1"
            form["adaptation.0.byWhen"] = "2027-02-30"                    // no such day
            form["institution.government"] = "99999999999999999999999"    // not a number
            var response = try await browser.post(path, form)
            #expect(response.status == .unprocessableEntity)
            var page = response.body.string
            for key in ["report.error.genderSum", "report.error.scale", "error.date", "report.error.count"] {
                #expect(page.contains(escapeHTML(fr.text(key, .fr))), "\(key)")
            }
            #expect(page.contains("aria-invalid=\"true\""))

            form = ReportFixtures.form(learned: String(repeating: "x", count: OutcomeReport.maxText + 50))
            form["participants"] = "-4"
            form["adaptation.0.kind"] = "revolution"
            form["language"] = "xx"
            form["adaptedPractice"] = "../../etc/passwd"
            form["startPracticeDraft"] = "1"
            response = try await browser.post(path, form)
            #expect(response.status == .unprocessableEntity)
            page = response.body.string
            #expect(page.contains(escapeHTML(fr.text("error.choice", .fr))))
            // A date before the exchange began, an unknown practice, a draft without a title.
            form = ReportFixtures.form()
            form["adaptation.1.kind"] = "policy"
            form["adaptation.1.description"] = "Before it began."
            form["adaptation.1.byWhen"] = "2020-01-01"
            form["adaptedPractice"] = "no-such-practice"
            form["startPracticeDraft"] = "1"
            response = try await browser.post(path, form)
            #expect(response.status == .unprocessableEntity)
            page = response.body.string
            for key in ["report.error.byWhenBefore", "report.error.practice", "error.required"] {
                #expect(page.contains(escapeHTML(fr.text(key, .fr))), "\(key)")
            }
            // A script in the words is stored as words and shown escaped.
            response = try await browser.post(path, ReportFixtures.form(learned: "<script>alert(1)</script>"))
            #expect(response.status == .seeOther)
            page = try await browser.get(path).body.string
            #expect(!page.contains("<script>alert(1)</script>"))
            #expect(page.contains("&lt;script&gt;"))
            #expect(try await ReportFixtures.count(app, "SELECT COUNT(*) AS n FROM outcome_reports") == 1)
        }
    }

    @Test("a practice adapted is proposed as 'adapted' for an editor; a new practice is started once, for review, by the reporter",
          arguments: TestEngine.all)
    func practiceLinkGoesThroughTheEditors(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let world = try await ReportFixtures.world(app)
            let browser = try await ReportFixtures.browser(app, world.requester.email)
            let path = "/en/exchanges/\(world.exchangeID)/reports/beneficiary"
            var form = ReportFixtures.form()
            form["adaptedPractice"] = "prison-dialogue"
            form["startPracticeDraft"] = "1"
            form["practiceTitle"] = "Case reviews before release in Kenya"
            #expect(try await browser.post(path, form).status == .seeOther)

            let store = PracticeStore(database: app.db)
            let live = try #require(try await store.find(slug: "prison-dialogue", publishedOnly: true))
            #expect(live.record.maturity == .evaluated)   // readers see no change yet
            let pending = try #require(try await PendingRevisions(database: app.db).find(try live.requireID()))
            #expect(pending.proposal.maturity == .adapted)
            #expect(pending.state == .pending)

            let started = try #require(try await OutcomeReports(database: app.db).report(exchangeID: world.exchangeID, side: .beneficiary)?.startedPractice)
            let draft = try #require(try await store.find(slug: started, publishedOnly: false))
            #expect(draft.record.status == .submitted)
            #expect(draft.record.maturity == .adapted)
            #expect(draft.record.countries == ["KE"])
            #expect(draft.record.translations[.en]?.title == "Case reviews before release in Kenya")
            #expect(try await ReportFixtures.count(app, "SELECT COUNT(*) AS n FROM practices WHERE status = 'submitted'") == 1)
            #expect(try await browser.get(path).body.string.contains("href=\"/en/practices/\(started)\""))

            // Saving the report again starts nothing more.
            #expect(try await browser.post(path, form).status == .seeOther)
            #expect(try await ReportFixtures.count(app, "SELECT COUNT(*) AS n FROM practices WHERE status = 'submitted'") == 1)

            // A practice already adapted (or further) is left alone.
            form = ReportFixtures.form(adaptation: false)
            form["adaptedPractice"] = "regional-training"
            let expert = try await ReportFixtures.browser(app, world.provider.email)
            #expect(try await expert.post("/en/exchanges/\(world.exchangeID)/reports/provider", form).status == .seeOther)
            let regional = try #require(try await store.find(slug: "regional-training", publishedOnly: true))
            #expect(try await PendingRevisions(database: app.db).find(try regional.requireID()) == nil)
        }
    }

    @Test("the follow-up records what was adopted; only for a report with adaptations; bad choices refused", arguments: TestEngine.all)
    func followUpRecordsWhatWasAdopted(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let world = try await ReportFixtures.world(app)
            let id = world.exchangeID
            let requester = try await ReportFixtures.browser(app, world.requester.email)
            let followUp = "/en/exchanges/\(id)/reports/beneficiary/follow-up"
            #expect(try await requester.get(followUp).status == .notFound)   // no report yet
            #expect(try await requester.post("/en/exchanges/\(id)/reports/beneficiary", ReportFixtures.form()).status == .seeOther)
            let expert = try await ReportFixtures.browser(app, world.provider.email)
            #expect(try await expert.post("/en/exchanges/\(id)/reports/provider", ReportFixtures.form(adaptation: false)).status == .seeOther)
            #expect(try await expert.get("/en/exchanges/\(id)/reports/provider/follow-up").status == .notFound)
            // The provider's expert reads the beneficiary's follow-up page but may not file it.
            #expect(try await expert.get(followUp).status == .ok)
            #expect(try await expert.post(followUp, ["outcome.0.result": "yes", "outcome.0.on": "2027-06-01"]).status == .forbidden)

            #expect(try await requester.get(followUp).body.string.contains("A case review procedure for every release."))
            var response = try await requester.post(followUp, ["language": "en", "outcome.0.result": "maybe"])
            #expect(response.status == .unprocessableEntity)
            response = try await requester.post(followUp, ["language": "en", "outcome.0.result": "yes", "outcome.0.on": "2099-01-01"])
            #expect(response.status == .unprocessableEntity)
            #expect(response.body.string.contains(escapeHTML(Catalogs.bundled.text("followUp.error.future", .en))))
            response = try await requester.post(followUp, ["language": "en", "outcome.0.result": "yes", "outcome.0.on": ISODay.format(Date()),
                                                           "outcome.0.notes": "Adopted by the director."])
            #expect(response.status == .seeOther)
            #expect(try await ReportFixtures.count(app, "SELECT COUNT(*) AS n FROM outcome_follow_ups WHERE adopted_count = 1") == 1)
            #expect(try await requester.get(followUp).body.string.contains("Adopted by the director."))
        }
    }

    @Test("the exchange page shows each side's report, filed or awaited, to the people involved only; the pages work in Arabic",
          arguments: TestEngine.all)
    func exchangePageSummaryForThePeopleInvolved(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let world = try await ReportFixtures.world(app)
            let id = world.exchangeID
            let requester = try await ReportFixtures.browser(app, world.requester.email)
            #expect(try await requester.get("/en/exchanges/\(id)/reports/beneficiary").status == .ok)
            #expect(try await requester.post("/en/exchanges/\(id)/reports/beneficiary", ReportFixtures.form()).status == .seeOther)
            let page = try await requester.get("/en/exchanges/\(id)").body.string
            #expect(page.contains("id=\"reports-heading\""))
            #expect(page.contains("href=\"/en/exchanges/\(id)/reports/provider\""))
            #expect(page.contains(escapeHTML(Catalogs.bundled.text("report.participantsSummary", .en, ["count": "20", "gender": "9 Women, 10 Men, 1 Not specified"]))))
            #expect(page.contains(escapeHTML(Catalogs.bundled.text("report.notFiled", .en))))
            let outsider = try await ReportFixtures.browser(app, world.outsider.email)
            let summary = try await outsider.get("/en/exchanges/\(id)")
            #expect(summary.status == .ok)
            #expect(!summary.body.string.contains("id=\"reports-heading\""))
            let arabic = try await requester.get("/ar/exchanges/\(id)/reports/beneficiary")
            #expect(arabic.status == .ok)
            #expect(arabic.body.string.contains("dir=\"rtl\""))
            #expect(arabic.body.string.contains(escapeHTML(Catalogs.bundled.text("report.capacity.caption", .ar))))
            #expect(try await requester.get("/ar/exchanges/\(id)/reports/beneficiary/follow-up").status == .ok)
        }
    }
}
