import Fluent
import Foundation
import SQLKit
import SankofaCore

/// The public catalogue query: published practices, filtered, counted per facet, paged.
/// Raw SQL through SQLKit, the same text on SQLite and PostgreSQL, over the tables of
/// ``PracticeFacetIndex``: a page is read from a filter value's index in the list's order, and the
/// counts come from the count table (no filter, or one) or from the practices the other filters
/// leave (``PracticeQuery/counts(_:_:stored:on:)``). On SQLite, a list without a word is counted
/// and paged in memory instead, from the bitmaps and orders of the catalogue's version (``PracticeFacetBitmaps``).
public struct PracticeQuery: Sendable {
    public var filter: PracticeFilter
    public var sort: PracticeSort
    public var language: Language
    public var page: Int
    public var perPage: Int

    public init(filter: PracticeFilter, sort: PracticeSort = .newest, language: Language = .en, page: Int = 1, perPage: Int = 20) {
        self.filter = filter
        self.sort = sort
        self.language = language
        self.page = page
        self.perPage = perPage
    }

    /// One facet's filter: its values are alternatives.
    struct Term: Sendable {
        var facet: PracticeFacet
        var values: [String]

        /// Whether the count table answers for practices with any of the values: one value, or
        /// values of a facet a practice has one of (its practices are disjoint, so counts add up).
        var isStored: Bool { values.count == 1 || [.maturity, .scope, .evidence].contains(facet) }
        /// Whether a practice can appear under two of the values (so a list of them repeats it).
        var repeats: Bool { values.count > 1 && !isStored }
        /// Two values of a region, pillar or theme: the count table answers by inclusion and exclusion.
        var isEitherOfTwo: Bool { values.count == 2 && PracticeFacetIndex.isMultiValued(facet.rawValue) }
    }

    var terms: [Term] {
        let all: [(PracticeFacet, [String])] = [
            (.region, filter.regions.map(\.rawValue)), (.country, filter.countries), (.pillar, filter.pillars.map { String($0.rawValue) }),
            (.theme, filter.themes.map(\.rawValue)), (.maturity, filter.maturities.map(\.rawValue)), (.scope, filter.scopes.map(\.rawValue)),
            (.evidence, filter.evidenceLevels.map(\.rawValue)),
        ]
        return all.filter { !$0.1.isEmpty }.map { Term(facet: $0.0, values: $0.1) }
    }

    public func run(on database: any Database) async throws -> PracticePage {
        let sql = database as! any SQLDatabase
        let terms = terms
        let words = searchIndex(on: database).matchingRecords(filter.query, kind: .practice)
        let counted: [String: [String: Int]], ids: [UUID]
        if words == nil, let bitmaps = try await database.practiceFacetBitmaps() {
            counted = bitmaps.counts(terms)
            let order = sort == .title ? "title:\(language.rawValue)" : sort.rawValue
            ids = bitmaps.page(terms, order: order, page: page, perPage: perPage)
        } else {
            let stored = try await StoredCounts.read(terms: words == nil ? terms : [], on: sql)
            counted = try await counts(terms, words, stored: stored, on: sql)
            let total = counted[""]?[""] ?? 0
            ids = total == 0 ? [] : try await pageIDs(terms, words, total: total, stored: stored, on: sql)
        }
        var facets: [PracticeFacet: [FacetCount]] = [:]
        for facet in PracticeFacet.allCases {
            facets[facet] = (counted[facet.rawValue] ?? [:]).filter { $0.value > 0 }.sorted { $0.key < $1.key }
                .map { FacetCount(value: $0.key, count: $0.value) }
        }
        let total = counted[""]?[""] ?? 0

        return PracticePage(total: total, practices: try await PracticeStore.page(ids, on: database), facets: facets)
    }

    /// The ids of the page's practices, in the list's order. Newest first (the default), with one
    /// value of the most selective filter or none, the engine walks that value's index in order and
    /// stops at the page's end, as it does for the whole catalogue in the other orders. Otherwise,
    /// when the practices the filters leave are many (a page's rows are then found early), it walks
    /// the whole catalogue's index in the list's order checking the filters on each practice; when
    /// they are few, it sorts them.
    private func pageIDs(_ terms: [Term], _ words: SQLQueryString?, total: Int, stored: StoredCounts,
                         on sql: any SQLDatabase) async throws -> [UUID] {
        let everyone: SQLQueryString = sort == .start ? "d.facet = ''" : "d.facet = '' AND d.value = ''"
        var members = Members(terms: terms, words: words, stored: stored, everyone: everyone)
        let catalogue = stored.rows[""]?[.all] ?? 0, end = page * perPage
        let sorts = !terms.isEmpty && (sort != .newest || members.distinct)
        // Rows walked to reach the page's end against rows sorted; a walked row costs a look-up a filter.
        let walk = sorts && end * catalogue / max(total, 1) * terms.count < members.leadingSize / 4
        if walk {
            members = Members(terms: terms, words: words, stored: stored, everyone: sort == .title ? "1 = 1" : everyone,
                              leading: false, alias: sort == .title ? "t" : "d")
        }
        let limit: SQLQueryString = "LIMIT \(literal: perPage) OFFSET \(literal: (page - 1) * perPage)"
        let rows: [any SQLRow]
        switch sort {
        case .newest, .start:
            // The selected columns are the order's, so that DISTINCT may sort by them and an index has them all.
            let (columns, order): (SQLQueryString, SQLQueryString) = sort == .newest
                ? ("d.published_at, d.start_year, d.slug", "d.published_at DESC, d.start_year DESC, d.slug ASC")
                : ("d.start_year, d.slug", "d.start_year DESC, d.slug ASC")
            rows = try await sql.raw("""
                SELECT \(unsafeRaw: members.distinct ? "DISTINCT " : "")d.practice_id AS id, \(columns)
                FROM practice_facet_values d WHERE \(members.conditions) ORDER BY \(order) \(limit)
                """).all()
        case .title:
            let source: SQLQueryString, conditions: SQLQueryString
            if terms.isEmpty && words == nil {
                (source, conditions) = ("practice_sort_titles t", "1 = 1")
            } else if walk {
                (source, conditions) = ("practice_sort_titles t", members.conditions)
            } else {
                (source, conditions) = ("(\(members.select)) s CROSS JOIN practice_sort_titles t", "t.practice_id = s.id")
            }
            rows = try await sql.raw("""
                SELECT t.practice_id AS id FROM \(source) WHERE t.language = \(bind: language.rawValue) AND \(conditions)
                ORDER BY t.title ASC, t.slug ASC \(limit)
                """).all()
        }
        return try rows.map { try $0.decode(column: "id", as: UUID.self) }
    }
}
