import Fluent
import Foundation
import SQLKit
import SankofaCore

/// The public catalogue query: published practices, filtered, counted per facet, paged.
/// Raw SQL through SQLKit (the same text on SQLite and PostgreSQL) because facet counts
/// with "all other filters applied" are awkward in Fluent.
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

    public func run(on database: any Database) async throws -> PracticePage {
        let sql = database as! any SQLDatabase
        let whereAll = conditions(except: nil, on: database)
        let totalRow = try await sql.raw("SELECT COUNT(*) AS n FROM practices p WHERE \(whereAll)").first()
        let total = try totalRow?.decode(column: "n", as: Int.self) ?? 0

        var facets: [PracticeFacet: [FacetCount]] = [:]
        for facet in PracticeFacet.allCases {
            facets[facet] = try await counts(for: facet, on: database)
        }

        let offset = (page - 1) * perPage
        let idRows = try await sql.raw("""
            SELECT p.id AS id FROM practices p
            LEFT JOIN practice_translations tl ON tl.practice_id = p.id AND tl.language = \(bind: language.rawValue)
            JOIN practice_translations tor ON tor.practice_id = p.id AND tor.language = p.original_language
            WHERE \(whereAll)
            ORDER BY \(order) LIMIT \(literal: perPage) OFFSET \(literal: offset)
            """).all()
        let ids = try idRows.map { try $0.decode(column: "id", as: UUID.self) }
        let models = try await PracticeStore.withEverything(PracticeModel.query(on: database).filter(\.$id ~~ ids)).all()
        let byID = Dictionary(uniqueKeysWithValues: models.compactMap { m in m.id.map { ($0, m) } })
        return PracticePage(total: total, practices: ids.compactMap { byID[$0] }, facets: facets)
    }

    private var order: SQLQueryString {
        switch sort {
        // Practices published together (an import) fall back to the most recent start year.
        case .newest: "p.published_at DESC, COALESCE(p.start_year, 0) DESC, p.slug ASC"
        case .title: "LOWER(COALESCE(tl.title, tor.title)) ASC, p.slug ASC"
        case .start: "COALESCE(p.start_year, 0) DESC, p.slug ASC"
        }
    }

    private func counts(for facet: PracticeFacet, on database: any Database) async throws -> [FacetCount] {
        let sql = database as! any SQLDatabase
        let (join, column): (SQLQueryString, SQLQueryString) = switch facet {
        case .region: ("JOIN practice_countries f ON f.practice_id = p.id", "f.region")
        case .country: ("JOIN practice_countries f ON f.practice_id = p.id", "f.country")
        case .pillar: ("JOIN practice_pillars f ON f.practice_id = p.id", "f.pillar")
        case .theme: ("JOIN practice_themes f ON f.practice_id = p.id", "f.theme")
        case .maturity: ("", "p.maturity")
        case .scope: ("", "p.scope")
        case .evidence: ("", "p.evidence_level")
        }
        // Pillars are integers; cast so both engines hand back text.
        let value: SQLQueryString = facet == .pillar ? "CAST(\(column) AS TEXT)" : column
        let rows = try await sql.raw("""
            SELECT \(value) AS v, COUNT(DISTINCT p.id) AS n FROM practices p \(join)
            WHERE \(conditions(except: facet, on: database)) GROUP BY \(column)
            """).all()
        return try rows.map { FacetCount(value: try $0.decode(column: "v", as: String.self), count: try $0.decode(column: "n", as: Int.self)) }
    }

    /// The WHERE clause: always published only, then every filter except `facet`'s own.
    func conditions(except facet: PracticeFacet?, on database: any Database) -> SQLQueryString {
        var parts: [SQLQueryString] = ["p.status = \(bind: PracticeStatus.published.rawValue)"]
        func exists(_ table: String, _ column: String, _ values: [String]) -> SQLQueryString {
            "EXISTS (SELECT 1 FROM \(unsafeRaw: table) x WHERE x.practice_id = p.id AND x.\(unsafeRaw: column) IN (\(binds: values)))"
        }
        if facet != .region, !filter.regions.isEmpty {
            parts.append(exists("practice_countries", "region", filter.regions.map(\.rawValue)))
        }
        if facet != .country, !filter.countries.isEmpty {
            parts.append(exists("practice_countries", "country", filter.countries))
        }
        if facet != .pillar, !filter.pillars.isEmpty {
            parts.append("EXISTS (SELECT 1 FROM practice_pillars x WHERE x.practice_id = p.id AND x.pillar IN (\(binds: filter.pillars.map(\.rawValue))))")
        }
        if facet != .theme, !filter.themes.isEmpty {
            parts.append(exists("practice_themes", "theme", filter.themes.map(\.rawValue)))
        }
        if facet != .maturity, !filter.maturities.isEmpty {
            parts.append("p.maturity IN (\(binds: filter.maturities.map(\.rawValue)))")
        }
        if facet != .scope, !filter.scopes.isEmpty {
            parts.append("p.scope IN (\(binds: filter.scopes.map(\.rawValue)))")
        }
        if facet != .evidence, !filter.evidenceLevels.isEmpty {
            parts.append("p.evidence_level IN (\(binds: filter.evidenceLevels.map(\.rawValue)))")
        }
        // Words go through the search index, as on the search page: every word must appear in
        // one translation, accents, case and Arabic letter forms aside, the last word as a prefix.
        if let matching = searchIndex(on: database).matchingRecords(filter.query, kind: .practice) {
            parts.append("p.id IN (\(matching))")
        }
        return parts.joined(separator: " AND ")
    }
}
