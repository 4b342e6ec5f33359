import Foundation
import SankofaCore
import SQLKit

extension Indicators {
    /// Requests matched: the submitted requests (drafts are not counted) that reached a first
    /// match, dated by that first match, and the median days from submission to it. The value
    /// is the requests matched; breakdowns: the figures beside it (statistic: submitted, matched,
    /// median-days), by region of the beneficiary country each with matched and median-days, by
    /// beneficiary country and by theme (a request of two themes counts in each). A request
    /// matches a region or country filter by its beneficiary country, a theme or pillar filter
    /// when it names it.
    func requestsMatched(filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        let requests = AccessRequests.condition(filter)
        let matched: SQLQueryString = "\(requests) AND q.first_matched_at IS NOT NULL"
        let submitted = try await AccessSQL.count("SELECT COUNT(*) AS n FROM requests q WHERE \(requests)", on: sql)
        let month = AccessSQL.month(seconds: "q.first_matched_at", sql)
        var months: [String: Int] = [:], countries: [String: Int] = [:], regions: [String: Int] = [:]
        for row in try await AccessSQL.grouped("""
            SELECT \(month) AS k0, q.beneficiary_country AS k1, COUNT(*) AS n FROM requests q WHERE \(matched)
            GROUP BY \(month), q.beneficiary_country
            """, on: sql) {
            months[row.keys[0], default: 0] += row.n
            countries[row.keys[1], default: 0] += row.n
            regions[RegionTable.standard.region(of: row.keys[1]).rawValue, default: 0] += row.n
        }
        let total = months.values.reduce(0, +)
        // One scan counts every theme: themes are stored ",a,b," (``Requests``).
        let themeColumns = AccessSQL.themes.enumerated().map { index, theme -> SQLQueryString in
            "SUM(CASE WHEN q.themes LIKE \(bind: "%,\(theme),%") THEN 1 ELSE 0 END) AS t\(unsafeRaw: String(index))"
        }
        var themes: [String: Int] = [:]
        if let row = try await sql.raw("SELECT \(themeColumns.joined(separator: ", ")) FROM requests q WHERE \(matched)").first() {
            for (index, theme) in AccessSQL.themes.enumerated() {
                themes[theme] = try row.decode(column: "t\(index)", as: Int?.self) ?? 0
            }
        }
        let medians = try await AccessRequests.medianDays(matched, on: sql)
        func median(_ key: String) -> IndicatorFigure {
            guard let m = medians[key] else { return .none }
            return .measure(m.days, basis: m.n)
        }
        let statistics = IndicatorBreakdown(dimensions: [.statistic], rows: [
            IndicatorRow(keys: ["submitted"], figure: .count(submitted)),
            IndicatorRow(keys: ["matched"], figure: .count(total)),
            IndicatorRow(keys: ["median-days"], figure: median("")),
        ])
        let byRegion = IndicatorBreakdown(dimensions: [.region, .statistic], rows: AccessSQL.regions.flatMap { region in
            [IndicatorRow(keys: [region, "matched"], figure: .count(regions[region] ?? 0)),
             IndicatorRow(keys: [region, "median-days"], figure: median(region))]
        })
        let series = AccessSQL.series(months.filter { !$0.key.isEmpty }, now: now)
        return IndicatorResult(
            id: .requestsMatched, unit: .count, value: .count(total), byYear: series.years, byQuarter: series.quarters,
            breakdowns: [statistics, byRegion, AccessSQL.breakdown(.country, countries),
                         AccessSQL.breakdown(.theme, themes, order: AccessSQL.themes)])
    }
}

enum AccessRequests {
    /// The submitted requests `q` matching the filter.
    static func condition(_ filter: IndicatorFilter) -> SQLQueryString {
        var query: SQLQueryString = "q.submitted_at IS NOT NULL"
        if let country = filter.country { query = "\(query) AND q.beneficiary_country = \(bind: country.uppercased())" }
        if let region = filter.region { query = "\(query) AND q.beneficiary_country IN (\(binds: countries[region] ?? []))" }
        if let theme = filter.theme { query = "\(query) AND q.themes LIKE \(bind: "%,\(theme.rawValue),%")" }
        if let pillar = filter.pillar { query = "\(query) AND q.pillars LIKE \(bind: "%,\(pillar.rawValue),%")" }
        return query
    }

    /// Every country of each region, worked out once (each is a walk up CLDR's containment).
    static let countries: [Region: [String]] = {
        var countries: [Region: [String]] = [:]
        for code in Countries.all { countries[RegionTable.standard.region(of: code), default: []].append(code) }
        return countries
    }()

    /// The median days from submission to first match of the requests `q` meeting `condition`,
    /// over all of them (key "") and by region of the beneficiary country, with how many each
    /// rests on: the middle one or two of each group in order, picked by window functions (both
    /// engines), so that only the medians leave the database.
    static func medianDays(_ condition: SQLQueryString, on sql: any SQLDatabase) async throws -> [String: (days: Double, n: Int)] {
        let regionCases = Region.allCases.compactMap { region -> SQLQueryString? in
            guard let list = countries[region], !list.isEmpty else { return nil }
            return "WHEN q.beneficiary_country IN (\(binds: list)) THEN \(bind: region.rawValue)"
        }
        let region: SQLQueryString = "CASE \(regionCases.joined(separator: " ")) ELSE \(bind: Region.partner.rawValue) END"
        let waited: SQLQueryString = "q.first_matched_at - q.submitted_at"
        let rows = try await sql.raw("""
            SELECT g, CAST(AVG(d) AS DOUBLE PRECISION) AS m, MAX(c) AS n FROM (
              SELECT g, d, ROW_NUMBER() OVER (PARTITION BY g ORDER BY d) AS i, COUNT(*) OVER (PARTITION BY g) AS c FROM (
                SELECT \(region) AS g, \(waited) AS d FROM requests q WHERE \(condition)
                UNION ALL SELECT '' AS g, \(waited) AS d FROM requests q WHERE \(condition)) w) s
            WHERE i = (c + 1) / 2 OR i = (c + 2) / 2 GROUP BY g
            """).all()
        var medians: [String: (days: Double, n: Int)] = [:]
        for row in rows {
            let seconds = try row.decode(column: "m", as: Double.self)
            // Days to a tenth: a median of seconds carries no meaning beyond that.
            medians[try row.decode(column: "g", as: String.self)] = ((seconds / 86_400 * 10).rounded() / 10,
                                                                   try row.decode(column: "n", as: Int.self))
        }
        return medians
    }
}
