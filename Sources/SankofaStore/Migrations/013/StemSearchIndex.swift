import Fluent
import Foundation
import SankofaCore
import SQLKit

/// 013: every search document's tokens are made again with their stems (``SearchTokens``,
/// Snowball's stemmers), on both engines: until then a document indexed before stems matched
/// only a query's very words. Revert makes them again without stems.
public struct StemSearchIndex: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await Self.reindex(database, stemmed: true)
    }

    public func revert(on database: any Database) async throws {
        try await Self.reindex(database, stemmed: false)
    }

    static func reindex(_ database: any Database, stemmed: Bool) async throws {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            guard sql.dialect.name == "sqlite" else { return try await retokenizePostgres(sql, stemmed: stemmed) }
            // Contentless with contentless_delete: 'delete-all' empties the index, and the text
            // kept in search_documents fills it again under the same rowids.
            try await sql.raw("INSERT INTO search_fts (search_fts) VALUES ('delete-all')").run()
            try await RebuildSQLiteSearchIndex.fillTokens(sql, stemmed: stemmed)
        }
    }

    /// PostgreSQL: each document's tsvector from its text, 500 documents a statement, in
    /// primary-key order (the key's index reads each page).
    static func retokenizePostgres(_ sql: any SQLDatabase, stemmed: Bool) async throws {
        var last = ""
        while true {
            let rows = try await sql.raw("""
                SELECT id, language, title, body FROM search_documents WHERE id > \(bind: last) ORDER BY id LIMIT 500
                """).all()
            guard !rows.isEmpty else { return }
            var values: [SQLQueryString] = []
            for row in rows {
                let id = try row.decode(column: "id", as: String.self), code = try row.decode(column: "language", as: String.self)
                let language = Language(rawValue: code)
                let title = SearchTokens.index(try row.decode(column: "title", as: String.self), language: language, stemmed: stemmed)
                let body = SearchTokens.index(try row.decode(column: "body", as: String.self), language: language, stemmed: stemmed)
                values.append("(\(bind: id), \(bind: code), \(bind: title), \(bind: body))")
                last = id
            }
            try await sql.raw("""
                UPDATE search_documents d SET tsv = setweight(to_tsvector('simple', v.t), 'A') || setweight(to_tsvector('simple', v.b), 'D')
                FROM (VALUES \(values.joined(separator: ", "))) AS v(id, l, t, b) WHERE d.id = v.id AND d.language = v.l
                """).run()
        }
    }
}
