import Fluent
import SQLKit

/// 015: a key that names an exchange across databases (`sankofa export|import exchanges`), as a
/// slug names a practice: an exchange gets one the first time it is exported (or when imported),
/// so importing the same file again updates it instead of adding a copy. Null until then.
public struct AddExchangeTransferKeys: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE exchanges ADD COLUMN transfer_key VARCHAR(64)").run()
        try await sql.raw("CREATE UNIQUE INDEX exchanges_transfer_key_idx ON exchanges (transfer_key)").run()
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX exchanges_transfer_key_idx").run()
        try await sql.raw("ALTER TABLE exchanges DROP COLUMN transfer_key").run()
    }
}
