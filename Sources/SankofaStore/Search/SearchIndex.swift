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

    /// The documents matching `terms` visible to `audiences`, as a subquery with the columns
    /// id, kind, record_id, slug, language and score (higher is better), but not the text: the
    /// catalogue's `q` filter and the engine-neutral search build on it.
    func matched(_ terms: [SearchTokens.Term], audiences: [SearchAudience]) -> SQLQueryString

    /// One page of hits with the counts; see ``genericSearch(_:preferring:)`` for the rules.
    func search(_ request: SearchRequest, preferring language: Language) async throws -> SearchResults

    /// Indexes records that have no documents yet (a bulk import) in as few statements as the
    /// engine allows; each element holds the documents of one record, already tokenised.
    func insertNew(_ records: [[TokenizedDocument]]) async throws

    /// Runs a large import's `insertNew` calls with the engine set for bulk writes, then leaves
    /// the index in the shape its searches read fastest (SQLite FTS5: one segment). Costs a
    /// rewrite of the whole index, so small imports skip it.
    func bulk(_ body: () async throws -> Void) async throws

    /// Empties the index; `sankofa search reindex` then feeds every record back in.
    func removeAll() async throws
}

/// The index for the engine behind `database`.
public func searchIndex(on database: any Database) -> any SearchIndex {
    let sql = database as! any SQLDatabase
    return sql.dialect.name == "sqlite" ? SQLiteSearchIndex(sql: sql, reads: database.sqliteReads) : PostgresSearchIndex(sql: sql)
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
    /// first on a tie), with counts per kind and per language. The engine-neutral version: one
    /// statement for the counts and one for the page over (record, score) only, then the text of
    /// the page's hits alone. SQLite has its own (``SQLiteSearchIndex``).
    public func genericSearch(_ request: SearchRequest, preferring language: Language) async throws -> SearchResults {
        let terms = request.terms
        guard !terms.isEmpty else { return .empty }
        let matched = matched(terms, audiences: request.audiences)
        let kindFilter: SQLQueryString = request.kinds.isEmpty ? "1 = 1" : "m.kind IN (\(binds: request.kinds.map(\.rawValue)))"
        let languageFilter: SQLQueryString = request.languages.isEmpty ? "1 = 1" : "m.language IN (\(binds: request.languages.map(\.rawValue)))"

        // (record, language) pairs once, then the three counts from them: a record found in two
        // languages counts once in the total and once under each language.
        var total = 0
        var kinds: [String: Int] = [:], languages: [String: Int] = [:]
        let countRows = try await sql.raw("""
            WITH m AS MATERIALIZED (SELECT DISTINCT x.record_id, x.kind, x.language FROM (\(matched)) x)
            SELECT 'kind' AS facet, m.kind AS v, COUNT(DISTINCT m.record_id) AS n FROM m WHERE \(languageFilter) GROUP BY m.kind
            UNION ALL SELECT 'language', m.language, COUNT(*) FROM m WHERE \(kindFilter) GROUP BY m.language
            UNION ALL SELECT 'total', '', COUNT(DISTINCT m.record_id) FROM m WHERE \(kindFilter) AND \(languageFilter)
            """).all()
        for row in countRows {
            let value = try row.decode(column: "v", as: String.self), n = try row.decode(column: "n", as: Int.self)
            switch try row.decode(column: "facet", as: String.self) {
            case "kind": kinds[value] = n
            case "language": languages[value] = n
            default: total = n
            }
        }
        guard total > 0 else { return SearchResults(total: 0, hits: [], kinds: kinds, languages: languages) }

        let page = try await sql.raw("""
            SELECT x.id, x.language, x.score FROM (
              SELECT m.id, m.slug, m.language, m.score, ROW_NUMBER() OVER (PARTITION BY m.record_id
                ORDER BY m.score DESC, CASE WHEN m.language = \(bind: language.rawValue) THEN 0 ELSE 1 END, m.language) AS rn
              FROM (\(matched)) m WHERE \(kindFilter) AND \(languageFilter)
            ) x WHERE x.rn = 1
            ORDER BY x.score DESC, x.slug ASC
            LIMIT \(literal: request.perPage) OFFSET \(literal: (request.page - 1) * request.perPage)
            """).all()
        let scores = try page.map { (try $0.decode(column: "id", as: String.self), try $0.decode(column: "score", as: Double.self)) }
        guard !scores.isEmpty else { return SearchResults(total: total, hits: [], kinds: kinds, languages: languages) }
        // The hits' languages too, so that PostgreSQL reads only their partitions (migration 010).
        let pageLanguages = Set(try page.map { try $0.decode(column: "language", as: String.self) }).sorted()
        let rows = try await sql.raw("""
            SELECT id, kind, record_id, slug, language, title, body FROM search_documents
            WHERE id IN (\(binds: scores.map(\.0))) AND language IN (\(binds: pageLanguages))
            """).all()
        var byID: [String: SearchHit] = [:]
        for row in rows {
            byID[try row.decode(column: "id", as: String.self)] = try Self.hit(row, rank: 0)
        }
        let hits = scores.compactMap { id, score in byID[id].map { var hit = $0; hit.rank = score; return hit } }
        return SearchResults(total: total, hits: hits, kinds: kinds, languages: languages)
    }

    /// A hit from a `search_documents` row.
    static func hit(_ row: any SQLRow, rank: Double) throws -> SearchHit {
        SearchHit(
            kind: SearchKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .practice,
            recordID: try row.decode(column: "record_id", as: UUID.self),
            slug: try row.decode(column: "slug", as: String.self),
            language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
            title: try row.decode(column: "title", as: String.self),
            body: try row.decode(column: "body", as: String.self),
            rank: rank)
    }
}
