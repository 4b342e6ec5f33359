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

/// The cycle's reminders (``CooperationReminders``): outcome reports asked 7 and 30 days after a
/// held exchange ends, of each side that has not reported, and the follow-up six months after a
/// report with adaptations; each sent once, in the app and by e-mail, however often the pass runs.
@Suite("Cooperation reminders")
struct CooperationReminderTests {
    static func remind(_ app: Application, daysAfterEnd days: Int) async throws -> [CooperationReminders.Sent] {
        try await sendCooperationReminders(app, now: ReportFixtures.time(daysAfterEnd: days))
    }

    @Test("report reminders at 7 and 30 days, once each, and none for a side that filed", arguments: TestEngine.all)
    func reportRemindersGoOnce(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let world = try await ReportFixtures.world(app)
            let id = world.exchangeID
            #expect(try await Self.remind(app, daysAfterEnd: 6).isEmpty)

            let week = try await Self.remind(app, daysAfterEnd: 7)
            #expect(Set(week.map(\.side)) == [.provider, .beneficiary])
            #expect(week.allSatisfy { $0.kind == .report7 })
            // The provider's expert; the requester and Kenya's focal point for the beneficiary side.
            #expect(Set(try await ReportFixtures.told(app, "outcomeReportDue", exchange: id))
                    == Set([world.provider.id!, world.requester.id!, world.focalPoint.id!]))
            let mail = try await TestMail.deliver(app)
            #expect(Set(mail.map(\.recipient)) == Set([world.provider.email, world.requester.email, world.focalPoint.email]))
            #expect(try await Self.remind(app, daysAfterEnd: 7).isEmpty)
            #expect(try await Self.remind(app, daysAfterEnd: 20).isEmpty)
            #expect(try await TestMail.deliver(app).isEmpty)

            _ = try await OutcomeReports(database: app.db).file(ReportFixtures.report(), exchangeID: id, side: .provider,
                                                                by: ReportFixtures.writer(world.provider, at: ReportFixtures.time(daysAfterEnd: 10)),
                                                                now: ReportFixtures.time(daysAfterEnd: 10))
            let month = try await Self.remind(app, daysAfterEnd: 30)
            #expect(month.map(\.side) == [.beneficiary])
            #expect(month.map(\.kind) == [.report30])
            #expect(try await Self.remind(app, daysAfterEnd: 31).isEmpty)
            #expect(try await ReportFixtures.count(app, "SELECT COUNT(*) AS n FROM cooperation_reminders") == 3)
            let due = try await ReportFixtures.told(app, "outcomeReportDue", exchange: id)
            #expect(due.filter { $0 == world.provider.id! }.count == 1)
            #expect(due.filter { $0 == world.requester.id! }.count == 2)
        }
    }

    @Test("a first pass past 30 days sends the second reminder only; an exchange not held gets none", arguments: TestEngine.all)
    func latePassSendsTheSecondOnly(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let world = try await ReportFixtures.world(app)
            let agreed = try await Exchanges(database: app.db).create(
                ExchangeRecord(title: "Never held", language: .en, type: .peerReview, status: .agreed, startsOn: ReportFixtures.startsOn,
                               endsOn: ReportFixtures.endsOn, place: "Dakar", themes: [.prisons],
                               parties: [ExchangeParty(side: .provider, country: "SN", expert: "provider-expert"),
                                         ExchangeParty(side: .beneficiary, country: "KE")]),
                createdBy: nil, now: CooperationFixtures.now)
            let sent = try await Self.remind(app, daysAfterEnd: 40)
            #expect(sent.allSatisfy { $0.kind == .report30 && $0.exchangeID == world.exchangeID })
            #expect(sent.count == 2)
            #expect(try await Self.remind(app, daysAfterEnd: 41).isEmpty)
            #expect(try await ReportFixtures.told(app, "outcomeReportDue", exchange: agreed).isEmpty)
        }
    }

    @Test("two passes at once (two nodes) send each reminder once", arguments: TestEngine.all)
    func simultaneousPassesSendOnce(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let world = try await ReportFixtures.world(app)
            let now = ReportFixtures.time(daysAfterEnd: 8)
            async let first = CooperationReminders(database: app.db).remind(now: now)
            async let second = CooperationReminders(database: app.db).remind(now: now)
            let sent = try await first + second
            #expect(sent.count == 2)
            #expect(try await ReportFixtures.told(app, "outcomeReportDue", exchange: world.exchangeID).count == 3)
        }
    }

    @Test("the follow-up is asked six months after a report with adaptations, once, and not once filed", arguments: TestEngine.all)
    func followUpAfterSixMonths(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let world = try await ReportFixtures.world(app)
            let id = world.exchangeID
            let filedAt = ReportFixtures.time(daysAfterEnd: 3)
            let reports = OutcomeReports(database: app.db)
            _ = try await reports.file(ReportFixtures.report(adaptations: 1), exchangeID: id, side: .beneficiary,
                                       by: ReportFixtures.writer(world.requester, at: filedAt), now: filedAt)
            _ = try await reports.file(ReportFixtures.report(adaptations: 0), exchangeID: id, side: .provider,
                                       by: ReportFixtures.writer(world.provider, at: filedAt), now: filedAt)
            let day = 86_400
            #expect(try await sendCooperationReminders(app, now: filedAt + 181 * day).isEmpty)
            let sent = try await sendCooperationReminders(app, now: filedAt + 183 * day)
            #expect(sent.map(\.kind) == [.followUp])
            #expect(sent.map(\.side) == [.beneficiary])
            #expect(Set(try await ReportFixtures.told(app, "followUpDue", exchange: id)) == Set([world.requester.id!, world.focalPoint.id!]))
            #expect(try await sendCooperationReminders(app, now: filedAt + 200 * day).isEmpty)
        }
    }

    @Test("a report whose follow-up was filed is not reminded", arguments: TestEngine.all)
    func noFollowUpReminderOnceFiled(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let world = try await ReportFixtures.world(app)
            let filedAt = ReportFixtures.time(daysAfterEnd: 3)
            _ = try await OutcomeReports(database: app.db).file(ReportFixtures.report(), exchangeID: world.exchangeID, side: .beneficiary,
                                                                by: ReportFixtures.writer(world.requester, at: filedAt), now: filedAt)
            let report = try #require(try await OutcomeReports(database: app.db).report(exchangeID: world.exchangeID, side: .beneficiary))
            try await FollowUps(database: app.db).file(FollowUp(language: .en, outcomes: [.init(result: .partly, on: "2027-05-01")]), of: report,
                                                       by: ReportFixtures.writer(world.requester, at: filedAt + 86_400), now: filedAt + 90 * 86_400)
            let sent = try await sendCooperationReminders(app, now: filedAt + 190 * 86_400)
            #expect(!sent.contains { $0.kind == .followUp })
            #expect(try await ReportFixtures.told(app, "followUpDue", exchange: world.exchangeID).isEmpty)
        }
    }
}
