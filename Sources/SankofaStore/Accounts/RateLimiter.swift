import Fluent
import SQLKit

/// Sliding-window counters in the database, so a limit holds across nodes.
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

    /// Counts one hit on `bucket`; nil when allowed, else the seconds to wait. The count is a
    /// sliding window: this window's hits plus the previous window's, weighted by how much of it
    /// still lies within the last `window` seconds, so crossing a window boundary neither resets
    /// a limit nor allows a double burst.
    public func hit(_ bucket: String, _ limit: Limit, now: Int) async throws -> Int? {
        let start = now - now % limit.window
        let key = String(bucket.prefix(200))
        let row = try await sql.raw("""
            INSERT INTO rate_limits (bucket, window_start, hits) VALUES (\(bind: key), \(bind: start), 1)
            ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + 1
            RETURNING hits
            """).first()
        let hits = try row?.decode(column: "hits", as: Int.self) ?? 1
        // Over the limit on this window's hits alone: no need to read the previous window.
        if hits > limit.hits { return max(1, start + limit.window - now) }
        let previous = try await sql.raw("""
            SELECT hits FROM rate_limits WHERE bucket = \(bind: key) AND window_start = \(bind: start - limit.window)
            """).first()?.decode(column: "hits", as: Int.self) ?? 0
        let remaining = Double(limit.window - (now - start)) / Double(limit.window)
        let estimate = Double(hits) + Double(previous) * remaining
        return estimate > Double(limit.hits) ? max(1, start + limit.window - now) : nil
    }

    /// Old windows are of no use; called now and then.
    public func prune(before: Int) async throws {
        try await sql.raw("DELETE FROM rate_limits WHERE window_start < \(bind: before)").run()
    }
}
