import Fluent
import SQLKit

/// 013: denied requests counted per hour and route (`DeniedRequests`), instead of one audit line
/// each: the audit log is append-only, and anyone could fill it by asking for an admin page.
/// `actor` is empty for visitors, or the address of a member whose denials passed the number
/// the audit log keeps an hour.
public struct CountDeniedRequests: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("""
            CREATE TABLE denied_requests (
              hour BIGINT NOT NULL,
              route VARCHAR(200) NOT NULL,
              actor VARCHAR(320) NOT NULL,
              hits INTEGER NOT NULL,
              PRIMARY KEY (hour, route, actor))
            """).run()
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DROP TABLE denied_requests").run()
    }
}
