import Foundation
import SankofaCore
import SQLKit

/// PostgreSQL: a `tsvector` column (title in weight A, body in D) with a GIN index, ranked by ts_rank.
struct PostgresSearchIndex: SearchIndex {
    let sql: any SQLDatabase

    func replace(kind: SearchKind, recordID: UUID, with documents: [SearchDocument], isNew: Bool) async throws {
        if !isNew {
            try await sql.raw("DELETE FROM search_documents WHERE record_id = \(bind: recordID) AND kind = \(bind: kind.rawValue)").run()
        }
        try await insert(documents.map(TokenizedDocument.init))
    }

    func insertNew(_ records: [[TokenizedDocument]]) async throws {
        // 10 parameters a document: 500 documents stay far below PostgreSQL's 65,535.
        let documents = records.flatMap { $0 }
        for start in stride(from: 0, to: documents.count, by: 500) {
            try await insert(Array(documents[start..<min(start + 500, documents.count)]))
        }
    }

    private func insert(_ documents: [TokenizedDocument]) async throws {
        guard !documents.isEmpty else { return }
        let rows: [SQLQueryString] = documents.map {
            """
            (\(columns($0.document)), setweight(to_tsvector('simple', \(bind: $0.titleTokens)), 'A')
            || setweight(to_tsvector('simple', \(bind: $0.bodyTokens)), 'D'))
            """
        }
        try await sql.raw("INSERT INTO search_documents (id, kind, record_id, slug, language, audience, title, body, tsv) VALUES \(rows.joined(separator: ", "))").run()
    }

    static func tsquery(_ terms: [SearchTokens.Term]) -> String {
        terms.map { $0.token + ($0.prefix ? ":*" : "") }.joined(separator: " & ")
    }

    func matched(_ terms: [SearchTokens.Term], audiences: [SearchAudience]) -> SQLQueryString {
        let query = Self.tsquery(terms)
        return """
            SELECT d.id, d.kind, d.record_id, d.slug, d.language,
            CAST(ts_rank(d.tsv, to_tsquery('simple', \(bind: query))) AS DOUBLE PRECISION) AS score
            FROM search_documents d
            WHERE d.tsv @@ to_tsquery('simple', \(bind: query)) AND \(audienceFilter(audiences))
            """
    }

    /// Always exact: ts_rank over every match. PostgreSQL answers `LIMIT` with a sequential
    /// scan that reads every row's tsvector when the rows wanted are rare (400 ms for a language
    /// with no match at 100,000 practices), so SQLite's bounds (``SQLiteSearchIndex``) would make
    /// it slower, not faster; see the README's performance section.
    func search(_ request: SearchRequest, preferring language: Language) async throws -> SearchResults {
        try await genericSearch(request, preferring: language)
    }

    func removeAll() async throws {
        try await sql.raw("DELETE FROM search_documents").run()
    }
}
