import Foundation
import SankofaCore
import SQLKit

extension Indicators {
    /// Policies, frameworks, mechanisms and procedures reported adopted in full at the six-month
    /// follow-up (`outcome_follow_ups.adopted_count`; partly adopted ones are not counted), dated
    /// by the follow-up's day; by the kind the report announced, and by the side's region and
    /// country. The kind lives in the report's record only (its n-th adaptation answers the
    /// follow-up's n-th outcome), so that breakdown reads the two JSON arrays in the database.
    func adoptions(_ filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        let tables: SQLQueryString = "exchanges x JOIN outcome_reports o ON o.exchange_id = x.id JOIN outcome_follow_ups f ON f.report_id = o.id"
        let condition: SQLQueryString = "\(exchangeCondition(filter)) AND \(assistedSide)"
        let from: SQLQueryString = "\(tables) WHERE \(condition)"
        let month = monthOfSeconds("f.filed_at")
        var totals = QuarterTotals()
        for row in try await sql.raw("SELECT \(month) AS q, SUM(f.adopted_count) AS s, COUNT(*) AS n FROM \(from) GROUP BY \(month)").all() {
            totals.add(month: try row.decode(column: "q", as: String.self), sum: try row.decode(column: "s", as: Int.self),
                       records: try row.decode(column: "n", as: Int.self))
        }
        let series = totals.countSeries(now: now)
        let sides = try await bySide(filter, "f.adopted_count", followUps: true, where: "f.adopted_count > 0")
        return IndicatorResult(id: .adoptions, unit: .count, value: .count(totals.total.sum), byYear: series.years,
                               byQuarter: series.quarters, breakdowns: [
                                IndicatorBreakdown(dimensions: [.adoptionKind], rows: try await adoptionKinds(tables, condition)),
                                IndicatorBreakdown(dimensions: [.region], rows: sides.regions),
                                IndicatorBreakdown(dimensions: [.country], rows: sides.countries),
                               ])
    }

    /// Adoptions by kind: each follow-up outcome "yes" joined to the report's adaptation at the
    /// same position, every kind of the vocabulary a row (zero when none).
    func adoptionKinds(_ tables: SQLQueryString, _ condition: SQLQueryString) async throws -> [IndicatorRow] {
        let query: SQLQueryString = isPostgres ? """
            SELECT a.v ->> 'kind' AS k, COUNT(*) AS n FROM \(tables)
              CROSS JOIN LATERAL jsonb_array_elements(CAST(o.record AS jsonb) -> 'adaptations') WITH ORDINALITY AS a(v, i)
              CROSS JOIN LATERAL jsonb_array_elements(CAST(f.record AS jsonb) -> 'outcomes') WITH ORDINALITY AS r(v, i)
            WHERE \(condition) AND a.i = r.i AND r.v ->> 'result' = 'yes' GROUP BY a.v ->> 'kind'
            """ : """
            SELECT json_extract(a.value, '$.kind') AS k, COUNT(*) AS n
            FROM \(tables), json_each(o.record, '$.adaptations') a, json_each(f.record, '$.outcomes') r
            WHERE \(condition) AND a.key = r.key AND json_extract(r.value, '$.result') = 'yes' GROUP BY json_extract(a.value, '$.kind')
            """
        var counts: [String: Int] = [:]
        for row in try await sql.raw(query).all() {
            if let kind = try row.decode(column: "k", as: String?.self) { counts[kind] = try row.decode(column: "n", as: Int.self) }
        }
        return AdoptionKind.allCases.map { IndicatorRow(keys: [$0.rawValue], figure: .count(counts[$0.rawValue] ?? 0)) }
    }
}
