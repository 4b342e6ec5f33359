import Fluent
import SQLKit

/// 013: a member's claim of a profile an editor made waits here (`profile_claims`) until an editor
/// or a focal point of the profile's country confirms it; before, a verified address alone linked
/// the profile to the account at once. One claim a profile and one a member; a decided claim
/// leaves the table (the audit log keeps the decision).
public struct CreateProfileClaims: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let uuid = sql.dialect.name == "sqlite" ? "BLOB" : "UUID"
        try await sql.raw("""
            CREATE TABLE profile_claims (
              expert_id \(unsafeRaw: uuid) PRIMARY KEY REFERENCES experts (id) ON DELETE CASCADE,
              user_id \(unsafeRaw: uuid) NOT NULL UNIQUE REFERENCES users (id) ON DELETE CASCADE,
              requested_at BIGINT NOT NULL)
            """).run()
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP TABLE profile_claims").run()
    }
}
