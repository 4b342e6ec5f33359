import Foundation
import SankofaCore
import SQLKit

extension Indicators {
    /// Contributions to exchanges that were not cancelled (``exchangeCondition(_:held:)`` with
    /// `held: false`: money is given to exchanges agreed or under way too), dated by the day
    /// given. Amounts stay in the currency they were given in and are never added across
    /// currencies: the value is `.none`, the series count contributions, and the money is in
    /// breakdowns by currency (financial ones; in-kind estimates apart, by kind and currency), by
    /// contributor country and currency, and by year and currency. Contributions whose
    /// contributor has no country are in every total but no country row.
    func contributions(_ filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        let financial: SQLQueryString = "t.kind = \(bind: ContributionKind.financial.rawValue) AND t.a IS NOT NULL AND t.cur IS NOT NULL"
        let money: SQLQueryString = "COUNT(*) AS n, CAST(SUM(t.a) AS BIGINT) AS s"
        // The contributions counted are gathered once; every table is one grouping of them.
        let rows = try await sql.raw("""
            WITH t AS MATERIALIZED (
              SELECT c.given_on AS d, c.kind AS kind, c.contributor_country AS cc, c.currency AS cur, c.amount_milli AS a
              FROM exchanges x JOIN contributions c ON c.exchange_id = x.id WHERE \(exchangeCondition(filter, held: false)))
            SELECT 'M' AS k, SUBSTR(t.d, 1, 7) AS g, '' AS cur, COUNT(*) AS n, CAST(0 AS BIGINT) AS s FROM t GROUP BY SUBSTR(t.d, 1, 7)
            UNION ALL SELECT 'K' AS k, t.kind AS g, '' AS cur, COUNT(*) AS n, CAST(0 AS BIGINT) AS s FROM t GROUP BY t.kind
            UNION ALL SELECT 'C' AS k, '' AS g, t.cur AS cur, \(money) FROM t WHERE \(financial) GROUP BY t.cur
            UNION ALL SELECT 'KC' AS k, t.kind AS g, t.cur AS cur, \(money) FROM t WHERE t.a IS NOT NULL AND t.cur IS NOT NULL
              GROUP BY t.kind, t.cur
            UNION ALL SELECT 'CC' AS k, t.cc AS g, t.cur AS cur, \(money) FROM t WHERE \(financial) AND t.cc IS NOT NULL GROUP BY t.cc, t.cur
            UNION ALL SELECT 'Y' AS k, SUBSTR(t.d, 1, 4) AS g, t.cur AS cur, \(money) FROM t WHERE \(financial)
              GROUP BY SUBSTR(t.d, 1, 4), t.cur
            """).all()
        var totals = QuarterTotals(), kinds: [String: Int] = [:]
        var tables: [String: [IndicatorRow]] = [:]
        for row in rows {
            let table = try row.decode(column: "k", as: String.self), key = try row.decode(column: "g", as: String.self)
            let n = try row.decode(column: "n", as: Int.self), currency = try row.decode(column: "cur", as: String.self)
            switch table {
            case "M": totals.add(month: key, sum: n, records: n)
            case "K": kinds[key] = n
            default:
                let figure = IndicatorFigure.money(milli: try row.decode(column: "s", as: Int64.self), currency: currency, basis: n)
                tables[table, default: []].append(IndicatorRow(keys: table == "C" ? [currency] : [key, currency], figure: figure))
            }
        }
        func sorted(_ table: String) -> [IndicatorRow] {
            (tables[table] ?? []).sorted { $0.keys.lexicographicallyPrecedes($1.keys) }
        }
        let series = totals.countSeries(now: now)
        let kindRows = ContributionKind.allCases.map { IndicatorRow(keys: [$0.rawValue], figure: .count(kinds[$0.rawValue] ?? 0)) }
        return IndicatorResult(id: .contributions, unit: .money, value: .none, byYear: series.years, byQuarter: series.quarters,
                               breakdowns: [IndicatorBreakdown(dimensions: [.currency], rows: sorted("C")),
                                            IndicatorBreakdown(dimensions: [.contributionKind], rows: kindRows),
                                            IndicatorBreakdown(dimensions: [.contributionKind, .currency], rows: sorted("KC")),
                                            IndicatorBreakdown(dimensions: [.country, .currency], rows: sorted("CC")),
                                            IndicatorBreakdown(dimensions: [.period, .currency], rows: sorted("Y"))])
    }
}
