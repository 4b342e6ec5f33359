import Fluent
import Foundation
import SQLKit

/// 014: secrets the site signs links with (the forum mail's unsubscribe links), made once, at
/// random, by this migration: every node reads the same one with nothing to configure, and a
/// restore from backup keeps the links already mailed working.
public struct CreateSiteSecrets: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE TABLE site_secrets (name VARCHAR(40) PRIMARY KEY, value VARCHAR(200) NOT NULL)").run()
        try await sql.raw("INSERT INTO site_secrets (name, value) VALUES ('unsubscribe', \(bind: SiteSecrets.random()))").run()
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP TABLE site_secrets").run()
    }
}
