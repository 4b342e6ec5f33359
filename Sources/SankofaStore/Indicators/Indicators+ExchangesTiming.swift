import Foundation
import SankofaCore
import SQLKit

extension Indicators {
    /// Median whole days from a request's submission (its UTC day) to the first day of the first
    /// held exchange that answers it, over the requests such an exchange answers; by year and
    /// quarter of that exchange's start, and by the beneficiary country's region. Medians are
    /// taken in the database (row numbers over each group), on both engines.
    func requestToExchange(_ filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        let days: SQLQueryString = isPostgres
            ? "(CAST(e.starts_on AS DATE) - CAST(to_timestamp(e.submitted_at) AT TIME ZONE 'UTC' AS DATE))"
            : "CAST(julianday(e.starts_on) - julianday(e.submitted_at, 'unixepoch', 'start of day') AS INTEGER)"
        // One line per request: the start of its first held exchange (of the filter).
        let firsts: SQLQueryString = """
            SELECT r.id AS id, r.beneficiary_country AS country, r.submitted_at AS submitted_at, MIN(x.starts_on) AS starts_on
            FROM requests r JOIN exchanges x ON x.request_id = r.id
            WHERE r.submitted_at IS NOT NULL AND \(exchangeCondition(filter))
            GROUP BY r.id, r.beneficiary_country, r.submitted_at
            """
        let rows = try await sql.raw("""
            WITH e AS (\(firsts)),
            d AS (SELECT \(days) AS v, e.starts_on AS starts_on, e.country AS country FROM e),
            k AS (
              SELECT 'all' AS g, v FROM d
              UNION ALL SELECT 'Y' || SUBSTR(d.starts_on, 1, 4), v FROM d
              UNION ALL SELECT 'Q' || \(quarterOfDay("d.starts_on")), v FROM d
              UNION ALL SELECT 'R' || \(regionOf("d.country")), v FROM d),
            o AS (SELECT g, v, ROW_NUMBER() OVER (PARTITION BY g ORDER BY v) AS rn, COUNT(*) OVER (PARTITION BY g) AS n FROM k)
            SELECT g AS g, AVG(CAST(v AS DOUBLE PRECISION)) AS m, MAX(n) AS n FROM o
            WHERE rn = (n + 1) / 2 OR rn = (n + 2) / 2 GROUP BY g
            """).all()
        var medians: [String: IndicatorFigure] = [:]
        for row in rows {
            medians[try row.decode(column: "g", as: String.self)] =
                .measure(try row.decode(column: "m", as: Double.self), basis: try row.decode(column: "n", as: Int.self))
        }
        func part(_ prefix: Character) -> [String: IndicatorFigure] {
            Dictionary(uniqueKeysWithValues: medians.filter { $0.key.first == prefix }.map { (String($0.key.dropFirst()), $0.value) })
        }
        let regions = part("R")
        let regionRows = Region.allCases.compactMap { region in regions[region.rawValue].map { IndicatorRow(keys: [region.rawValue], figure: $0) } }
        return IndicatorResult(id: .requestToExchange, unit: .days, value: medians["all"] ?? .none,
                               byYear: QuarterTotals.fill(part("Y"), quarterly: false, now: now),
                               byQuarter: QuarterTotals.fill(part("Q"), quarterly: true, now: now),
                               breakdowns: [IndicatorBreakdown(dimensions: [.region], rows: regionRows)])
    }
}
