import Fluent
import SQLKit

/// 011: the outbox records when the senders gave up on a message (`given_up_at`, Unix seconds):
/// the server refused it for good (5xx to its recipient or its content), or it kept failing for
/// longer than a message is worth sending (``MailSender``). Before, such a message was tried
/// every six hours forever. Given-up messages leave the senders' index.
public struct GiveUpOutboxMessages: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE outbox ADD COLUMN given_up_at BIGINT").run()
        try await sql.raw("DROP INDEX outbox_due_idx").run()
        try await sql.raw("CREATE INDEX outbox_due_idx ON outbox (id) WHERE sent_at IS NULL AND given_up_at IS NULL").run()
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX outbox_due_idx").run()
        try await sql.raw("ALTER TABLE outbox DROP COLUMN given_up_at").run()
        try await sql.raw("CREATE INDEX outbox_due_idx ON outbox (id) WHERE sent_at IS NULL").run()
    }
}
