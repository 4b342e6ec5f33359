import Fluent
import SQLKit

/// 014: the forum's search index, one document per thread (its title and the text of its visible
/// posts), beside the practices' and profiles' index, not inside it: a thread's audience is one
/// of an open set (`visitors`, `members`, `group:N`, ``ForumAudience``) where `search_documents`
/// keeps three fixed levels packed into SQLite rowids, and the catalogue's search and counts stay
/// exactly as they were. `forum_search_documents.audience` is what every forum search filters
/// on, in the statement, so that counts never include a hit the reader may not open.
/// SQLite: a contentless FTS5 table whose rowid is the thread's id (same tokenizer and prefix
/// indexes as `search_fts`); PostgreSQL: a `tsvector` column with a GIN index.
public struct CreateForumSearchIndex: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let sqlite = sql.dialect.name == "sqlite"
        var statements = [
            """
            CREATE TABLE forum_search_documents (
              thread_id INTEGER PRIMARY KEY REFERENCES forum_threads (id) ON DELETE CASCADE,
              audience VARCHAR(40) NOT NULL, last_posted_at BIGINT NOT NULL\(sqlite ? "" : ", tsv TSVECTOR NOT NULL"))
            """,
            "CREATE INDEX forum_search_documents_audience_idx ON forum_search_documents (audience, thread_id)",
        ]
        if sqlite {
            statements.append("""
                CREATE VIRTUAL TABLE forum_search_fts USING fts5(title, body, \(RebuildSQLiteSearchIndex.tokenizer),
                prefix = '2 3', content = '', contentless_delete = 1)
                """)
        } else {
            statements.append("CREATE INDEX forum_search_documents_tsv_idx ON forum_search_documents USING GIN (tsv)")
        }
        for statement in statements {
            try await sql.raw(SQLQueryString(stringLiteral: statement)).run()
        }
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" {
            try await sql.raw("DROP TABLE forum_search_fts").run()
        }
        try await sql.raw("DROP TABLE forum_search_documents").run()
    }
}
