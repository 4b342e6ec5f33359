import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import Testing

/// The annual report's contributions by currency (found by scripts/two-nodes: `sankofa report
/// annual` failed on PostgreSQL, where SUM over a BIGINT column is a NUMERIC that the driver
/// will not read as an integer; SQLite's SUM is an integer, so only PostgreSQL failed).
@Suite("Annual highlights: money")
struct AnnualHighlightsMoneyTests {
    @Test("Contributions of a year are summed per currency on both engines", arguments: TestEngine.all)
    func contributionsByCurrency(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            _ = try await IndicatorCooperationFixture.load(on: db)
            // 2025: USD 1,000.000 (E1) + 2,500.500 (E2), NOK 10,000.000 (E2).
            let year = try await AnnualReports(database: db).highlights(2025)
            #expect(year.contributions.rows == [
                IndicatorRow(keys: ["NOK"], figure: .money(milli: 10_000_000, currency: "NOK", basis: 1)),
                IndicatorRow(keys: ["USD"], figure: .money(milli: 3_500_500, currency: "USD", basis: 2)),
            ])
        }
    }
}
