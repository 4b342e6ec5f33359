import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import SankofaTestSupport
@testable import SankofaWeb

/// `sankofa export|import exchanges`: a round trip between two databases gives the same
/// exchanges, importing again changes nothing, and a bad file imports nothing at all.
@Suite("Exchange export and import")
struct ExchangeTransferTests {
    /// What both databases share: the directory the exchanges name.
    static func directory(_ app: Application) async throws {
        try await CooperationFixtures.expert(app, "provider-expert", country: "SN")
    }

    static func exchanges(_ app: Application) async throws {
        let first = try await ContributionTests.exchange(app, expert: "provider-expert")
        let second = try await ContributionTests.exchange(app, expert: "provider-expert", title: "Study visit to Dakar")
        let store = Contributions(database: app.db)
        try await store.add(ContributionRecord(kind: .financial, contributorKind: .country, contributorCountry: "NO",
                                               amount: Money(milli: 25_000_000, currency: "NOK"), givenOn: "2026-01-15", source: "Grant letter"),
                            exchangeID: first, actorID: nil, now: CooperationFixtures.now, notify: false)
        try await store.add(ContributionRecord(kind: .inKind, contributorKind: .centre, centre: "nairobi-centre",
                                               amount: Money(milli: 1_500_000, currency: "KES"), item: .venue, description: "Hall",
                                               givenOn: "2026-03-01"),
                            exchangeID: first, actorID: nil, now: CooperationFixtures.now, notify: false)
        try await store.add(ContributionRecord(kind: .financial, contributorKind: .organisation, contributorCountry: "SN",
                                               contributorName: "Fondation Teranga", amount: Money(milli: 2_000_000_000, currency: "XOF"),
                                               givenOn: "2026-02-01"),
                            exchangeID: second, actorID: nil, now: CooperationFixtures.now, notify: false)
        try await Exchanges(database: app.db).agree(second, side: .provider, agreed: true, actorID: nil, now: CooperationFixtures.now)
        try await Exchanges(database: app.db).changeStatus(first, to: .held, actorID: nil, note: "", now: CooperationFixtures.now)
    }

    /// The provider's outcome report on the held exchange, with its six-month follow-up.
    static let report = CooperationTransfer.ReportEntry(
        side: .provider, filedOn: "2026-03-20",
        report: OutcomeReport(language: .fr, participants: 12, gender: .init(women: 7, men: 5, unspecified: 0),
                              capacity: [.init(theme: .prisons, before: 2, after: 4)], learned: "Des méthodes d’évaluation par les pairs.",
                              adaptations: [.init(kind: .procedure, description: "Une procédure d’évaluation", byWhen: "2026-06-30")]),
        followUp: FollowUp(language: .fr, outcomes: [.init(result: .yes, on: "2026-06-15")]), followUpOn: "2026-09-01")

    static func entries(_ data: Data) throws -> [CooperationTransfer.Entry] {
        try JSONDecoder().decode([CooperationTransfer.Entry].self, from: data)
    }

    static func count(_ app: Application, _ table: String) async throws -> Int {
        try await ContributionTests.count(app, table)
    }

    @Test("export, import into another database, export again: the same exchanges; a second import changes nothing",
          arguments: TestEngine.all)
    func roundTrip(engine: TestEngine) async throws {
        let exported = try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await Self.directory(app)
            try await Self.exchanges(app)
            let data = try await CooperationTransfer.exportJSON(on: app.db)
            // The keys given at the first export stay: a second export names the same exchanges.
            #expect(try Self.entries(try await CooperationTransfer.exportJSON(on: app.db)) == (try Self.entries(data)))
            let again = try await CooperationTransfer.importJSON(data, on: app.db, now: CooperationFixtures.now + 10)
            #expect(again == .init(created: 0, updated: 0, unchanged: 2))
            return data
        }
        var entries = try Self.entries(exported)
        #expect(entries.count == 2 && entries.allSatisfy { $0.exchange.requestID == nil })
        #expect(entries[0].exchange.status == .held && entries[0].reports.isEmpty)
        entries[0].reports = [Self.report]
        let withReports = try JSONEncoder().encode(entries)
        #expect(entries[0].contributions.count == 2)
        #expect(entries[1].agreed == [ExchangeSide.provider])
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await Self.directory(app)
            try await CentreStore(database: app.db).save(DirectoryFixtures.centre("nairobi-centre", country: "KE"))
            let outcome = try await CooperationTransfer.importJSON(withReports, on: app.db, now: CooperationFixtures.now)
            #expect(outcome == .init(created: 2, updated: 0, unchanged: 0))
            #expect(try Self.entries(try await CooperationTransfer.exportJSON(on: app.db)) == entries)
            let events = try await Self.count(app, "exchange_events")
            #expect(try await Self.count(app, "outcome_reports") == 1)
            #expect(try await Self.count(app, "outcome_follow_ups") == 1)
            let again = try await CooperationTransfer.importJSON(withReports, on: app.db, now: CooperationFixtures.now + 60)
            #expect(again == .init(created: 0, updated: 0, unchanged: 2))
            #expect(try await Self.count(app, "exchanges") == 2)
            #expect(try await Self.count(app, "contributions") == 3)
            #expect(try await Self.count(app, "exchange_events") == events, "an unchanged import writes no history")
            #expect(try await Self.count(app, "notifications") == 0, "an import tells nobody")

            // A changed file updates what it names, and only that.
            var changed = entries
            changed[1].contributions[0].amount = Money(milli: 2_500_000_000, currency: "XOF")
            changed[1].agreed = [.provider, .beneficiary]
            let data = try JSONEncoder().encode(changed)
            #expect(try await CooperationTransfer.importJSON(data, on: app.db, now: CooperationFixtures.now + 90)
                    == .init(created: 0, updated: 1, unchanged: 1))
            let totals = try await Contributions(database: app.db).totals(.init(kind: .financial))
            #expect(totals.tables.map { "\($0.currency) \($0.total)" } == ["NOK 25000000", "XOF 2500000000"])
            #expect(try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM exchanges WHERE public_summary = \(bind: true)")
                .first()!.decode(column: "n", as: Int.self) == 1)
        }
    }

    @Test("a bad file imports nothing, and says what is wrong where", arguments: TestEngine.all)
    func badFileImportsNothing(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await Self.directory(app)
            try await Self.exchanges(app)
            let good = try Self.entries(try await CooperationTransfer.exportJSON(on: app.db))
            for table in ["contributions", "exchange_events", "exchange_parties", "exchange_links", "exchanges"] {
                try await (app.db as! any SQLDatabase).raw("DELETE FROM \(unsafeRaw: table)").run()
            }

            var badCurrency = good
            badCurrency[0].key = "exchange-fresh-one"
            badCurrency[1].key = "exchange-fresh-two"
            badCurrency[1].contributions[0].amount = Money(milli: 5_000, currency: "ABC")
            var unknownExpert = good
            unknownExpert[1].exchange.parties[0].expert = "nobody-here"
            var badKey = good
            badKey[0].key = "<script>"
            var reportTooEarly = good
            reportTooEarly[1].reports = [Self.report]
            for (file, expected) in [
                (try JSONEncoder().encode(badCurrency), "record 1: contributions[0].currency"),
                (try JSONEncoder().encode(unknownExpert), "record 1: parties"),
                (try JSONEncoder().encode(badKey), "record 0: key"),
                (try JSONEncoder().encode(reportTooEarly), "record 1: reports: only a held or reported exchange has reports"),
                (Data("[{\"key\": 1}]".utf8), "not a JSON array of exchanges"),
                (Data("not json".utf8), "not a JSON array of exchanges"),
            ] {
                do {
                    _ = try await CooperationTransfer.importJSON(file, on: app.db, now: CooperationFixtures.now)
                    Issue.record("imported a bad file (\(expected))")
                } catch let failure as CooperationTransfer.Failure {
                    #expect(failure.description.contains(expected), "\(failure.description)")
                }
                // The first, valid exchange of each file was not kept either.
                #expect(try await Self.count(app, "exchanges") == 0)
                #expect(try await Self.count(app, "contributions") == 0)
                #expect(try await Self.count(app, "exchange_events") == 0)
            }
        }
    }
}
