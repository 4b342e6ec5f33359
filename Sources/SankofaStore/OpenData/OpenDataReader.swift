import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Reads everything the open data publishes, as a visitor may see it and nothing more: published
/// practices with their published text (an author's change waiting for review lives in
/// `practice_pending_revisions` and is not read), the directory through the visitor's projection
/// (``ExpertReader`` of ``Audience/visitor``: a hidden profile has no row, a hidden field is nil),
/// centres and courses, and the exchanges whose public summary both sides agreed to
/// (``PublicExchangeSummaries``). Large tables come a batch at a time.
public struct OpenDataReader: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }
    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// A published practice as readers see it.
    public struct Practice: Sendable {
        public var record: PracticeRecord
        public var publishedAt: Date?
        public var updatedAt: Date?
    }

    /// The versions the open data is keyed on: the site-wide public one moves with every write a
    /// visitor could see (practices, profiles, centres, courses, public exchange summaries).
    public func publicVersion() async throws -> Int { try await DataVersion.current(on: database) }

    /// Every published practice, in batches of `batch` by id, each with its translations,
    /// countries (in their order), pillars and themes: five queries a batch, not a query a practice.
    public func practices(batch: Int = 1_000, _ each: ([Practice]) async throws -> Void) async throws {
        let published = PracticeStatus.published.rawValue
        var after: UUID?
        while true {
            let range: SQLQueryString = after.map { " AND id > \(bind: $0)" } ?? ""
            let rows = try await sql.raw("""
                SELECT id, slug, original_language, lead_country, maturity, evidence_level, start_year, end_year,
                       implementing_organisations, partners, funders, sources, last_reviewed, published_at, updated_at
                FROM practices WHERE status = \(bind: published)\(range)
                ORDER BY id LIMIT \(bind: batch)
                """).all()
            guard !rows.isEmpty else { return }
            let ids = try rows.map { try $0.decode(column: "id", as: UUID.self) }
            let children = try await self.children(of: ids)
            var practices: [Practice] = []
            practices.reserveCapacity(rows.count)
            for (row, id) in zip(rows, ids) {
                guard let original = Language(rawValue: try row.decode(column: "original_language", as: String.self)),
                      let maturity = Maturity(rawValue: try row.decode(column: "maturity", as: String.self)) else { continue }
                let record = PracticeRecord(
                    slug: try row.decode(column: "slug", as: String.self), status: .published, originalLanguage: original,
                    countries: children.countries[id] ?? [], leadCountry: try row.decode(column: "lead_country", as: String.self),
                    implementingOrganisations: try row.decode(column: "implementing_organisations", as: [String].self),
                    partners: try row.decode(column: "partners", as: [String].self), funders: try row.decode(column: "funders", as: [String].self),
                    startYear: try row.decode(column: "start_year", as: Int?.self), endYear: try row.decode(column: "end_year", as: Int?.self),
                    pillars: (children.pillars[id] ?? []).sorted { $0.rawValue < $1.rawValue },
                    themes: (children.themes[id] ?? []).sorted { $0.rawValue < $1.rawValue }, maturity: maturity,
                    evidenceLevel: EvidenceLevel(rawValue: try row.decode(column: "evidence_level", as: String.self)) ?? .none,
                    sources: try row.decode(column: "sources", as: [PracticeSource].self),
                    lastReviewed: try row.decode(column: "last_reviewed", as: String?.self),
                    translations: children.texts[id] ?? [:])
                practices.append(Practice(record: record, publishedAt: try row.decode(column: "published_at", as: Date?.self),
                                          updatedAt: try row.decode(column: "updated_at", as: Date?.self)))
            }
            try await each(practices)
            guard rows.count == batch else { return }
            after = ids.last
        }
    }

    private struct Children {
        var texts: [UUID: [Language: PracticeText]] = [:]
        var countries: [UUID: [String]] = [:]
        var pillars: [UUID: [Pillar]] = [:]
        var themes: [UUID: [Theme]] = [:]
    }

    private func children(of ids: [UUID]) async throws -> Children {
        var children = Children()
        for row in try await sql.raw("""
            SELECT practice_id, language, title, summary, context, approach, results, lessons, transfer_conditions,
                   expansion_potential, safeguards, target_groups FROM practice_translations WHERE practice_id IN (\(binds: ids))
            """).all() {
            guard let language = Language(rawValue: try row.decode(column: "language", as: String.self)) else { continue }
            children.texts[try row.decode(column: "practice_id", as: UUID.self), default: [:]][language] = PracticeText(
                title: try row.decode(column: "title", as: String.self), summary: try row.decode(column: "summary", as: String.self),
                context: try row.decode(column: "context", as: String.self), approach: try row.decode(column: "approach", as: String.self),
                results: try row.decode(column: "results", as: String.self), lessons: try row.decode(column: "lessons", as: String.self),
                transferConditions: try row.decode(column: "transfer_conditions", as: String.self),
                expansionPotential: try row.decode(column: "expansion_potential", as: String.self),
                safeguards: try row.decode(column: "safeguards", as: String.self),
                targetGroups: try row.decode(column: "target_groups", as: String.self))
        }
        for row in try await sql.raw("SELECT practice_id, country FROM practice_countries WHERE practice_id IN (\(binds: ids)) ORDER BY position").all() {
            children.countries[try row.decode(column: "practice_id", as: UUID.self), default: []].append(try row.decode(column: "country", as: String.self))
        }
        for row in try await sql.raw("SELECT practice_id, pillar FROM practice_pillars WHERE practice_id IN (\(binds: ids))").all() {
            guard let pillar = Pillar(rawValue: try row.decode(column: "pillar", as: Int.self)) else { continue }
            children.pillars[try row.decode(column: "practice_id", as: UUID.self), default: []].append(pillar)
        }
        for row in try await sql.raw("SELECT practice_id, theme FROM practice_themes WHERE practice_id IN (\(binds: ids))").all() {
            guard let theme = Theme(rawValue: try row.decode(column: "theme", as: String.self)) else { continue }
            children.themes[try row.decode(column: "practice_id", as: UUID.self), default: []].append(theme)
        }
        return children
    }
}
