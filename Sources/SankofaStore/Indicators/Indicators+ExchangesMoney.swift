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
        let from: SQLQueryString = "contributions c JOIN exchanges x ON x.id = c.exchange_id WHERE \(exchangeCondition(filter, held: false))"
        let amounts: SQLQueryString = "\(from) AND c.amount_milli IS NOT NULL AND c.currency IS NOT NULL"
        let financial: SQLQueryString = "\(amounts) AND c.kind = \(bind: ContributionKind.financial.rawValue)"
        let money: SQLQueryString = "CAST(SUM(c.amount_milli) AS BIGINT) AS s, COUNT(*) AS n"

        var totals = QuarterTotals()
        for row in try await sql.raw("""
            SELECT \(quarterOfDay("c.given_on")) AS q, COUNT(*) AS n FROM \(from) GROUP BY \(quarterOfDay("c.given_on"))
            """).all() {
            let n = try row.decode(column: "n", as: Int.self)
            totals.add(try row.decode(column: "q", as: String.self), sum: n, records: n)
        }
        let series = totals.countSeries(now: now)

        let kinds = try await sql.raw("SELECT c.kind AS k, COUNT(*) AS n FROM \(from) GROUP BY c.kind").all()
            .reduce(into: [String: Int]()) { $0[try $1.decode(column: "k", as: String.self)] = try $1.decode(column: "n", as: Int.self) }
        let kindRows = ContributionKind.allCases.map { IndicatorRow(keys: [$0.rawValue], figure: .count(kinds[$0.rawValue] ?? 0)) }

        let byCurrency = try await moneyRows("SELECT c.currency AS cur, \(money) FROM \(financial) GROUP BY c.currency ORDER BY c.currency",
                                             keys: ["cur"])
        let byKind = try await moneyRows("""
            SELECT c.kind AS k, c.currency AS cur, \(money) FROM \(amounts) GROUP BY c.kind, c.currency ORDER BY c.kind, c.currency
            """, keys: ["k", "cur"])
        let byCountry = try await moneyRows("""
            SELECT c.contributor_country AS k, c.currency AS cur, \(money) FROM \(financial) AND c.contributor_country IS NOT NULL
            GROUP BY c.contributor_country, c.currency ORDER BY c.contributor_country, c.currency
            """, keys: ["k", "cur"])
        let byYear = try await moneyRows("""
            SELECT SUBSTR(c.given_on, 1, 4) AS k, c.currency AS cur, \(money) FROM \(financial)
            GROUP BY SUBSTR(c.given_on, 1, 4), c.currency ORDER BY SUBSTR(c.given_on, 1, 4), c.currency
            """, keys: ["k", "cur"])
        return IndicatorResult(id: .contributions, unit: .money, value: .none, byYear: series.years, byQuarter: series.quarters,
                               breakdowns: [IndicatorBreakdown(dimensions: [.currency], rows: byCurrency),
                                            IndicatorBreakdown(dimensions: [.contributionKind], rows: kindRows),
                                            IndicatorBreakdown(dimensions: [.contributionKind, .currency], rows: byKind),
                                            IndicatorBreakdown(dimensions: [.country, .currency], rows: byCountry),
                                            IndicatorBreakdown(dimensions: [.period, .currency], rows: byYear)])
    }

    /// Rows of money: the `keys` columns, then the sum `s` in thousandths of currency `cur` over `n`
    /// contributions.
    func moneyRows(_ query: SQLQueryString, keys: [String]) async throws -> [IndicatorRow] {
        try await sql.raw(query).all().map { row in
            let currency = try row.decode(column: "cur", as: String.self)
            return IndicatorRow(keys: try keys.map { try row.decode(column: $0, as: String.self) },
                                figure: .money(milli: try row.decode(column: "s", as: Int64.self), currency: currency,
                                               basis: try row.decode(column: "n", as: Int.self)))
        }
    }
}
