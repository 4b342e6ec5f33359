import Fluent
import SankofaCore
import SQLKit

/// 010 (PostgreSQL only; SQLite packs the language in its rowids, 008): `search_documents` is
/// partitioned by language, one table per UN language (and a default one, which no document
/// should reach), each with its own GIN index.
///
/// Why: a bounded search (a word found in more than 2,000 documents, ``SearchLimits``) counts at
/// most 1,001 documents a language. In one table, the GIN bitmap of a frequent word holds every
/// language, and a language with few matches was counted by reading the heap row of every match
/// in all six (a two-letter prefix such as `ni:*`, 54,300 matches at 100,000 practices: 130-200
/// ms). A language's partition holds its documents alone: its scan reads its own matches and
/// stops at 1,001 (23-28 ms for the same statement). Rows are copied across in one transaction;
/// revert puts the single table back.
public struct PartitionPostgresSearchDocuments: AsyncMigration {
    public init() {}

    static let columns = "id, kind, record_id, slug, language, audience, title, body, tsv"

    public func prepare(on database: any Database) async throws {
        try await Self.replaceTable(on: database, settingAside: "search_documents_single") { sql in
            try await sql.raw("""
                CREATE TABLE search_documents (id TEXT NOT NULL, kind TEXT NOT NULL, record_id UUID NOT NULL, slug TEXT NOT NULL,
                language TEXT NOT NULL, audience TEXT NOT NULL, title TEXT NOT NULL, body TEXT NOT NULL, tsv TSVECTOR NOT NULL,
                CONSTRAINT search_documents_pkey PRIMARY KEY (id, language)) PARTITION BY LIST (language)
                """).run()
            for language in Language.displayOrder {
                // Codes are the six fixed two-letter values of `Language`, never user text.
                try await sql.raw("""
                    CREATE TABLE search_documents_\(unsafeRaw: language.rawValue) PARTITION OF search_documents
                    FOR VALUES IN ('\(unsafeRaw: language.rawValue)')
                    """).run()
            }
            try await sql.raw("CREATE TABLE search_documents_other PARTITION OF search_documents DEFAULT").run()
        }
    }

    public func revert(on database: any Database) async throws {
        try await Self.replaceTable(on: database, settingAside: "search_documents_partitioned") { sql in
            try await sql.raw("""
                CREATE TABLE search_documents (id TEXT CONSTRAINT search_documents_pkey PRIMARY KEY, kind TEXT NOT NULL,
                record_id UUID NOT NULL, slug TEXT NOT NULL, language TEXT NOT NULL, audience TEXT NOT NULL, title TEXT NOT NULL,
                body TEXT NOT NULL, tsv TSVECTOR NOT NULL)
                """).run()
        }
    }

    /// In one transaction: sets the table aside under `aside` (its primary key renamed, its
    /// indexes dropped, so that the new table takes their names), creates the new one with
    /// `create`, copies the rows across, drops the old one and indexes the new one.
    private static func replaceTable(on database: any Database, settingAside aside: String,
                                     create: @escaping @Sendable (any SQLDatabase) async throws -> Void) async throws {
        guard (database as! any SQLDatabase).dialect.name == "postgresql" else { return }
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("ALTER TABLE search_documents RENAME TO \(unsafeRaw: aside)").run()
            try await sql.raw("ALTER TABLE \(unsafeRaw: aside) RENAME CONSTRAINT search_documents_pkey TO \(unsafeRaw: aside)_pkey").run()
            try await sql.raw("DROP INDEX search_documents_record_idx").run()
            try await sql.raw("DROP INDEX search_documents_tsv_idx").run()
            try await create(sql)
            try await sql.raw("INSERT INTO search_documents (\(unsafeRaw: columns)) SELECT \(unsafeRaw: columns) FROM \(unsafeRaw: aside)").run()
            try await sql.raw("DROP TABLE \(unsafeRaw: aside)").run()
            try await createIndexes(sql)
        }
    }

    /// The indexes keep their names (on a partitioned table each partition gets its own), and
    /// the planner gets statistics at once: autovacuum analyses partitions only later, and never
    /// a partitioned table itself. The copy holds the table locked for its length (seconds at
    /// 100,000 practices): searches wait for it.
    private static func createIndexes(_ sql: any SQLDatabase) async throws {
        try await sql.raw("CREATE INDEX search_documents_record_idx ON search_documents (record_id, kind)").run()
        try await sql.raw("CREATE INDEX search_documents_tsv_idx ON search_documents USING GIN (tsv)").run()
        try await sql.raw("ANALYZE search_documents").run()
    }
}
