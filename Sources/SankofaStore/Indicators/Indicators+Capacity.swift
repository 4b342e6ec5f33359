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
        "outcome_reports o JOIN exchanges x ON x.id = o.exchange_id WHERE \(exchangeCondition(filter)) AND \(assistedSide)"
    }

    /// People who took part, as the reports count them (a side's participants once per report),
    /// by gender, and by the region and the country of the reporting side. A side of several
    /// countries counts in each of them, so the country and region rows may add up to more than
    /// the total.
    func participants(_ filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        var totals = QuarterTotals()
        var gender = [0, 0, 0]
        for row in try await sql.raw("""
            SELECT \(quarterOfDay("x.starts_on")) AS q, SUM(o.participants) AS p, SUM(o.women) AS w, SUM(o.men) AS m,
              SUM(o.unspecified) AS u, COUNT(*) AS n
            FROM \(reportsFrom(filter)) GROUP BY \(quarterOfDay("x.starts_on"))
            """).all() {
            totals.add(try row.decode(column: "q", as: String.self), sum: try row.decode(column: "p", as: Int.self),
                       records: try row.decode(column: "n", as: Int.self))
            for (index, column) in ["w", "m", "u"].enumerated() { gender[index] += try row.decode(column: column, as: Int.self) }
        }
        let series = totals.countSeries(now: now)
        let genders = ParticipantGender.allCases.enumerated().map { IndicatorRow(keys: [$1.rawValue], figure: .count(gender[$0])) }
        return IndicatorResult(id: .participants, unit: .count, value: .count(totals.total.sum), byYear: series.years,
                               byQuarter: series.quarters, breakdowns: [
                                IndicatorBreakdown(dimensions: [.gender], rows: genders),
                                IndicatorBreakdown(dimensions: [.region], rows: try await bySide(filter, region: true, "o.participants")),
                                IndicatorBreakdown(dimensions: [.country], rows: try await bySide(filter, region: false, "o.participants")),
                               ])
    }

    /// Sums of `measure` (a column of `o` or `f`) by the reporting side's Southern countries or
    /// their regions, each report once per key. `extraJoin` adds the follow-ups for adoptions.
    func bySide(_ filter: IndicatorFilter, region: Bool, _ measure: String, followUps: Bool = false,
                where extra: SQLQueryString = "1 = 1") async throws -> [IndicatorRow] {
        let key = region ? regionOf("sc.country") : "sc.country"
        let join: SQLQueryString = followUps ? "JOIN outcome_follow_ups f ON f.report_id = o.id" : ""
        let rows = try await sql.raw("""
            SELECT t.g AS g, SUM(t.v) AS s FROM (
              SELECT DISTINCT o.id AS rid, \(key) AS g, \(unsafeRaw: measure) AS v
              FROM outcome_reports o JOIN exchanges x ON x.id = o.exchange_id \(join)
              JOIN exchange_parties sc ON sc.exchange_id = o.exchange_id AND sc.side = o.side
              WHERE \(exchangeCondition(filter)) AND \(assistedSide) AND \(extra) AND sc.country IN (\(binds: Self.southernCountries))
            ) t GROUP BY t.g ORDER BY s DESC, g
            """).all()
        return try rows.map { IndicatorRow(keys: [try $0.decode(column: "g", as: String.self)], figure: .count(try $0.decode(column: "s", as: Int.self))) }
    }

    /// The mean gain (after minus before, in points of the report's 1–5 scale) over every capacity
    /// rating of the reports, by theme; a theme filter keeps that theme's ratings only. Each mean
    /// rests on the reports it comes from.
    func capacityGain(_ filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        let theme: SQLQueryString = filter.theme.map { "c.theme = \(bind: $0.rawValue)" } ?? "1 = 1"
        let from: SQLQueryString = """
            outcome_capacity c JOIN outcome_reports o ON o.id = c.report_id JOIN exchanges x ON x.id = o.exchange_id
            WHERE \(exchangeCondition(filter)) AND \(assistedSide) AND \(theme)
            """
        var gains = QuarterTotals(), ratings = QuarterTotals()
        for row in try await sql.raw("""
            SELECT \(quarterOfDay("x.starts_on")) AS q, SUM(c.after - c.before) AS s, COUNT(*) AS k, COUNT(DISTINCT o.id) AS n
            FROM \(from) GROUP BY \(quarterOfDay("x.starts_on"))
            """).all() {
            let quarter = try row.decode(column: "q", as: String.self), reports = try row.decode(column: "n", as: Int.self)
            gains.add(quarter, sum: try row.decode(column: "s", as: Int.self), records: reports)
            ratings.add(quarter, sum: try row.decode(column: "k", as: Int.self), records: reports)
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
        for row in try await sql.raw("""
            SELECT \(quarterOfDay("x.starts_on")) AS q, COUNT(*) AS n FROM \(reportsFrom(filter)) AND \(adapted)
            GROUP BY \(quarterOfDay("x.starts_on"))
            """).all() {
            let n = try row.decode(column: "n", as: Int.self)
            totals.add(try row.decode(column: "q", as: String.self), sum: n, records: n)
        }
        let series = totals.countSeries(now: now)
        let themes = try await byTheme("\(reportsFrom(filter)) AND \(adapted)")
        return IndicatorResult(id: .practicesAdapted, unit: .count, value: .count(totals.total.sum), byYear: series.years,
                               byQuarter: series.quarters, breakdowns: [
                                IndicatorBreakdown(dimensions: [.region], rows: try await bySide(filter, region: true, "1", where: adapted)),
                                IndicatorBreakdown(dimensions: [.country], rows: try await bySide(filter, region: false, "1", where: adapted)),
                                IndicatorBreakdown(dimensions: [.theme], rows: themes),
                               ])
    }

    /// Rows (of the query after FROM, exchanges as `x`) by each theme the exchange holds, in one
    /// pass: a column per theme.
    func byTheme(_ from: SQLQueryString) async throws -> [IndicatorRow] {
        let columns = Theme.allCases.enumerated().map { index, theme -> SQLQueryString in
            "SUM(CASE WHEN x.themes LIKE \(bind: "%,\(theme.rawValue),%") THEN 1 ELSE 0 END) AS t\(unsafeRaw: String(index))"
        }
        guard let row = try await sql.raw("SELECT \(columns.joined(separator: ", ")) FROM \(from)").first() else { return [] }
        return try Theme.allCases.enumerated().compactMap { index, theme in
            let n = try row.decode(column: "t\(index)", as: Int?.self) ?? 0
            return n > 0 ? IndicatorRow(keys: [theme.rawValue], figure: .count(n)) : nil
        }
    }
}
