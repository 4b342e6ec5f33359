import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing

@Suite("Cooperation demo data")
struct CooperationDemoDataTests {
    /// The demo cycle has what issue 19 asks of it, written by the cycle's stores: fifteen requests
    /// in the six languages and every status and closure, matches in every state, twenty exchanges
    /// in every status across the four regions and every scope (triangular too), contributions in
    /// money and in kind in several currencies, ten reports and two follow-ups, all marked demo;
    /// a second load adds nothing.
    @Test(arguments: TestEngine.all)
    func demoCycleCoversEveryStepAndLoadsOnce(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .demo) { db in
            let summary = try await CooperationDemoData.load(from: Fixtures.demoFolder, on: db)
            #expect(summary.requests == 15)
            #expect(summary.exchanges == 20)
            #expect(summary.reports == 10)
            #expect(summary.followUps == 2)
            #expect(summary.matches >= 15)
            #expect(summary.contributions >= 20)
            let sql = db as! any SQLDatabase

            #expect(try await strings("SELECT DISTINCT status AS v FROM requests", sql) == Set(RequestStatus.allCases.map(\.rawValue)))
            #expect(try await strings("SELECT DISTINCT closure AS v FROM requests WHERE status = 'closed'", sql)
                    == Set(RequestClosure.allCases.map(\.rawValue)))
            #expect(try await strings("SELECT DISTINCT language AS v FROM requests", sql) == Set(Language.allCases.map(\.rawValue)))
            // Each request's history leads to where it stands, and the conversation has comments.
            let steps = try await count("SELECT COUNT(*) AS n FROM request_events WHERE kind = 'step'", sql)
            #expect(steps >= 40)
            #expect(try await count("SELECT COUNT(*) AS n FROM request_events WHERE kind = 'comment'", sql) >= 3)
            let stray = try await count("""
                SELECT COUNT(*) AS n FROM requests r WHERE r.status <> 'draft' AND r.status <> (
                  SELECT e.to_status FROM request_events e WHERE e.request_id = r.id AND e.kind = 'step' ORDER BY e.at DESC, e.id DESC LIMIT 1)
                """, sql)
            #expect(stray == 0)

            #expect(try await strings("SELECT DISTINCT state AS v FROM request_matches", sql) == Set(MatchState.allCases.map(\.rawValue)))
            #expect(try await count("""
                SELECT COUNT(*) AS n FROM request_matches WHERE state = 'declined' AND (answer_reason IS NULL OR answer_reason = '')
                """, sql) == 0)

            #expect(try await strings("SELECT DISTINCT status AS v FROM exchanges", sql) == Set(ExchangeStatus.allCases.map(\.rawValue)))
            #expect(try await strings("SELECT DISTINCT scope AS v FROM exchanges", sql)
                    == Set([Scope.bilateral, .regional, .interRegional].map(\.rawValue)))
            #expect(try await count("SELECT COUNT(*) AS n FROM exchanges WHERE triangular = \(bind: true)", sql) >= 3)
            #expect(try await count("SELECT COUNT(*) AS n FROM exchanges WHERE public_summary = \(bind: true)", sql) == 2)
            let countries = try await strings("SELECT DISTINCT country AS v FROM exchange_parties", sql)
            #expect(Set(countries.map { RegionTable.standard.region(of: $0) }).isSuperset(of: Region.southern))
            // Exchanges recorded from an accepted match answer their request.
            #expect(try await count("SELECT COUNT(*) AS n FROM exchanges WHERE request_id IS NOT NULL AND match_id IS NOT NULL", sql) == 4)

            #expect(try await strings("SELECT DISTINCT kind AS v FROM contributions", sql) == Set(ContributionKind.allCases.map(\.rawValue)))
            #expect(try await strings("SELECT DISTINCT currency AS v FROM contributions WHERE currency IS NOT NULL", sql).count >= 8)
            #expect(try await count("SELECT COUNT(*) AS n FROM outcome_reports", sql) == 10)
            #expect(try await strings("SELECT DISTINCT language AS v FROM outcome_reports", sql).isSuperset(of: ["ar", "fr", "es", "en"]))
            #expect(try await count("SELECT COUNT(*) AS n FROM outcome_follow_ups", sql) == 2)

            for table in ["requests", "exchanges", "outcome_reports", "outcome_follow_ups"] {
                #expect(try await count("SELECT COUNT(*) AS n FROM \(unsafeRaw: table) WHERE demo = \(bind: false)", sql) == 0, "\(table)")
            }
            // The stores' notices reached demo accounts in the site only: a seed mails nobody.
            #expect(try await count("SELECT COUNT(*) AS n FROM notifications WHERE request_id IS NOT NULL OR exchange_id IS NOT NULL", sql) > 0)
            #expect(try await count("SELECT COUNT(*) AS n FROM outbox", sql) == 0)

            let again = try await CooperationDemoData.load(from: Fixtures.demoFolder, on: db)
            #expect(again == CooperationDemoData.Summary())
            #expect(try await count("SELECT COUNT(*) AS n FROM requests", sql) == 15)
            #expect(try await count("SELECT COUNT(*) AS n FROM exchanges", sql) == 20)
            #expect(try await count("SELECT COUNT(*) AS n FROM request_events WHERE kind = 'step'", sql) == steps)
        }
    }

    private func strings(_ query: SQLQueryString, _ sql: any SQLDatabase) async throws -> Set<String> {
        Set(try await sql.raw(query).all().compactMap { try $0.decode(column: "v", as: String?.self) })
    }

    private func count(_ query: SQLQueryString, _ sql: any SQLDatabase) async throws -> Int {
        try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
