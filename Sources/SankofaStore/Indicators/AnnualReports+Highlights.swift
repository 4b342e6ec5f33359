import Foundation
import SankofaCore
import SQLKit

/// The highlights of one calendar year (UTC) for the annual report, as raw figures (the report
/// passes them through ``IndicatorSuppression`` like every indicator): practices published that
/// year, exchanges held that year (dated by their start day, as the indicators date them) by
/// region and country, and contributions given that year by currency.
public struct AnnualHighlights: Sendable, Equatable {
    public var practicesTotal: Int
    public var practicesByRegion: IndicatorBreakdown
    /// The slugs of the year's last published practices, newest first.
    public var latestPractices: [String]
    public var exchangesTotal: Int
    /// Providing side's region × beneficiary's region: held exchanges (an exchange counts once per pair).
    public var flows: IndicatorBreakdown
    /// Held exchanges per country of a party (an exchange counts once per country).
    public var exchangesByCountry: IndicatorBreakdown
    /// Money given per currency (`.money`, with the number of contributions as basis).
    public var contributions: IndicatorBreakdown
}

extension AnnualReports {
    /// How many of the year's practices the report lists by title.
    public static let latestCount = 8

    public func highlights(_ year: Int) async throws -> AnnualHighlights {
        let indicators = Indicators(database: database)
        let inYear: SQLQueryString = """
            a.published_at IS NOT NULL AND SUBSTR(\(AccessSQL.month(date: "a.published_at", sql)), 1, 4) = \(bind: String(year))
            """
        // The facet '' has one row per published practice; 'region' one per region of it.
        let practicesTotal = try await AccessSQL.count("""
            SELECT COUNT(*) AS n FROM practice_facet_values a WHERE a.facet = '' AND \(inYear)
            """, on: sql)
        let regions = try await AccessSQL.grouped("""
            SELECT a.value AS k0, COUNT(*) AS n FROM practice_facet_values a WHERE a.facet = 'region' AND \(inYear) GROUP BY a.value
            """, on: sql)
        let latest = try await sql.raw("""
            SELECT a.slug FROM practice_facet_values a WHERE a.facet = '' AND \(inYear) ORDER BY a.published_at DESC, a.slug LIMIT \(bind: Self.latestCount)
            """).all().map { try $0.decode(column: "slug", as: String.self) }

        let held: SQLQueryString = "\(indicators.exchangeCondition(.all)) AND x.starts_on LIKE \(bind: "\(year)-%")"
        let exchangesTotal = try await AccessSQL.count("SELECT COUNT(*) AS n FROM exchanges x WHERE \(held)", on: sql)
        let countries = try await AccessSQL.grouped("""
            SELECT p.country AS k0, COUNT(DISTINCT x.id) AS n FROM exchanges x JOIN exchange_parties p ON p.exchange_id = x.id
            WHERE \(held) GROUP BY p.country
            """, on: sql)
        let flows = try await AccessSQL.grouped("""
            SELECT k0, k1, COUNT(*) AS n FROM (
              SELECT DISTINCT x.id, \(indicators.regionOf("p.country")) AS k0, \(indicators.regionOf("b.country")) AS k1
              FROM exchanges x
              JOIN exchange_parties p ON p.exchange_id = x.id AND p.side = \(bind: ExchangeSide.provider.rawValue)
              JOIN exchange_parties b ON b.exchange_id = x.id AND b.side = \(bind: ExchangeSide.beneficiary.rawValue)
              WHERE \(held)) pairs
            GROUP BY k0, k1
            """, on: sql)

        // Contributions to exchanges not cancelled, dated by the day they were given. The CAST:
        // PostgreSQL's SUM of a BIGINT is a NUMERIC, which the driver does not read as an integer.
        var money: [IndicatorRow] = []
        for row in try await sql.raw("""
            SELECT c.currency, CAST(SUM(c.amount_milli) AS BIGINT) AS total, COUNT(*) AS n FROM contributions c JOIN exchanges x ON x.id = c.exchange_id
            WHERE \(indicators.exchangeCondition(.all, held: false)) AND c.given_on LIKE \(bind: "\(year)-%")
              AND c.amount_milli IS NOT NULL AND c.currency IS NOT NULL
            GROUP BY c.currency ORDER BY c.currency
            """).all() {
            let currency = try row.decode(column: "currency", as: String.self)
            money.append(IndicatorRow(keys: [currency], figure: .money(
                milli: try row.decode(column: "total", as: Int64.self), currency: currency, basis: try row.decode(column: "n", as: Int.self))))
        }

        let regionOrder = Region.allCases.map(\.rawValue)
        func position(_ key: String) -> Int { regionOrder.firstIndex(of: key) ?? regionOrder.count }
        return AnnualHighlights(
            practicesTotal: practicesTotal,
            practicesByRegion: IndicatorBreakdown(dimensions: [.region], rows: regions
                .sorted { position($0.keys[0]) < position($1.keys[0]) }
                .map { IndicatorRow(keys: [$0.keys[0]], figure: .count($0.n)) }),
            latestPractices: latest,
            exchangesTotal: exchangesTotal,
            flows: IndicatorBreakdown(dimensions: [.fromRegion, .toRegion], rows: flows
                .sorted { (position($0.keys[0]), position($0.keys[1])) < (position($1.keys[0]), position($1.keys[1])) }
                .map { IndicatorRow(keys: [$0.keys[0], $0.keys[1]], figure: .count($0.n)) }),
            exchangesByCountry: IndicatorBreakdown(dimensions: [.country], rows: countries
                .sorted { $0.keys[0] < $1.keys[0] }.map { IndicatorRow(keys: [$0.keys[0]], figure: .count($0.n)) }),
            contributions: IndicatorBreakdown(dimensions: [.currency], rows: money))
    }
}
