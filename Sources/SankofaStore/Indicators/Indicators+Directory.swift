import Foundation
import SankofaCore
import SQLKit

extension Indicators {
    /// The directory as `audience` may see it: experts whose profile that audience sees (the
    /// per-audience rows the directory's lists read, ``ExpertProjection``: a profile hidden from
    /// visitors is not counted for them, a disabled account's profile for no one), the focal
    /// points among them, and the Centres of Excellence (public, every one listed). The value is
    /// the experts; the series counts them by the period their profile was created (centres keep
    /// no creation date, so they are in the breakdowns only). Breakdowns: by kind (experts,
    /// focalPoints, centres), and by region and by country for each kind, from the country the
    /// audience may see: an expert whose country is hidden from it counts in the totals, in no
    /// country or region, and never matches a region or country filter. The theme and pillar
    /// filters apply to the profiles' themes and pillars; centres have themes but no pillar, so
    /// the pillar filter does not apply to them.
    func directory(filter: IndicatorFilter, audience: Audience, now: Date) async throws -> IndicatorResult {
        let experts = AccessDirectory.experts(filter: filter, audience: audience)
        let focal: SQLQueryString = "CASE WHEN e.focal_point_for IS NULL THEN 'expert' ELSE 'focal' END"
        let month = AccessSQL.month(seconds: "e.created_at", sql)
        var months: [String: Int] = [:], focalPoints = 0
        for row in try await AccessSQL.grouped("""
            SELECT \(month) AS k0, \(focal) AS k1, COUNT(*) AS n FROM \(experts) GROUP BY \(month), \(focal)
            """, on: sql) {
            months[row.keys[0], default: 0] += row.n
            if row.keys[1] == "focal" { focalPoints += row.n }
        }
        let total = months.values.reduce(0, +)
        // Where each kind is: [facet: [value: [kind: n]]], facet "country" or "region".
        var places: [String: [String: [String: Int]]] = [:]
        for row in try await AccessSQL.grouped("""
            SELECT c.facet AS k0, c.value AS k1, \(focal) AS k2, COUNT(*) AS n
            FROM \(AccessDirectory.experts(filter: filter, audience: audience, places: true))
            GROUP BY c.facet, c.value, \(focal)
            """, on: sql) {
            let (facet, value) = (row.keys[0], row.keys[1])
            places[facet, default: [:]][value, default: [:]]["experts", default: 0] += row.n
            if row.keys[2] == "focal" { places[facet, default: [:]][value, default: [:]]["focalPoints", default: 0] += row.n }
        }
        let centres = AccessDirectory.centres(filter: filter)
        let centreTotal = try await AccessSQL.count("SELECT COUNT(*) AS n FROM centres z WHERE \(centres)", on: sql)
        for row in try await AccessSQL.grouped("""
            SELECT c.facet AS k0, c.value AS k1, COUNT(*) AS n FROM centres z
            JOIN centre_values c ON c.centre_id = z.id AND c.facet IN ('country', 'region') WHERE \(centres)
            GROUP BY c.facet, c.value
            """, on: sql) {
            places[row.keys[0], default: [:]][row.keys[1], default: [:]]["centres"] = row.n
        }
        let series = AccessSQL.series(months.filter { !$0.key.isEmpty }, now: now)
        let kinds = AccessDirectory.kinds
        func table(_ dimension: IndicatorDimension, _ facet: String, order: [String]?) -> IndicatorBreakdown {
            let counts = places[facet] ?? [:]
            let keys = order ?? counts.keys.sorted { (counts[$0]?["experts"] ?? 0, counts[$0]?["centres"] ?? 0, $1)
                                                    > (counts[$1]?["experts"] ?? 0, counts[$1]?["centres"] ?? 0, $0) }
            return IndicatorBreakdown(dimensions: [dimension, .directoryKind], rows: keys.flatMap { key in
                kinds.map { IndicatorRow(keys: [key, $0], figure: .count(counts[key]?[$0] ?? 0)) }
            })
        }
        return IndicatorResult(
            id: .directory, unit: .count, value: .count(total), byYear: series.years, byQuarter: series.quarters,
            breakdowns: [
                IndicatorBreakdown(dimensions: [.directoryKind], rows: zip(kinds, [total, focalPoints, centreTotal]).map {
                    IndicatorRow(keys: [$0.0], figure: .count($0.1))
                }),
                table(.region, "region", order: AccessSQL.regions),
                table(.country, "country", order: nil),
            ])
    }
}

/// The directory's rows matching a filter, for one audience.
enum AccessDirectory {
    /// The keys of the directory-kind dimension.
    static let kinds = ["experts", "focalPoints", "centres"]

    /// `expert_views r JOIN experts e … WHERE …`, to follow a FROM: the audience's rows (the
    /// reader's own profile is not singled out: an indicator is the same for every reader of an
    /// audience), each filter value checked on the row's facet values (a primary-key lookup).
    /// With `places`, each row joined to its country and region values `c` (none when hidden).
    static func experts(filter: IndicatorFilter, audience: Audience, places: Bool = false) -> SQLQueryString {
        let join: SQLQueryString = places
            ? "JOIN expert_view_values c ON c.view_id = r.id AND c.facet IN ('country', 'region')" : ""
        var query: SQLQueryString = """
            expert_views r JOIN experts e ON e.id = r.expert_id \(join) WHERE \(ExpertReader(audience: audience).scope("r"))
            """
        for (facet, value) in values(filter, pillar: true) {
            query = """
                \(query) AND EXISTS (SELECT 1 FROM expert_view_values f WHERE f.view_id = r.id \
                AND f.facet = \(bind: facet) AND f.value = \(bind: value))
                """
        }
        return query
    }

    /// The condition on centres `z` (no pillar: a centre has none).
    static func centres(filter: IndicatorFilter) -> SQLQueryString {
        var query: SQLQueryString = "1 = 1"
        for (facet, value) in values(filter, pillar: false) {
            query = """
                \(query) AND EXISTS (SELECT 1 FROM centre_values f WHERE f.centre_id = z.id \
                AND f.facet = \(bind: facet) AND f.value = \(bind: value))
                """
        }
        return query
    }

    static func values(_ filter: IndicatorFilter, pillar: Bool) -> [(String, String)] {
        var values: [(String, String)] = []
        if let country = filter.country { values.append(("country", country.uppercased())) }
        if let region = filter.region { values.append(("region", region.rawValue)) }
        if let theme = filter.theme { values.append(("theme", theme.rawValue)) }
        if pillar, let value = filter.pillar { values.append(("pillar", String(value.rawValue))) }
        return values
    }
}
