import Fluent
import Foundation
import SQLKit

/// 015: the secret that signs each member's link to the exchange calendar's iCal feed (a calendar
/// program has no session). A secret of its own, so that the feed's links and the mail's
/// unsubscribe links are never worth anything for each other.
public struct AddCalendarSecret: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("INSERT INTO site_secrets (name, value) VALUES ('calendar', \(bind: SiteSecrets.random()))").run()
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DELETE FROM site_secrets WHERE name = 'calendar'").run()
    }
}
