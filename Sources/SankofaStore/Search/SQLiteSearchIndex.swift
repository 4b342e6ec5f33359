import Foundation
import SankofaCore
import SQLKit

/// SQLite: an FTS5 table beside `search_documents`, ranked by bm25 with the title weighted 10:1.
struct SQLiteSearchIndex: SearchIndex {
    let sql: any SQLDatabase

    func replace(kind: SearchKind, recordID: UUID, with documents: [SearchDocument], isNew: Bool) async throws {
        if !isNew {
            try await sql.raw("""
                DELETE FROM search_fts WHERE doc_id IN
                (SELECT id FROM search_documents WHERE record_id = \(bind: recordID) AND kind = \(bind: kind.rawValue))
                """).run()
            try await sql.raw("DELETE FROM search_documents WHERE record_id = \(bind: recordID) AND kind = \(bind: kind.rawValue)").run()
        }
        guard !documents.isEmpty else { return }
        let rows: [SQLQueryString] = documents.map { "(\(columns($0)))" }
        let ftsRows: [SQLQueryString] = documents.map {
            "(\(bind: SearchTokens.index($0.title)), \(bind: SearchTokens.index($0.body)), \(bind: $0.id))"
        }
        try await sql.raw("INSERT INTO search_documents (id, kind, record_id, slug, language, audience, title, body) VALUES \(rows.joined(separator: ", "))").run()
        try await sql.raw("INSERT INTO search_fts (title, body, doc_id) VALUES \(ftsRows.joined(separator: ", "))").run()
    }

    func matched(_ terms: [SearchTokens.Term], audiences: [SearchAudience]) -> SQLQueryString {
        // Each token is quoted as an FTS5 string; tokens hold letters and digits only.
        let match = terms.map { "\"\($0.token)\"" + ($0.prefix ? "*" : "") }.joined(separator: " ")
        return """
            SELECT d.id, d.kind, d.record_id, d.slug, d.language, d.title, d.body, -bm25(search_fts, 10.0, 1.0) AS score
            FROM search_fts JOIN search_documents d ON d.id = search_fts.doc_id
            WHERE search_fts MATCH \(bind: match) AND \(audienceFilter(audiences))
            """
    }

    func removeAll() async throws {
        try await sql.raw("DELETE FROM search_fts").run()
        try await sql.raw("DELETE FROM search_documents").run()
    }
}
