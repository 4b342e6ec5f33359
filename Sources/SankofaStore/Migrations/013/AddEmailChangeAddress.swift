import Fluent
import SQLKit

/// 013: a link that changes an account's address (purpose `change`) carries the new address with
/// its token (`email_tokens.new_email`): the address changes only when its owner opens the link.
public struct AddEmailChangeAddress: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ALTER TABLE email_tokens ADD COLUMN new_email VARCHAR(320)").run()
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ALTER TABLE email_tokens DROP COLUMN new_email").run()
    }
}
