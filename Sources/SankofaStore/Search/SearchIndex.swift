import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The search index on either engine. Both implementations index the same tokens and apply the
/// same filters, so the same query on the same data finds the same documents; only the ranking
/// function is the engine's own (bm25 on SQLite, ts_rank on PostgreSQL), title weighted above body.
public struct SearchIndex: Sendable {
    let sql: any SQLDatabase
    let engine: Engine

    enum Engine { case sqlite, postgres }

    public init(database: any Database) {
        sql = database as! any SQLDatabase
        engine = sql.dialect.name == "sqlite" ? .sqlite : .postgres
    }

    /// Replaces every indexed translation of one record (none when `documents` is empty).
    /// `isNew` skips the deletes for a record that cannot have documents yet (imports).
    public func replace(kind: SearchKind, recordID: UUID, with documents: [SearchDocument], isNew: Bool = false) async throws {
        if !isNew {
            if engine == .sqlite {
                try await sql.raw("""
                    DELETE FROM search_fts WHERE doc_id IN
                    (SELECT id FROM search_documents WHERE record_id = \(bind: recordID) AND kind = \(bind: kind.rawValue))
                    """).run()
            }
            try await sql.raw("DELETE FROM search_documents WHERE record_id = \(bind: recordID) AND kind = \(bind: kind.rawValue)").run()
        }
        guard !documents.isEmpty else { return }
        var rows: [SQLQueryString] = []
        var ftsRows: [SQLQueryString] = []
        for document in documents {
            let titleTokens = SearchTokens.index(document.title)
            let bodyTokens = SearchTokens.index(document.body)
            let columns: SQLQueryString = """
                \(bind: document.id), \(bind: document.kind.rawValue), \(bind: document.recordID), \(bind: document.slug),
                \(bind: document.language.rawValue), \(bind: document.audience.rawValue), \(bind: document.title), \(bind: document.body)
                """
            switch engine {
            case .sqlite:
                rows.append("(\(columns))")
                ftsRows.append("(\(bind: titleTokens), \(bind: bodyTokens), \(bind: document.id))")
            case .postgres:
                rows.append("""
                    (\(columns), setweight(to_tsvector('simple', \(bind: titleTokens)), 'A')
                    || setweight(to_tsvector('simple', \(bind: bodyTokens)), 'D'))
                    """)
            }
        }
        switch engine {
        case .sqlite:
            try await sql.raw("INSERT INTO search_documents (id, kind, record_id, slug, language, audience, title, body) VALUES \(rows.joined(separator: ", "))").run()
            try await sql.raw("INSERT INTO search_fts (title, body, doc_id) VALUES \(ftsRows.joined(separator: ", "))").run()
        case .postgres:
            try await sql.raw("INSERT INTO search_documents (id, kind, record_id, slug, language, audience, title, body, tsv) VALUES \(rows.joined(separator: ", "))").run()
        }
    }

    /// The documents matching `terms` visible to `audiences`, with a score (higher is better),
    /// as a subquery both the search page and the catalogue's `q` filter build on.
    func matched(_ terms: [SearchTokens.Term], audiences: [SearchAudience]) -> SQLQueryString {
        let audience: SQLQueryString = "d.audience IN (\(binds: audiences.map(\.rawValue)))"
        switch engine {
        case .sqlite:
            // Each token is quoted as an FTS5 string; tokens hold letters and digits only.
            let match = terms.map { "\"\($0.token)\"" + ($0.prefix ? "*" : "") }.joined(separator: " ")
            return """
                SELECT d.id, d.kind, d.record_id, d.slug, d.language, d.title, d.body, -bm25(search_fts, 10.0, 1.0) AS score
                FROM search_fts JOIN search_documents d ON d.id = search_fts.doc_id
                WHERE search_fts MATCH \(bind: match) AND \(audience)
                """
        case .postgres:
            let query = terms.map { $0.token + ($0.prefix ? ":*" : "") }.joined(separator: " & ")
            return """
                SELECT d.id, d.kind, d.record_id, d.slug, d.language, d.title, d.body,
                CAST(ts_rank(d.tsv, to_tsquery('simple', \(bind: query))) AS DOUBLE PRECISION) AS score
                FROM search_documents d
                WHERE d.tsv @@ to_tsquery('simple', \(bind: query)) AND \(audience)
                """
        }
    }

    /// Record ids of `kind` matching the query: what the catalogue's `q` filter uses.
    func matchingRecords(_ query: String, kind: SearchKind, audiences: [SearchAudience] = [.everyone]) -> SQLQueryString? {
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
        let languages = try await counts("SELECT m.language AS v, COUNT(*) AS n FROM (\(matched)) m WHERE \(kindFilter) GROUP BY m.language")

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

    private func counts(_ query: SQLQueryString) async throws -> [String: Int] {
        var result: [String: Int] = [:]
        for row in try await sql.raw(query).all() {
            result[try row.decode(column: "v", as: String.self)] = try row.decode(column: "n", as: Int.self)
        }
        return result
    }

    /// Empties the index; `sankofa search reindex` then feeds every record back in.
    public func removeAll() async throws {
        if engine == .sqlite { try await sql.raw("DELETE FROM search_fts").run() }
        try await sql.raw("DELETE FROM search_documents").run()
    }
}
