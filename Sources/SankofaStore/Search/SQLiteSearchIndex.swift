import Foundation
import SankofaCore
import SQLKit

/// SQLite: a contentless FTS5 table (`search_fts`, migration 007) keyed by the integer rowid of
/// `search_documents` (``SearchRowID``), ranked by bm25 with the title weighted 10:1. The FTS5
/// table holds only the tokens; the display text stays in `search_documents`.
struct SQLiteSearchIndex: SearchIndex {
    let sql: any SQLDatabase

    /// Each token is quoted as an FTS5 string (tokens hold letters and digits only); the last
    /// word may be a prefix, which the 2- and 3-character prefix indexes answer directly.
    static func matchExpression(_ terms: [SearchTokens.Term]) -> String {
        terms.map { "\"\($0.token)\"" + ($0.prefix ? "*" : "") }.joined(separator: " ")
    }

    func replace(kind: SearchKind, recordID: UUID, with documents: [SearchDocument], isNew: Bool) async throws {
        var block: Int64?
        if !isNew {
            let owned: SQLQueryString = "SELECT rowid FROM search_documents WHERE record_id = \(bind: recordID) AND kind = \(bind: kind.rawValue)"
            // A record keeps its block across updates.
            if let row = try await sql.raw("\(owned) LIMIT 1").first() {
                block = SearchRowID.block(of: try row.decode(column: "rowid", as: Int64.self))
                try await sql.raw("DELETE FROM search_fts WHERE rowid IN (\(owned))").run()
                try await sql.raw("DELETE FROM search_documents WHERE record_id = \(bind: recordID) AND kind = \(bind: kind.rawValue)").run()
            }
        }
        guard !documents.isEmpty else { return }
        let owner: Int64
        if let block { owner = block } else { owner = try await nextBlock() }
        try await insert(documents.map { (SearchRowID(document: $0, block: owner), TokenizedDocument($0)) })
    }

    func insertNew(_ records: [[TokenizedDocument]]) async throws {
        var block = try await nextBlock()
        var rows: [(SearchRowID, TokenizedDocument)] = []
        for documents in records where !documents.isEmpty {
            rows += documents.map { (SearchRowID(document: $0.document, block: block), $0) }
            block += 1
        }
        // 9 parameters a document: 1,000 documents stay far below SQLite's 32,766.
        for start in stride(from: 0, to: rows.count, by: 1_000) {
            try await insert(Array(rows[start..<min(start + 1_000, rows.count)]))
        }
    }

    /// The first unused block. Writers are serialised by SQLite, and this runs inside the
    /// writing transaction, so two writers cannot take the same block. Blocks sit below the
    /// language and kind bits, so the highest is the highest of the 24 (language, kind) ranges,
    /// each found by one seek on the rowid.
    private func nextBlock() async throws -> Int64 {
        let ranges = SearchRowID.languages.flatMap { language in SearchRowID.kinds.map { SearchRowID.range(language, $0) } }
        let maxima = ranges.map {
            "SELECT MAX(rowid) AS r FROM search_documents WHERE \(SearchRowID.rangeFilter("rowid", $0))"
        }
        let row = try await sql.raw("""
            SELECT MAX(\(unsafeRaw: SearchRowID.blockSQL("r"))) AS m FROM (\(unsafeRaw: maxima.joined(separator: " UNION ALL ")))
            """).first()
        return (try row?.decode(column: "m", as: Int64?.self) ?? nil).map { $0 + 1 } ?? 1
    }

    private func insert(_ rows: [(SearchRowID, TokenizedDocument)]) async throws {
        guard !rows.isEmpty else { return }
        let documents: [SQLQueryString] = rows.map { "(\(bind: $0.0.value), \(columns($0.1.document)))" }
        let tokens: [SQLQueryString] = rows.map { "(\(bind: $0.0.value), \(bind: $0.1.titleTokens), \(bind: $0.1.bodyTokens))" }
        try await sql.raw("INSERT INTO search_documents (rowid, id, kind, record_id, slug, language, audience, title, body) VALUES \(documents.joined(separator: ", "))").run()
        try await sql.raw("INSERT INTO search_fts (rowid, title, body) VALUES \(tokens.joined(separator: ", "))").run()
    }

    func matched(_ terms: [SearchTokens.Term], audiences: [SearchAudience]) -> SQLQueryString {
        """
        SELECT d.id, d.kind, d.record_id, d.slug, d.language, f.score FROM (
          SELECT rowid AS r, -bm25(search_fts, 10.0, 1.0) AS score FROM search_fts
          WHERE search_fts MATCH \(bind: Self.matchExpression(terms)) AND \(unsafeRaw: SearchRowID.audienceFilter("rowid", audiences))
        ) f JOIN search_documents d ON d.rowid = f.r
        """
    }

    func removeAll() async throws {
        // 'delete-all' is how a contentless FTS5 table is emptied at once.
        try await sql.raw("INSERT INTO search_fts (search_fts) VALUES ('delete-all')").run()
        try await sql.raw("DELETE FROM search_documents").run()
    }
}

extension SearchRowID {
    init(document: SearchDocument, block: Int64) {
        self.init(block: block, kind: document.kind, language: document.language, audience: document.audience)
    }
}
