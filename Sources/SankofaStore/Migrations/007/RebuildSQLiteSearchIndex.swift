import Fluent
import Foundation
import SankofaCore
import SQLKit

/// 007 (SQLite only; PostgreSQL keeps its `tsvector`): the FTS5 table becomes contentless, keyed
/// by an integer rowid that packs record, kind, language and audience (``SearchRowID``) instead
/// of joining on a text id, with prefix indexes for the 2- and 3-character prefixes that the last
/// word typed makes. Existing documents keep their text: they are given new rowids and their
/// tokens are indexed again. Revert brings back 004's table, filled from the same documents.
public struct RebuildSQLiteSearchIndex: AsyncMigration {
    public init() {}

    static let tokenizer = #"tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'""#

    public func prepare(on database: any Database) async throws {
        guard (database as! any SQLDatabase).dialect.name == "sqlite" else { return }
        // One transaction, so that every statement runs on the same connection, all or nothing.
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("DROP TABLE search_fts").run()
            try await sql.raw("""
                CREATE VIRTUAL TABLE search_fts USING fts5(title, body, \(unsafeRaw: Self.tokenizer),
                prefix = '2 3', content = '', contentless_delete = 1)
                """).run()
            try await Self.rekey(sql, pack: Self.layout007)
            try await Self.fillTokens(sql)
        }
    }

    /// 007's rowid layout, `block << 8 | kind << 5 | language << 2 | audience`, with its own
    /// codes, which 008 replaced by ``SearchRowID``'s.
    static func layout007(block: Int64, kind: SearchKind, language: Language, audience: SearchAudience) -> Int64 {
        let kinds: [SearchKind] = [.practice, .expert, .centre, .course]
        let languages: [Language] = [.ar, .zh, .en, .fr, .ru, .es]
        let audiences: [SearchAudience] = [.everyone, .members, .staff]
        return block << 8 | Int64(kinds.firstIndex(of: kind)!) << 5 | Int64(languages.firstIndex(of: language)!) << 2
            | Int64(audiences.firstIndex(of: audience)!)
    }

    static func layoutCurrent(block: Int64, kind: SearchKind, language: Language, audience: SearchAudience) -> Int64 {
        SearchRowID(block: block, kind: kind, language: language, audience: audience).value
    }

    /// Indexes the tokens of every document under its rowid (the FTS5 table must be empty).
    /// `stemmed`: with the stems of migration 013 (``StemSearchIndex``), which its revert leaves out.
    static func fillTokens(_ sql: any SQLDatabase, stemmed: Bool = true) async throws {
        try await fill(sql, into: "search_fts (rowid, title, body)") { rowid, _, language, title, body in
            "(\(bind: rowid), \(bind: SearchTokens.index(title, language: language, stemmed: stemmed)), \(bind: SearchTokens.index(body, language: language, stemmed: stemmed)))"
        }
    }

    public func revert(on database: any Database) async throws {
        guard (database as! any SQLDatabase).dialect.name == "sqlite" else { return }
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("DROP TABLE search_fts").run()
            try await sql.raw("CREATE VIRTUAL TABLE search_fts USING fts5(title, body, doc_id UNINDEXED, \(unsafeRaw: Self.tokenizer))").run()
            try await Self.fill(sql, into: "search_fts (title, body, doc_id)") { _, id, _, title, body in
                "(\(bind: SearchTokens.index(title, stemmed: false)), \(bind: SearchTokens.index(body, stemmed: false)), \(bind: id))"
            }
        }
    }

    /// Gives every document a packed rowid (`pack`): one block per (record, kind), in record order.
    static func rekey(_ sql: any SQLDatabase,
                      pack: (Int64, SearchKind, Language, SearchAudience) -> Int64) async throws {
        // Negative first, so that no new rowid collides with an old one on the way.
        try await sql.raw("UPDATE search_documents SET rowid = -rowid").run()
        let rows = try await sql.raw("SELECT rowid, record_id, kind, language, audience FROM search_documents ORDER BY rowid DESC").all()
        var blocks: [String: Int64] = [:]
        var updates: [(old: Int64, new: Int64)] = []
        var invalid: [Int64] = []
        for row in rows {
            let old = try row.decode(column: "rowid", as: Int64.self)
            let record = try row.decode(column: "record_id", as: UUID.self)
            guard let kind = SearchKind(rawValue: try row.decode(column: "kind", as: String.self)),
                  let language = Language(rawValue: try row.decode(column: "language", as: String.self)),
                  let audience = SearchAudience(rawValue: try row.decode(column: "audience", as: String.self))
            else { invalid.append(old); continue }
            let key = "\(kind.rawValue):\(record)"
            let block = blocks[key] ?? Int64(blocks.count + 1)
            blocks[key] = block
            updates.append((old, pack(block, kind, language, audience)))
        }
        // A row no version of the code could have written would never be found: drop it.
        for old in invalid { try await sql.raw("DELETE FROM search_documents WHERE rowid = \(bind: old)").run() }
        for start in stride(from: 0, to: updates.count, by: 500) {
            let chunk = updates[start..<min(start + 500, updates.count)]
            let cases = chunk.map { "WHEN \($0.old) THEN \($0.new)" }.joined(separator: " ")
            let olds = chunk.map { String($0.old) }.joined(separator: ", ")
            try await sql.raw("UPDATE search_documents SET rowid = CASE rowid \(unsafeRaw: cases) END WHERE rowid IN (\(unsafeRaw: olds))").run()
        }
    }

    /// Indexes the tokens of every document again, 500 documents a statement.
    static func fill(_ sql: any SQLDatabase, into target: String,
                      row: (Int64, String, Language?, String, String) -> SQLQueryString) async throws {
        var last = Int64.min
        while true {
            let rows = try await sql.raw("""
                SELECT rowid, id, language, title, body FROM search_documents WHERE rowid > \(bind: last) ORDER BY rowid LIMIT 500
                """).all()
            guard !rows.isEmpty else { return }
            var values: [SQLQueryString] = []
            for document in rows {
                last = try document.decode(column: "rowid", as: Int64.self)
                values.append(row(last, try document.decode(column: "id", as: String.self),
                                  Language(rawValue: try document.decode(column: "language", as: String.self)),
                                  try document.decode(column: "title", as: String.self), try document.decode(column: "body", as: String.self)))
            }
            try await sql.raw("INSERT INTO \(unsafeRaw: target) VALUES \(values.joined(separator: ", "))").run()
        }
    }
}
