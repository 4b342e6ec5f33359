import Foundation
import SankofaCore
import SQLKit

/// The catalogue's indicators, read from ``PracticeFacetIndex``'s tables (`practice_facet_values`:
/// one row per published practice and facet value; `practice_facet_counts`: the unfiltered counts
/// by value) and from `practice_coverage` (migration 016: a row per published practice and
/// language it can be read in, with its quarter of publication). A practice is dated by its
/// publication; one that is not published has no rows and is not counted.
extension Indicators {
    /// Published practices: the number now, by period of publication, and by region, country,
    /// theme, pillar, maturity and evidence (a practice of two regions or themes counts in each).
    /// Every filter applies: a practice matches a region or country when one of its countries
    /// does, a theme or pillar when it holds it.
    func publishedPractices(filter: IndicatorFilter, now: Date) async throws -> IndicatorResult {
        let practices = AccessPractices(filter: filter)
        let (total, byFacet) = try await practices.counts(on: sql)
        let series = AccessSQL.series(quarters: try await practices.quarters(now: now, on: sql), now: now)
        let orders: [PracticeFacet: [String]?] = [
            .region: AccessSQL.regions, .country: nil, .theme: AccessSQL.themes, .pillar: AccessSQL.pillars,
            .maturity: Maturity.allCases.map(\.rawValue), .evidence: EvidenceLevel.allCases.map(\.rawValue),
        ]
        let dimensions: [PracticeFacet: IndicatorDimension] = [
            .region: .region, .country: .country, .theme: .theme, .pillar: .pillar, .maturity: .maturity, .evidence: .evidence,
        ]
        return IndicatorResult(
            id: .publishedPractices, unit: .count, value: .count(total), byYear: series.years, byQuarter: series.quarters,
            breakdowns: AccessPractices.facets.map { AccessSQL.breakdown(dimensions[$0]!, byFacet[$0] ?? [:], order: orders[$0]!) })
    }
}

/// The published practices matching a filter, as rows `a` of `practice_facet_values` (one per
/// practice) meeting ``condition``: those of the filter's first value, the others checked on the
/// same practice's rows (each a lookup of the primary key); the empty facet's rows when there is
/// no filter. What is counted of them is in Indicators+PracticesCounts.swift.
struct AccessPractices {
    static let facets: [PracticeFacet] = [.region, .country, .theme, .pillar, .maturity, .evidence]

    var values: [(facet: String, value: String)]

    init(filter: IndicatorFilter) {
        var values: [(String, String)] = []
        // The narrowest first: it is the one read by its index.
        if let country = filter.country { values.append((PracticeFacet.country.rawValue, country.uppercased())) }
        if let theme = filter.theme { values.append((PracticeFacet.theme.rawValue, theme.rawValue)) }
        if let pillar = filter.pillar { values.append((PracticeFacet.pillar.rawValue, String(pillar.rawValue))) }
        if let region = filter.region { values.append((PracticeFacet.region.rawValue, region.rawValue)) }
        self.values = values
    }

    /// The condition on `practice_facet_values a` (`FROM practice_facet_values a … WHERE` it).
    var condition: SQLQueryString {
        let first = values.first ?? ("", "")
        var query: SQLQueryString = "a.facet = \(bind: first.facet) AND a.value = \(bind: first.value)"
        for (facet, value) in values.dropFirst() {
            query = """
                \(query) AND EXISTS (SELECT 1 FROM practice_facet_values f WHERE f.practice_id = a.practice_id \
                AND f.facet = \(bind: facet) AND f.value = \(bind: value))
                """
        }
        return query
    }
}
