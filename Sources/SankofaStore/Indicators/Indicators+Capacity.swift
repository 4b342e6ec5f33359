import Foundation
import SankofaCore
import SQLKit

/// Outcome 1 (capacity), from the outcome reports of held exchanges (``exchangeCondition(_:held:)``)
/// filed by sides from assisted countries (``assistedSide``), each dated by its exchange's first
/// day; adoptions by their follow-up's day.
extension Indicators {
    func capacity(_ id: IndicatorID, filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        switch id {
        case .participants: return try await participants(filter, now: now)
        case .capacityGain: return try await capacityGain(filter, now: now)
        case .practicesAdapted: return try await practicesAdapted(filter, now: now)
        case .adoptions: return try await adoptions(filter, now: now)
        default: return IndicatorResult(id: id, unit: .count, value: .none)
        }
    }

    /// The reports counted (`o`, joined to their exchange `x`).
    func reportsFrom(_ filter: IndicatorFilter) -> SQLQueryString {
        "exchanges x JOIN outcome_reports o ON o.exchange_id = x.id WHERE \(exchangeCondition(filter)) AND \(assistedSide)"
    }

    /// People who took part, as the reports count them (a side's participants once per report),
    /// by gender, and by the region and the country of the reporting side. A side of several
    /// countries counts in each of them, so the country and region rows may add up to more than
    /// the total.
    func participants(_ filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        var totals = QuarterTotals()
        var gender = [0, 0, 0]
        for row in try await sql.raw("""
            SELECT \(monthOf("x.starts_on")) AS q, SUM(o.participants) AS p, SUM(o.women) AS w, SUM(o.men) AS m,
              SUM(o.unspecified) AS u, COUNT(*) AS n
            FROM \(reportsFrom(filter)) GROUP BY \(monthOf("x.starts_on"))
            """).all() {
            totals.add(month: try row.decode(column: "q", as: String.self), sum: try row.decode(column: "p", as: Int.self),
                       records: try row.decode(column: "n", as: Int.self))
            for (index, column) in ["w", "m", "u"].enumerated() { gender[index] += try row.decode(column: column, as: Int.self) }
        }
        let series = totals.countSeries(now: now)
        let genders = ParticipantGender.allCases.enumerated().map { IndicatorRow(keys: [$1.rawValue], figure: .count(gender[$0])) }
        let sides = try await bySide(filter, "o.participants")
        return IndicatorResult(id: .participants, unit: .count, value: .count(totals.total.sum), byYear: series.years,
                               byQuarter: series.quarters, breakdowns: [
                                IndicatorBreakdown(dimensions: [.gender], rows: genders),
                                IndicatorBreakdown(dimensions: [.region], rows: sides.regions),
                                IndicatorBreakdown(dimensions: [.country], rows: sides.countries),
                               ])
    }

    /// Sums of `measure` (a column of `o` or `f`) by the reporting side's Southern countries and
    /// by their regions, each report once per key, in one pass (the matching rows are gathered
    /// once, then summed both ways). `followUps` joins them as `f` for adoptions.
    func bySide(_ filter: IndicatorFilter, _ measure: String, followUps: Bool = false,
                where extra: SQLQueryString = "1 = 1") async throws -> (regions: [IndicatorRow], countries: [IndicatorRow]) {
        let join: SQLQueryString = followUps ? "JOIN outcome_follow_ups f ON f.report_id = o.id" : ""
        let rows = try await sql.raw("""
            WITH t AS MATERIALIZED (
              SELECT DISTINCT o.id AS rid, sc.country AS c, \(unsafeRaw: measure) AS v
              FROM exchanges x JOIN outcome_reports o ON o.exchange_id = x.id \(join)
              JOIN exchange_parties sc ON sc.exchange_id = o.exchange_id AND sc.side = o.side
              WHERE \(exchangeCondition(filter)) AND \(assistedSide) AND \(extra) AND sc.country IN (\(binds: Self.southernCountries)))
            SELECT 'C' AS k, t.c AS g, SUM(t.v) AS s FROM t GROUP BY t.c
            UNION ALL SELECT 'R' AS k, r.g AS g, SUM(r.v) AS s FROM (SELECT DISTINCT t.rid AS rid, \(regionOf("t.c")) AS g, t.v AS v FROM t) r
            GROUP BY r.g
            """).all()
        var regions: [(String, Int)] = [], countries: [(String, Int)] = []
        for row in rows {
            let entry = (try row.decode(column: "g", as: String.self), try row.decode(column: "s", as: Int.self))
            if try row.decode(column: "k", as: String.self) == "R" { regions.append(entry) } else { countries.append(entry) }
        }
        func ordered(_ entries: [(String, Int)]) -> [IndicatorRow] {
            entries.sorted { ($1.1, $0.0) < ($0.1, $1.0) }.map { IndicatorRow(keys: [$0.0], figure: .count($0.1)) }
        }
        return (ordered(regions), ordered(countries))
    }

    /// The mean gain (after minus before, in points of the report's 1–5 scale) over every capacity
    /// rating of the reports, by theme; a theme filter keeps that theme's ratings only. Each mean
    /// rests on the reports it comes from.
    func capacityGain(_ filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        let theme: SQLQueryString = filter.theme.map { "c.theme = \(bind: $0.rawValue)" } ?? "1 = 1"
        let from: SQLQueryString = """
            exchanges x JOIN outcome_reports o ON o.exchange_id = x.id JOIN outcome_capacity c ON c.report_id = o.id
            WHERE \(exchangeCondition(filter)) AND \(assistedSide) AND \(theme)
            """
        var gains = QuarterTotals(), ratings = QuarterTotals()
        for row in try await sql.raw("""
            SELECT \(monthOf("x.starts_on")) AS q, SUM(c.after - c.before) AS s, COUNT(*) AS k, COUNT(DISTINCT o.id) AS n
            FROM \(from) GROUP BY \(monthOf("x.starts_on"))
            """).all() {
            let month = try row.decode(column: "q", as: String.self), reports = try row.decode(column: "n", as: Int.self)
            gains.add(month: month, sum: try row.decode(column: "s", as: Int.self), records: reports)
            ratings.add(month: month, sum: try row.decode(column: "k", as: Int.self), records: reports)
        }
        // A period's mean is its gains over its ratings; its basis the reports of the period.
        func mean(_ gain: Int, _ count: Int, _ reports: Int) -> IndicatorFigure {
            count > 0 ? .measure(Double(gain) / Double(count), basis: reports) : .none
        }
        let yearRatings = ratings.byYear
        let byYear = QuarterTotals.fill(gains.byYear.reduce(into: [:]) {
            $0[$1.key] = mean($1.value.sum, yearRatings[$1.key]?.sum ?? 0, $1.value.records)
        }, quarterly: false, now: now)
        let byQuarter = QuarterTotals.fill(gains.sums.reduce(into: [:]) {
            $0[$1.key] = mean($1.value.sum, ratings.sums[$1.key]?.sum ?? 0, $1.value.records)
        }, quarterly: true, now: now)
        let themes = try await sql.raw("""
            SELECT c.theme AS t, SUM(c.after - c.before) AS s, COUNT(*) AS k, COUNT(DISTINCT o.id) AS n FROM \(from) GROUP BY c.theme
            """).all().map { row -> (String, IndicatorFigure) in
                (try row.decode(column: "t", as: String.self),
                 mean(try row.decode(column: "s", as: Int.self), try row.decode(column: "k", as: Int.self), try row.decode(column: "n", as: Int.self)))
            }
        let order = Dictionary(uniqueKeysWithValues: Theme.allCases.enumerated().map { ($1.rawValue, $0) })
        let rows = themes.sorted { (order[$0.0] ?? 99, $0.0) < (order[$1.0] ?? 99, $1.0) }.map { IndicatorRow(keys: [$0.0], figure: $0.1) }
        return IndicatorResult(id: .capacityGain, unit: .points,
                               value: mean(gains.total.sum, ratings.total.sum, gains.total.records),
                               byYear: byYear, byQuarter: byQuarter, breakdowns: [IndicatorBreakdown(dimensions: [.theme], rows: rows)])
    }

    /// Reports naming a practice of the catalogue the side adapted, by the side's region and
    /// country and by the exchange's themes (an exchange of two themes counts in both).
    func practicesAdapted(_ filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        let adapted: SQLQueryString = "o.adapted_practice IS NOT NULL"
        var totals = QuarterTotals()
        var themes = [Int](repeating: 0, count: Theme.allCases.count)
        for row in try await sql.raw("""
            SELECT \(monthOf("x.starts_on")) AS q, COUNT(*) AS n, \(themeColumns) FROM \(reportsFrom(filter)) AND \(adapted)
            GROUP BY \(monthOf("x.starts_on"))
            """).all() {
            let n = try row.decode(column: "n", as: Int.self)
            totals.add(month: try row.decode(column: "q", as: String.self), sum: n, records: n)
            for index in themes.indices { themes[index] += try row.decode(column: "t\(index)", as: Int.self) }
        }
        let series = totals.countSeries(now: now)
        let themeRows = Theme.allCases.enumerated().compactMap { index, theme in
            themes[index] > 0 ? IndicatorRow(keys: [theme.rawValue], figure: .count(themes[index])) : nil
        }
        let sides = try await bySide(filter, "1", where: adapted)
        return IndicatorResult(id: .practicesAdapted, unit: .count, value: .count(totals.total.sum), byYear: series.years,
                               byQuarter: series.quarters, breakdowns: [
                                IndicatorBreakdown(dimensions: [.region], rows: sides.regions),
                                IndicatorBreakdown(dimensions: [.country], rows: sides.countries),
                                IndicatorBreakdown(dimensions: [.theme], rows: themeRows),
                               ])
    }

    /// A count per theme of the exchange (`x`), as columns t0, t1… in the order of ``Theme``: an
    /// exchange of two themes counts in both.
    var themeColumns: SQLQueryString {
        Theme.allCases.enumerated().map { index, theme -> SQLQueryString in
            "SUM(CASE WHEN x.themes LIKE \(bind: "%,\(theme.rawValue),%") THEN 1 ELSE 0 END) AS t\(unsafeRaw: String(index))"
        }.joined(separator: ", ")
    }
}
