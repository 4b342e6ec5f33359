import Fluent
import SQLKit

/// Denied requests that do not each get an audit line, counted per hour, route pattern and
/// actor (none for visitors). The table stays small (a row per route and hour that saw any) and,
/// unlike the audit log, may be pruned.
public struct DeniedRequests: Sendable {
    let sql: any SQLDatabase

    public init(database: any Database) {
        sql = database as! any SQLDatabase
    }

    public struct Count: Sendable, Equatable {
        public var hour: Int
        public var route: String
        /// Empty for visitors.
        public var actor: String
        public var hits: Int
    }

    public func count(route: String, actor: String = "", now: Int) async throws {
        try await sql.raw("""
            INSERT INTO denied_requests (hour, route, actor, hits)
            VALUES (\(bind: now - now % 3600), \(bind: String(route.prefix(200))), \(bind: String(actor.prefix(320))), 1)
            ON CONFLICT (hour, route, actor) DO UPDATE SET hits = denied_requests.hits + 1
            """).run()
    }

    /// Newest hour first, the most denied first within an hour.
    public func counts(limit: Int = 200) async throws -> [Count] {
        try await sql.raw("SELECT * FROM denied_requests ORDER BY hour DESC, hits DESC, route LIMIT \(literal: limit)").all().map { row in
            Count(hour: try row.decode(column: "hour", as: Int.self), route: try row.decode(column: "route", as: String.self),
                  actor: try row.decode(column: "actor", as: String.self), hits: try row.decode(column: "hits", as: Int.self))
        }
    }

    public func prune(before: Int) async throws {
        try await sql.raw("DELETE FROM denied_requests WHERE hour < \(bind: before)").run()
    }
}
