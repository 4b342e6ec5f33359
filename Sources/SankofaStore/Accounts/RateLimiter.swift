import Fluent
import SQLKit

/// Fixed-window counters in the database, so a limit holds across nodes.
public struct RateLimiter: Sendable {
    let sql: any SQLDatabase

    public init(database: any Database) {
        sql = database as! any SQLDatabase
    }

    public struct Limit: Sendable {
        public var hits: Int
        public var window: Int

        public init(_ hits: Int, per window: Int) {
            self.hits = hits
            self.window = window
        }
    }

    /// Counts one hit on `bucket`; nil when allowed, else the seconds until the window ends.
    public func hit(_ bucket: String, _ limit: Limit, now: Int) async throws -> Int? {
        let start = now - now % limit.window
        let row = try await sql.raw("""
            INSERT INTO rate_limits (bucket, window_start, hits) VALUES (\(bind: String(bucket.prefix(200))), \(bind: start), 1)
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
            RETURNING hits
            """).first()
        let hits = try row?.decode(column: "hits", as: Int.self) ?? 1
        return hits > limit.hits ? max(1, start + limit.window - now) : nil
    }

    /// Old windows are of no use; called now and then.
    public func prune(before: Int) async throws {
        try await sql.raw("DELETE FROM rate_limits WHERE window_start < \(bind: before)").run()
    }
}
