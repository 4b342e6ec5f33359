import Fluent
import SQLKit

/// 016: the directory indicator counts the profiles an audience may see by whether each is a
/// focal point and when it was created; this index gives both from a profile's id without
/// reading its row (which holds the whole record as JSON). A planner with statistics takes it
/// (PostgreSQL, SQLite once analysed).
public struct IndexExpertsForIndicators: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("CREATE INDEX experts_indicator_idx ON experts (id, focal_point_for, created_at)").run()
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX experts_indicator_idx").run()
    }
}
