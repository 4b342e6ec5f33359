import Foundation
import SankofaCore
import SQLKit

/// Outcome 2 (exchanges between regions), from held exchanges (``exchangeCondition(_:held:)``),
/// each dated by its first day; contributions (`Indicators+ExchangesMoney.swift`) by the day given.
extension Indicators {
    func exchanges(_ id: IndicatorID, filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        switch id {
        case .exchangesByScope: return try await exchangesByScope(filter, now: now)
        case .regionFlows: return try await regionFlows(filter, now: now)
        case .countryPairs: return try await countryPairs(filter, now: now)
        case .requestToExchange: return try await requestToExchange(filter, now: now)
        case .contributions: return try await contributions(filter, now: now)
        default: return IndicatorResult(id: id, unit: .count, value: .none)
        }
    }

    /// The key of the triangular row beside the scopes in ``exchangesByScope(_:now:)``'s breakdowns.
    public static let triangularKey = "triangular"

    /// Held exchanges, by the scope derived from their parties: a table of counts (the four scopes,
    /// then the triangular ones beside: they are also in their scope's row, so that row is not
    /// part of the sum), the same as shares of all held exchanges, and counts by year and scope.
    func exchangesByScope(_ filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        var totals = QuarterTotals()
        var scopes: [String: Int] = [:], triangular = 0
        var yearScopes: [String: [String: Int]] = [:]
        for row in try await sql.raw("""
            SELECT \(monthOf("x.starts_on")) AS q, x.scope AS s, x.triangular AS t, COUNT(*) AS n FROM exchanges x
            WHERE \(exchangeCondition(filter)) GROUP BY \(monthOf("x.starts_on")), x.scope, x.triangular
            """).all() {
            let n = try row.decode(column: "n", as: Int.self), quarter = try row.decode(column: "q", as: String.self)
            totals.add(month: quarter, sum: n, records: n)
            if let scope = try row.decode(column: "s", as: String?.self) {
                scopes[scope, default: 0] += n
                yearScopes[String(quarter.prefix(4)), default: [:]][scope, default: 0] += n
            }
            if try row.decode(column: "t", as: Bool.self) { triangular += n }
        }
        let total = totals.total.sum, series = totals.countSeries(now: now)
        let keys = Scope.allCases.map(\.rawValue)
        let counts = keys.map { IndicatorRow(keys: [$0], figure: .count(scopes[$0] ?? 0)) }
            + [IndicatorRow(keys: [Self.triangularKey], figure: .count(triangular))]
        func share(_ n: Int) -> IndicatorFigure { total > 0 ? .measure(Double(n) / Double(total), basis: n) : .none }
        let shares = keys.map { IndicatorRow(keys: [$0], figure: share(scopes[$0] ?? 0)) }
            + [IndicatorRow(keys: [Self.triangularKey], figure: share(triangular))]
        let byYear = series.years.flatMap { point in
            keys.map { IndicatorRow(keys: [point.period, $0], figure: .count(yearScopes[point.period]?[$0] ?? 0)) }
        }
        return IndicatorResult(id: .exchangesByScope, unit: .count, value: .count(total), byYear: series.years, byQuarter: series.quarters,
                               breakdowns: [IndicatorBreakdown(dimensions: [.scope], rows: counts),
                                            IndicatorBreakdown(dimensions: [.scope], rows: shares),
                                            IndicatorBreakdown(dimensions: [.period, .scope], rows: byYear)])
    }

    /// Each held exchange's providers joined to its beneficiaries (`p`, `b`).
    func sidesFrom(_ filter: IndicatorFilter) -> SQLQueryString {
        """
        exchanges x JOIN exchange_parties p ON p.exchange_id = x.id AND p.side = \(bind: ExchangeSide.provider.rawValue)
        JOIN exchange_parties b ON b.exchange_id = x.id AND b.side = \(bind: ExchangeSide.beneficiary.rawValue)
        WHERE \(exchangeCondition(filter))
        """
    }

    /// Held exchanges as flows from the providing side's region to the beneficiary's: a matrix of
    /// the four Southern regions (every cell, zeros too; other regions when an override puts a
    /// country there), an exchange once per cell it touches. The value: exchanges whose provider
    /// and beneficiary are of different regions.
    func regionFlows(_ filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        var cells: [String: [String: Int]] = [:]
        var totals = QuarterTotals()
        // One pass: each exchange's (month, from, to) once, then the cells and the months of the
        // exchanges between two regions.
        for row in try await sql.raw("""
            WITH t AS MATERIALIZED (
              SELECT DISTINCT x.id AS id, \(monthOf("x.starts_on")) AS m, \(regionOf("p.country")) AS f, \(regionOf("b.country")) AS b
              FROM \(sidesFrom(filter)))
            SELECT 'C' AS k, t.f AS f, t.b AS b, COUNT(*) AS n FROM t GROUP BY t.f, t.b
            UNION ALL SELECT 'M' AS k, t.m AS f, '' AS b, COUNT(DISTINCT t.id) AS n FROM t WHERE t.f <> t.b GROUP BY t.m
            """).all() {
            let n = try row.decode(column: "n", as: Int.self), f = try row.decode(column: "f", as: String.self)
            if try row.decode(column: "k", as: String.self) == "C" {
                cells[f, default: [:]][try row.decode(column: "b", as: String.self)] = n
            } else {
                totals.add(month: f, sum: n, records: n)
            }
        }
        let present = Set(cells.keys).union(cells.values.flatMap(\.keys))
        let regions = Region.allCases.map(\.rawValue).filter { Region.southern.map(\.rawValue).contains($0) || present.contains($0) }
        let rows = regions.flatMap { from in regions.map { to in IndicatorRow(keys: [from, to], figure: .count(cells[from]?[to] ?? 0)) } }
        let series = totals.countSeries(now: now)
        return IndicatorResult(id: .regionFlows, unit: .count, value: .count(totals.total.sum), byYear: series.years,
                               byQuarter: series.quarters, breakdowns: [IndicatorBreakdown(dimensions: [.fromRegion, .toRegion], rows: rows)])
    }

    /// How many pairs the country-pairs breakdown lists (those with the most exchanges): at scale
    /// there are thousands, more than a page or a chart can show; the value counts them all.
    public static let countryPairRows = 100

    /// Distinct pairs of countries, one providing to the other in a held exchange (a pair once
    /// whichever gave). The series counts the pairs that held one in the period; the breakdown
    /// lists the ``countryPairRows`` pairs (alphabetical codes) with the most exchanges, most first.
    func countryPairs(_ filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        var total = 0, years: [String: Int] = [:], quarters: [String: Int] = [:], rows: [IndicatorRow] = []
        let pair: SQLQueryString = "t.c1 || '-' || t.c2"
        for row in try await sql.raw("""
            WITH t AS MATERIALIZED (
              SELECT DISTINCT x.id AS id, \(monthOf("x.starts_on")) AS m,
                CASE WHEN p.country < b.country THEN p.country ELSE b.country END AS c1,
                CASE WHEN p.country < b.country THEN b.country ELSE p.country END AS c2
              FROM \(sidesFrom(filter)) AND p.country <> b.country)
            SELECT 'A' AS k, '' AS g, COUNT(DISTINCT \(pair)) AS n FROM t
            UNION ALL SELECT 'Y' AS k, SUBSTR(t.m, 1, 4) AS g, COUNT(DISTINCT \(pair)) AS n FROM t GROUP BY SUBSTR(t.m, 1, 4)
            UNION ALL SELECT 'Q' AS k, \(quarterOfDay("t.m")) AS g, COUNT(DISTINCT \(pair)) AS n FROM t GROUP BY \(quarterOfDay("t.m"))
            UNION ALL SELECT 'P' AS k, top.g AS g, top.n AS n FROM (
              SELECT \(pair) AS g, COUNT(*) AS n FROM t GROUP BY t.c1, t.c2 ORDER BY n DESC, g LIMIT \(bind: Self.countryPairRows)) top
            """).all() {
            let n = try row.decode(column: "n", as: Int.self), key = try row.decode(column: "g", as: String.self)
            switch try row.decode(column: "k", as: String.self) {
            case "A": total = n
            case "Y": years[key] = n
            case "Q": quarters[key] = n
            default: rows.append(IndicatorRow(keys: key.split(separator: "-").map(String.init), figure: .count(n)))
            }
        }
        rows.sort { ($1.figure.basis, $0.keys.joined()) < ($0.figure.basis, $1.keys.joined()) }
        return IndicatorResult(id: .countryPairs, unit: .count, value: .count(total),
                               byYear: IndicatorPeriods.countSeries(years, quarterly: false, now: now),
                               byQuarter: IndicatorPeriods.countSeries(quarters, quarterly: true, now: now),
                               breakdowns: [IndicatorBreakdown(dimensions: [.country, .partnerCountry], rows: rows)])
    }
}
