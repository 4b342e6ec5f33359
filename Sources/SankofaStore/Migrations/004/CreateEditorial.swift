import Fluent
import SQLKit

/// 006: the editorial workflow: who wrote a practice, every revision as a snapshot, and the
/// conversation between editors and the author.
public struct CreateEditorial: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let uuid = sql.dialect.name == "sqlite" ? "BLOB" : "UUID"
        let serial = sql.dialect.name == "sqlite" ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"
        // No foreign key here: SQLite cannot drop a column that has one (revert). Deleting an account
        // sets it to NULL (``Authorship/forget``), leaving the practice to a former member.
        try await sql.raw("ALTER TABLE practices ADD COLUMN author_id \(unsafeRaw: uuid)").run()
        try await sql.raw("""
            CREATE TABLE practice_revisions (
              id \(unsafeRaw: serial),
              practice_id \(unsafeRaw: uuid) NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
              at BIGINT NOT NULL,
              actor_id \(unsafeRaw: uuid) REFERENCES users (id) ON DELETE SET NULL,
              action VARCHAR(40) NOT NULL,
              snapshot TEXT NOT NULL)
            """).run()
        try await sql.raw("CREATE INDEX practice_revisions_practice_idx ON practice_revisions (practice_id, id)").run()
        try await sql.raw("""
            CREATE TABLE practice_comments (
              id \(unsafeRaw: serial),
              practice_id \(unsafeRaw: uuid) NOT NULL REFERENCES practices (id) ON DELETE CASCADE,
              at BIGINT NOT NULL,
              author_id \(unsafeRaw: uuid) REFERENCES users (id) ON DELETE SET NULL,
              body TEXT NOT NULL)
            """).run()
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP TABLE practice_comments").run()
        try await sql.raw("DROP TABLE practice_revisions").run()
        try await sql.raw("ALTER TABLE practices DROP COLUMN author_id").run()
    }
}
