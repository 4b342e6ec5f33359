import Fluent
import SQLKit

/// 014: a queued message may carry extra headers (`outbox.headers`, one `Name: value` a line),
/// for the forum's mail: `List-Unsubscribe` and `List-Unsubscribe-Post` (RFC 8058), so that a
/// member's mail program offers a one-click way out of the forum's mail.
public struct AddOutboxHeaders: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ALTER TABLE outbox ADD COLUMN headers TEXT NOT NULL DEFAULT ''").run()
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ALTER TABLE outbox DROP COLUMN headers").run()
    }
}
