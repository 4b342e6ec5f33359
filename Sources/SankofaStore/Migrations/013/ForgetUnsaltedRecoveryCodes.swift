import Fluent
import SQLKit

/// 013: recovery codes are now stored as bcrypt hashes (salted and slow, ASVS 6.5.2). The codes
/// stored before were unsalted SHA-256 digests, which cannot be turned into those without the
/// codes themselves: they are deleted. People with two-step sign-in keep their authenticator and
/// make new codes on the two-step page, which says that none are left.
public struct ForgetUnsaltedRecoveryCodes: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DELETE FROM recovery_codes WHERE code_hash NOT LIKE '$2%'").run()
    }

    /// The deleted digests are gone; the earlier code reads bcrypt hashes as digests that never
    /// match, so it needs nothing back.
    public func revert(on database: any Database) async throws {}
}
