import Fluent
import SQLKit

/// 013: an author's change to their published practice waits here for an editor, instead of
/// going live (``PendingRevisions``): one a practice, with the published record it started from
/// (`base`, so that accepting it applies only what the author changed) and the proposed one.
public struct CreatePendingRevisions: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let uuid = sql.dialect.name == "sqlite" ? "BLOB" : "UUID"
        try await sql.raw("""
            CREATE TABLE practice_pending_revisions (
              practice_id \(unsafeRaw: uuid) PRIMARY KEY REFERENCES practices (id) ON DELETE CASCADE,
              author_id \(unsafeRaw: uuid) REFERENCES users (id) ON DELETE SET NULL,
              at BIGINT NOT NULL,
              state VARCHAR(20) NOT NULL,
              base TEXT NOT NULL,
              proposal TEXT NOT NULL)
            """).run()
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP TABLE practice_pending_revisions").run()
    }
}
