import Foundation
import SankofaCore
import SQLKit

/// SQLite: a contentless FTS5 table (`search_fts`, migration 007) keyed by the integer rowid of
/// `search_documents` (``SearchRowID``), ranked by bm25 with the title weighted 10:1. The FTS5
/// table holds only the tokens; the display text stays in `search_documents`.
struct SQLiteSearchIndex: SearchIndex {
    let sql: any SQLDatabase
    /// Where searches run (``SQLiteReadPool``); writes go through `sql`.
    var reads: SQLiteReadPool?

    /// Each token is quoted as an FTS5 string (tokens hold letters and digits, a phrase's
    /// separated by spaces, which FTS5 reads as a phrase); the last word may be a prefix, which
    /// the 2- and 3-character prefix indexes answer directly. A word with stems matches the word
    /// or any of them: `("word"* OR "ªestem" OR …)`. A run of terms naming a thesaurus concept
    /// matches as written or as any of the concept's other terms: `((run) OR (other) OR …)`.
    static func matchExpression(_ terms: [SearchTokens.Term]) -> String {
        ftsQuery(terms).expression
    }

    /// The match expression's phrases, in order (FTS5 numbers them so): each term's word, then its stems.
    static func phrases(_ terms: [SearchTokens.Term]) -> [String] {
        ftsQuery(terms).phrases
    }

    /// A match expression with its phrases in FTS5's order and, for each, its tier flag for
    /// ``SQLiteRankFunction``: 0 outside expansions, `g` for the words as written of the `g`-th
    /// expanded run, `-g` for its alternatives (a document holding none of the run's own words
    /// ranks below every document that does).
    struct FTSQuery {
        var expression = ""
        var phrases: [String] = []
        var flags: [Int64] = []
    }

    static func ftsQuery(_ terms: [SearchTokens.Term]) -> FTSQuery {
        var query = FTSQuery()
        var group: Int64 = 0
        func term(_ term: SearchTokens.Term, _ flag: Int64) -> String {
            let phrases = ["\"\(term.token)\"" + (term.prefix ? "*" : "")] + term.stems.map { "\"\($0)\"" }
            query.phrases += phrases
            query.flags += Array(repeating: flag, count: phrases.count)
            return phrases.count == 1 ? phrases[0] : "(" + phrases.joined(separator: " OR ") + ")"
        }
        // FTS5 reads no implicit AND before a parenthesis
        func all(_ terms: [SearchTokens.Term], _ flag: Int64) -> String { terms.map { term($0, flag) }.joined(separator: " AND ") }
        let terms = kept(terms)
        var parts: [String] = []
        var index = 0
        while index < terms.count {
            guard let expansion = terms[index].expansion, index + expansion.span <= terms.count else {
                parts.append(term(terms[index], 0))
                index += 1
                continue
            }
            group += 1
            let alternatives = [all(Array(terms[index..<index + expansion.span]), group)]
                + expansion.alternatives.map(kept).filter { !$0.isEmpty }.map { all($0, -group) }
            parts.append("(" + alternatives.map { "(\($0))" }.joined(separator: " OR ") + ")")
            index += expansion.span
        }
        query.expression = parts.joined(separator: " AND ")
        return query
    }

    /// The terms FTS5's tokenizer finds a token in. It drops a phrase without one (a symbol that
    /// Swift counts as a letter, such as 🅰) when phrases are side by side, but an `AND` with
    /// it, which the stems' groups need, matches nothing: such terms go here, as they went there.
    static func kept(_ terms: [SearchTokens.Term]) -> [SearchTokens.Term] {
        let kept = terms.filter { term in
            term.token.unicodeScalars.contains { scalar in
                switch scalar.properties.generalCategory {
                case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                     .decimalNumber, .letterNumber, .otherNumber, .privateUse,
                     .nonspacingMark, .spacingMark, .enclosingMark: return true
                default: return false
                }
            }
        }
        return kept.isEmpty ? terms : kept
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
        // FTS5 writes its pending tokens out as a new segment whenever a rowid comes in below the
        // previous one: the rowids start with the language, so in the order of their records they
        // went up and down at every record. Sorted, `insert` writes them as one run.
        rows.sort { $0.0.value < $1.0.value }
        try await insert(rows)
    }

    /// During the import FTS5 keeps up to 64 MB of tokens before writing a segment (1 MB by
    /// default) and does not merge segments as they come (`automerge` 0): it merges them all once
    /// at the end ('optimize'), a few seconds for 100,000 practices, and the searches then read
    /// one b-tree per token (median raw query 1.8 → 1.4 ms in the benchmark). The settings are
    /// stored with the table, so they go back to FTS5's defaults, in the same transaction.
    func bulk(_ body: () async throws -> Void) async throws {
        try await configure("hashsize", 64 << 20)
        try await configure("automerge", 0)
        try await body()
        try await sql.raw("INSERT INTO search_fts (search_fts) VALUES ('optimize')").run()
        try await configure("hashsize", 1 << 20)
        try await configure("automerge", 4)
    }

    private func configure(_ option: String, _ value: Int) async throws {
        try await sql.raw("INSERT INTO search_fts (search_fts, rank) VALUES (\(bind: option), \(bind: value))").run()
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

    /// The display rows 1,000 a statement (9 parameters each, far below SQLite's 32,766), then
    /// every row's tokens in one statement, read from a JSON array: FTS5 writes its pending
    /// tokens out as a segment at the start of every later statement of the transaction that
    /// may need undoing (a savepoint), so tokens written a thousand rows a statement made a
    /// segment per thousand documents, and an import spent a fifth of its time merging them.
    private func insert(_ rows: [(SearchRowID, TokenizedDocument)]) async throws {
        guard !rows.isEmpty else { return }
        for start in stride(from: 0, to: rows.count, by: 1_000) {
            let documents: [SQLQueryString] = rows[start..<min(start + 1_000, rows.count)].map {
                "(\(bind: $0.0.value), \(columns($0.1.document)))"
            }
            try await sql.raw("INSERT INTO search_documents (rowid, id, kind, record_id, slug, language, audience, title, body) VALUES \(documents.joined(separator: ", "))").run()
        }
        let tokens = String(decoding: try JSONEncoder().encode(rows.map { FTSRow(rowid: $0.0.value, title: $0.1.titleTokens, body: $0.1.bodyTokens) }), as: UTF8.self)
        try await sql.raw("""
            INSERT INTO search_fts (rowid, title, body)
            SELECT value ->> 0, value ->> 1, value ->> 2 FROM json_each(\(bind: tokens)) ORDER BY key
            """).run()
    }

    /// One row of `search_fts` as a JSON array `[rowid, title tokens, body tokens]`.
    private struct FTSRow: Encodable {
        let rowid: Int64, title: String, body: String

        func encode(to encoder: any Encoder) throws {
            var container = encoder.unkeyedContainer()
            try container.encode(rowid)
            try container.encode(title)
            try container.encode(body)
        }
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
