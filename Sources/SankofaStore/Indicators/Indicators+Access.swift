import Foundation
import SankofaCore
import SQLKit

/// Outcome 3, information on and access to expertise: what the catalogue publishes
/// (``publishedPractices(filter:now:)``), in which languages (``translationCoverage(filter:now:)``),
/// who can be found (``directory(filter:audience:now:)``), how fast requests find someone
/// (``requestsMatched(filter:now:)``), and how much the Handbook and the search are used
/// (``usage(_:metric:now:)``). Every figure is an aggregate query on the indexed tables the lists
/// already keep (the catalogue's facet rows, the directory's per-audience rows, request columns,
/// `usage_counts`), never a pass over records' JSON.
extension Indicators {
    func access(_ id: IndicatorID, filter: IndicatorFilter, audience: Audience, now: Date) async throws -> IndicatorResult {
        switch id {
        case .publishedPractices: return try await publishedPractices(filter: filter, now: now)
        case .translationCoverage: return try await translationCoverage(filter: filter, now: now)
        case .directory: return try await directory(filter: filter, audience: audience, now: now)
        case .requestsMatched: return try await requestsMatched(filter: filter, now: now)
        case .handbookDownloads: return try await usage(id, metric: .handbookDownload, now: now)
        case .searches: return try await usage(id, metric: .search, now: now)
        default: return IndicatorResult(id: id, unit: .count, value: .none)
        }
    }

    /// Handbook downloads or searches: the sum of ``UsageCounts`` rows, by the period of their
    /// day and by language. No filter applies: a download or a search is counted with its day and
    /// the interface language only, not with any region, country, theme or pillar.
    func usage(_ id: IndicatorID, metric: UsageMetric, now: Date) async throws -> IndicatorResult {
        let rows = try await AccessSQL.grouped("""
            SELECT SUBSTR(day, 1, 7) AS k0, language AS k1, CAST(SUM(count) AS BIGINT) AS n FROM usage_counts
            WHERE metric = \(bind: metric.rawValue) GROUP BY SUBSTR(day, 1, 7), language
            """, on: sql)
        var months: [String: Int] = [:], languages: [String: Int] = [:]
        for row in rows {
            months[row.keys[0], default: 0] += row.n
            languages[row.keys[1], default: 0] += row.n
        }
        let series = AccessSQL.series(months, now: now)
        return IndicatorResult(id: id, unit: .count, value: .count(months.values.reduce(0, +)),
                               byYear: series.years, byQuarter: series.quarters,
                               breakdowns: [AccessSQL.breakdown(.language, languages, order: Language.allCases.map(\.rawValue))])
    }
}

/// What the outcome-3 queries share: calendar months on either engine, grouped counts read into
/// rows, and monthly counts folded into gap-free year and quarter series.
enum AccessSQL {
    struct Row {
        var keys: [String]
        var n: Int
    }

    /// "YYYY-MM" (UTC) of a column of Unix seconds.
    static func month(seconds column: String, _ sql: any SQLDatabase) -> SQLQueryString {
        sql.dialect.name == "sqlite"
            ? "strftime('%Y-%m', \(unsafeRaw: column), 'unixepoch')"
            : "to_char(to_timestamp(\(unsafeRaw: column)) AT TIME ZONE 'UTC', 'YYYY-MM')"
    }

    /// "YYYY-MM" (UTC) of a date column (SQLite keeps dates as floating-point Unix seconds).
    static func month(date column: String, _ sql: any SQLDatabase) -> SQLQueryString {
        sql.dialect.name == "sqlite"
            ? "strftime('%Y-%m', \(unsafeRaw: column), 'unixepoch')"
            : "to_char(\(unsafeRaw: column) AT TIME ZONE 'UTC', 'YYYY-MM')"
    }

    /// Rows of a query selecting text keys `k0`, `k1`… (NULL read as "") and a count `n`.
    static func grouped(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> [Row] {
        try await sql.raw(query).all().map { row in
            var keys: [String] = []
            while row.contains(column: "k\(keys.count)") {
                keys.append(try row.decode(column: "k\(keys.count)", as: String?.self) ?? "")
            }
            return Row(keys: keys, n: try row.decode(column: "n", as: Int?.self) ?? 0)
        }
    }

    static func count(_ query: SQLQueryString, on sql: any SQLDatabase) async throws -> Int {
        try await sql.raw(query).first()?.decode(column: "n", as: Int?.self) ?? 0
    }

    /// Monthly counts ("YYYY-MM") as year and quarter series from the first month to `now`, no gap.
    static func series(_ months: [String: Int], now: Date) -> (years: [IndicatorPoint], quarters: [IndicatorPoint]) {
        var years: [String: Int] = [:], quarters: [String: Int] = [:]
        for (month, n) in months {
            guard let keys = IndicatorPeriods.keys(ofDay: month) else { continue }
            years[keys.year, default: 0] += n
            quarters[keys.quarter, default: 0] += n
        }
        return (IndicatorPeriods.countSeries(years, quarterly: false, now: now),
                IndicatorPeriods.countSeries(quarters, quarterly: true, now: now))
    }

    /// Quarterly counts ("2026-Q3") as year and quarter series from the first quarter to `now`, no gap.
    static func series(quarters: [String: Int], now: Date) -> (years: [IndicatorPoint], quarters: [IndicatorPoint]) {
        var years: [String: Int] = [:]
        for (quarter, n) in quarters { years[String(quarter.prefix(4)), default: 0] += n }
        return (IndicatorPeriods.countSeries(years, quarterly: false, now: now),
                IndicatorPeriods.countSeries(quarters, quarterly: true, now: now))
    }

    /// Shares by quarter ("2026-Q3"): `part` of `whole` in each period from the first with a record to `now`;
    /// a period without records has nothing to compute from (``IndicatorFigure/none``).
    static func shareSeries(part: [String: Double], whole: [String: Int], now: Date)
        -> (years: [IndicatorPoint], quarters: [IndicatorPoint]) {
        var parts: [String: Double] = [:], wholes: [String: Int] = [:]
        for (quarter, n) in whole {
            wholes[String(quarter.prefix(4)), default: 0] += n
            parts[String(quarter.prefix(4)), default: 0] += part[quarter] ?? 0
        }
        func points(_ periods: [String], _ part: [String: Double], _ whole: [String: Int]) -> [IndicatorPoint] {
            periods.map { period in
                let n = whole[period] ?? 0
                return IndicatorPoint(period: period, figure: n == 0 ? .none : .measure((part[period] ?? 0) / Double(n), basis: n))
            }
        }
        let years = wholes.keys.min().map { IndicatorPeriods.years(from: $0, to: now) } ?? []
        let quarters = whole.keys.min().map { IndicatorPeriods.quarters(from: $0, to: now) } ?? []
        return (points(years, parts, wholes), points(quarters, part, whole))
    }

    /// A one-dimension table of counts: every value of a closed vocabulary in its `order` (zeros
    /// too, so that tables and charts line up across filters), then any other value met; without
    /// `order` (countries), the values met, most first.
    static func breakdown(_ dimension: IndicatorDimension, _ counts: [String: Int], order: [String]? = nil) -> IndicatorBreakdown {
        let keys: [String]
        if let order {
            keys = order + counts.keys.filter { !order.contains($0) }.sorted()
        } else {
            keys = counts.keys.sorted { (counts[$0]!, $1) > (counts[$1]!, $0) }
        }
        return IndicatorBreakdown(dimensions: [dimension], rows: keys.map { IndicatorRow(keys: [$0], figure: .count(counts[$0] ?? 0)) })
    }

    static let regions = Region.allCases.map(\.rawValue)
    static let themes = Theme.allCases.map(\.rawValue)
    static let pillars = Pillar.allCases.map { String($0.rawValue) }
    static let languages = Language.allCases.map(\.rawValue)
}
