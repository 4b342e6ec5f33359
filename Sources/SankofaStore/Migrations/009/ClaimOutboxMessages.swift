import Fluent
import SQLKit

/// 009: the outbox records when a message may next be tried (`not_before`, Unix seconds) and how
/// many attempts failed. A sender claims due messages by moving `not_before` past the end of its
/// lease in one statement, so two nodes with `SMTP_URL` never send the same message, and the
/// back-off after a failure survives a restart.
public struct ClaimOutboxMessages: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE outbox ADD COLUMN not_before BIGINT NOT NULL DEFAULT 0").run()
        try await sql.raw("ALTER TABLE outbox ADD COLUMN attempts INTEGER NOT NULL DEFAULT 0").run()
        // The senders' query: unsent messages, oldest first. Sent ones leave the index.
        try await sql.raw("CREATE INDEX outbox_due_idx ON outbox (id) WHERE sent_at IS NULL").run()
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX outbox_due_idx").run()
        try await sql.raw("ALTER TABLE outbox DROP COLUMN attempts").run()
        try await sql.raw("ALTER TABLE outbox DROP COLUMN not_before").run()
    }
}
