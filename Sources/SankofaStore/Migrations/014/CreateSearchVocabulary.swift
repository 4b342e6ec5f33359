import Fluent
import SQLKit

/// 014: the indexed words that a misspelt query word is corrected to (``SearchIndex/searchCorrecting(_:preferring:)``).
/// SQLite: an `fts5vocab` table over `search_fts`, FTS5's own term list, which costs nothing to
/// keep and is read by a range of terms (the typed word's first letter). PostgreSQL:
/// `search_words`, one row per word, added by indexing (``PostgresSearchIndex``) and never
/// removed: `ts_stat` would read every document's tsvector for each correction (seconds at
/// 100,000 practices), a table read by its key's range costs what SQLite's does. A word left
/// from a deleted document is harmless, as each candidate is counted in the documents the
/// reader may see before it is offered. Filled here from the documents already indexed.
public struct CreateSearchVocabulary: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            try await sql.raw("CREATE VIRTUAL TABLE search_vocabulary USING fts5vocab(search_fts, row)").run()
            return
        }
        try await sql.raw(#"CREATE TABLE search_words (word TEXT COLLATE "C" PRIMARY KEY)"#).run()
        try await sql.raw("""
            INSERT INTO search_words (word) SELECT DISTINCT w.lexeme FROM search_documents d, unnest(d.tsv) w
            WHERE length(w.lexeme) >= 3 AND w.lexeme NOT LIKE 'ª%' ON CONFLICT DO NOTHING
            """).run()
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw(SQLQueryString(stringLiteral: sql.dialect.name == "sqlite" ? "DROP TABLE search_vocabulary" : "DROP TABLE search_words")).run()
    }
}
