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
            SELECT \(quarterOfDay("x.starts_on")) AS q, x.scope AS s, x.triangular AS t, COUNT(*) AS n FROM exchanges x
            WHERE \(exchangeCondition(filter)) GROUP BY \(quarterOfDay("x.starts_on")), x.scope, x.triangular
            """).all() {
            let n = try row.decode(column: "n", as: Int.self), quarter = try row.decode(column: "q", as: String.self)
            totals.add(quarter, sum: n, records: n)
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
        for row in try await sql.raw("""
            SELECT t.f AS f, t.b AS b, COUNT(DISTINCT t.id) AS n FROM (
              SELECT x.id AS id, \(regionOf("p.country")) AS f, \(regionOf("b.country")) AS b FROM \(sidesFrom(filter))) t
            GROUP BY t.f, t.b
            """).all() {
            cells[try row.decode(column: "f", as: String.self), default: [:]][try row.decode(column: "b", as: String.self)] =
                try row.decode(column: "n", as: Int.self)
        }
        var totals = QuarterTotals()
        for row in try await sql.raw("""
            SELECT t.q AS q, COUNT(DISTINCT t.id) AS n FROM (
              SELECT x.id AS id, \(quarterOfDay("x.starts_on")) AS q, \(regionOf("p.country")) AS f, \(regionOf("b.country")) AS b
              FROM \(sidesFrom(filter))) t
            WHERE t.f <> t.b GROUP BY t.q
            """).all() {
            let n = try row.decode(column: "n", as: Int.self)
            totals.add(try row.decode(column: "q", as: String.self), sum: n, records: n)
        }
        let present = Set(cells.keys).union(cells.values.flatMap(\.keys))
        let regions = Region.allCases.map(\.rawValue).filter { Region.southern.map(\.rawValue).contains($0) || present.contains($0) }
        let rows = regions.flatMap { from in regions.map { to in IndicatorRow(keys: [from, to], figure: .count(cells[from]?[to] ?? 0)) } }
        let series = totals.countSeries(now: now)
        return IndicatorResult(id: .regionFlows, unit: .count, value: .count(totals.total.sum), byYear: series.years,
                               byQuarter: series.quarters, breakdowns: [IndicatorBreakdown(dimensions: [.fromRegion, .toRegion], rows: rows)])
    }

    /// Distinct pairs of countries, one providing to the other in a held exchange (a pair once
    /// whichever gave). The series counts the pairs that held one in the period; the breakdown
    /// lists each pair (alphabetical codes) with its exchanges, most first.
    func countryPairs(_ filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        var exchanges: [[String]: Int] = [:]
        var quarters: [String: Set<[String]>] = [:]
        for row in try await sql.raw("""
            SELECT t.c1 AS c1, t.c2 AS c2, t.q AS q, COUNT(DISTINCT t.id) AS n FROM (
              SELECT x.id AS id, \(quarterOfDay("x.starts_on")) AS q,
                CASE WHEN p.country < b.country THEN p.country ELSE b.country END AS c1,
                CASE WHEN p.country < b.country THEN b.country ELSE p.country END AS c2
              FROM \(sidesFrom(filter)) AND p.country <> b.country) t
            GROUP BY t.c1, t.c2, t.q
            """).all() {
            let pair = [try row.decode(column: "c1", as: String.self), try row.decode(column: "c2", as: String.self)]
            exchanges[pair, default: 0] += try row.decode(column: "n", as: Int.self)
            quarters[try row.decode(column: "q", as: String.self), default: []].insert(pair)
        }
        var years: [String: Set<[String]>] = [:]
        for (quarter, pairs) in quarters { years[String(quarter.prefix(4)), default: []].formUnion(pairs) }
        let rows = exchanges.sorted { ($1.value, $0.key.joined()) < ($0.value, $1.key.joined()) }
            .map { IndicatorRow(keys: $0.key, figure: .count($0.value)) }
        return IndicatorResult(id: .countryPairs, unit: .count, value: .count(exchanges.count),
                               byYear: IndicatorPeriods.countSeries(years.mapValues(\.count), quarterly: false, now: now),
                               byQuarter: IndicatorPeriods.countSeries(quarters.mapValues(\.count), quarterly: true, now: now),
                               breakdowns: [IndicatorBreakdown(dimensions: [.country, .partnerCountry], rows: rows)])
    }
}
