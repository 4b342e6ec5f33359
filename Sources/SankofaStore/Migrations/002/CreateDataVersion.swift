import Fluent
import SQLKit

/// 003: a counter bumped by every write to public data, so every node can tell whether a page
/// it rendered earlier is still current (the rendered-page cache) with one cheap query.
public struct CreateDataVersion: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE TABLE data_version (name VARCHAR(40) PRIMARY KEY, version BIGINT NOT NULL)").run()
        try await sql.raw("INSERT INTO data_version (name, version) VALUES ('public', 0)").run()
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP TABLE data_version").run()
    }
}

/// The version of the public data; see ``CreateDataVersion``.
public enum DataVersion {
    public static func current(on database: any Database) async throws -> Int {
        let row = try await (database as! any SQLDatabase).raw("SELECT version FROM data_version WHERE name = 'public'").first()
        return try row?.decode(column: "version", as: Int.self) ?? 0
    }

    /// Called inside the writing transaction, so readers never see new data under an old version.
    public static func bump(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("UPDATE data_version SET version = version + 1 WHERE name = 'public'").run()
    }
}
