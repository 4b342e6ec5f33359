import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The search index, with one implementation per engine: SQLite FTS5 (``SQLiteSearchIndex``) and
/// PostgreSQL `tsvector` (``PostgresSearchIndex``). Both index the same tokens (``SearchTokens``)
/// and apply the same filters, so the same query on the same data finds the same documents; only
/// the ranking function is the engine's own (bm25, ts_rank), title weighted above body.
public protocol SearchIndex: Sendable {
    var sql: any SQLDatabase { get }

    /// Replaces every indexed translation of one record (none when `documents` is empty).
    /// `isNew` skips the deletes for a record that cannot have documents yet (imports).
    func replace(kind: SearchKind, recordID: UUID, with documents: [SearchDocument], isNew: Bool) async throws

    /// The documents matching `terms` visible to `audiences`, with a score (higher is better),
    /// as a subquery both the search page and the catalogue's `q` filter build on.
    func matched(_ terms: [SearchTokens.Term], audiences: [SearchAudience]) -> SQLQueryString

    /// Empties the index; `sankofa search reindex` then feeds every record back in.
    func removeAll() async throws
}

/// The index for the engine behind `database`.
public func searchIndex(on database: any Database) -> any SearchIndex {
    let sql = database as! any SQLDatabase
    return sql.dialect.name == "sqlite" ? SQLiteSearchIndex(sql: sql) : PostgresSearchIndex(sql: sql)
}

extension SearchIndex {
    public func replace(kind: SearchKind, recordID: UUID, with documents: [SearchDocument]) async throws {
        try await replace(kind: kind, recordID: recordID, with: documents, isNew: false)
    }

    /// The columns every engine stores for a document, as one VALUES tuple's first part.
    func columns(_ document: SearchDocument) -> SQLQueryString {
        """
        \(bind: document.id), \(bind: document.kind.rawValue), \(bind: document.recordID), \(bind: document.slug),
        \(bind: document.language.rawValue), \(bind: document.audience.rawValue), \(bind: document.title), \(bind: document.body)
        """
    }

    func audienceFilter(_ audiences: [SearchAudience]) -> SQLQueryString {
        "d.audience IN (\(binds: audiences.map(\.rawValue)))"
    }

    /// Record ids of `kind` matching the query: what the catalogue's `q` filter uses.
    public func matchingRecords(_ query: String, kind: SearchKind, audiences: [SearchAudience] = [.everyone]) -> SQLQueryString? {
        let terms = SearchTokens.query(query)
        guard !terms.isEmpty else { return nil }
        return "SELECT m.record_id FROM (\(matched(terms, audiences: audiences))) m WHERE m.kind = \(bind: kind.rawValue)"
    }

    /// One page of hits, one per record (its best-matching translation, the reader's language
    /// first on a tie), with counts per kind and per language.
    public func search(_ request: SearchRequest, preferring language: Language) async throws -> SearchResults {
        let terms = request.terms
        guard !terms.isEmpty else { return .empty }
        let matched = matched(terms, audiences: request.audiences)
        let kindFilter: SQLQueryString = request.kinds.isEmpty ? "1 = 1" : "m.kind IN (\(binds: request.kinds.map(\.rawValue)))"
        let languageFilter: SQLQueryString = request.languages.isEmpty ? "1 = 1" : "m.language IN (\(binds: request.languages.map(\.rawValue)))"

        let total = try await sql.raw("SELECT COUNT(DISTINCT m.record_id) AS n FROM (\(matched)) m WHERE \(kindFilter) AND \(languageFilter)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
        let kinds = try await counts("SELECT m.kind AS v, COUNT(DISTINCT m.record_id) AS n FROM (\(matched)) m WHERE \(languageFilter) GROUP BY m.kind")
        let languages = try await counts("SELECT m.language AS v, COUNT(DISTINCT m.record_id) AS n FROM (\(matched)) m WHERE \(kindFilter) GROUP BY m.language")

        let rows = try await sql.raw("""
            SELECT x.kind, x.record_id, x.slug, x.language, x.title, x.body, x.score FROM (
              SELECT m.*, ROW_NUMBER() OVER (PARTITION BY m.record_id
                ORDER BY m.score DESC, CASE WHEN m.language = \(bind: language.rawValue) THEN 0 ELSE 1 END, m.language) AS rn
              FROM (\(matched)) m WHERE \(kindFilter) AND \(languageFilter)
            ) x WHERE x.rn = 1
            ORDER BY x.score DESC, x.slug ASC
            LIMIT \(literal: request.perPage) OFFSET \(literal: (request.page - 1) * request.perPage)
            """).all()
        let hits = try rows.map { row in
            SearchHit(
                kind: SearchKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .practice,
                recordID: try row.decode(column: "record_id", as: UUID.self),
                slug: try row.decode(column: "slug", as: String.self),
                language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
                title: try row.decode(column: "title", as: String.self),
                body: try row.decode(column: "body", as: String.self),
                rank: try row.decode(column: "score", as: Double.self))
        }
        return SearchResults(total: total, hits: hits, kinds: kinds, languages: languages)
    }

    func counts(_ query: SQLQueryString) async throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try await sql.raw(query).all() {
            result[try row.decode(column: "v", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return result
    }

}
