import Fluent
import SQLKit

/// 013: the secret offered when a person sets up two-step sign-in is made and kept by the server
/// (`users.totp_pending_secret`) until a first code proves the authenticator holds it; before,
/// the page sent it in a hidden field and switching on took whatever secret the form carried.
public struct AddPendingTwoFactorSecret: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ALTER TABLE users ADD COLUMN totp_pending_secret VARCHAR(64)").run()
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("ALTER TABLE users DROP COLUMN totp_pending_secret").run()
    }
}
