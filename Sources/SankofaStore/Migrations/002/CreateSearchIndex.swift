import Fluent
import SQLKit

/// 004: the search index. `search_documents` holds one row per translation of each findable
/// record on both engines; SQLite adds an FTS5 table beside it, PostgreSQL a weighted `tsvector`
/// column with a GIN index. The tokens both engines see are made in Swift (``SearchTokens``).
public struct CreateSearchIndex: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema("search_documents")
            .field("id", .string, .identifier(auto: false))
            .field("kind", .string, .required)
            .field("record_id", .uuid, .required)
            .field("slug", .string, .required)
            .field("language", .string, .required)
            .field("audience", .string, .required)
            .field("title", .string, .required)
            .field("body", .string, .required)
            .create()
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX search_documents_record_idx ON search_documents (record_id, kind)").run()
        if sql.dialect.name == "sqlite" {
            // Letters, numbers and marks are token characters; our tokens are already folded,
            // so the tokenizer must not fold again (remove_diacritics 0).
            try await sql.raw("""
                CREATE VIRTUAL TABLE search_fts USING fts5(title, body, doc_id UNINDEXED,
                tokenize = "unicode61 remove_diacritics 0 categories 'L* N* Co M*'")
                """).run()
        } else {
            try await sql.raw("ALTER TABLE search_documents ADD COLUMN tsv tsvector NOT NULL").run()
            try await sql.raw("CREATE INDEX search_documents_tsv_idx ON search_documents USING GIN (tsv)").run()
        }
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "sqlite" { try await sql.raw("DROP TABLE search_fts").run() }
        try await database.schema("search_documents").delete()
    }
}
