import Fluent
import Foundation
import SQLKit

/// The API's request counts in the shared `rate_limits` table (the one ``RateLimiter`` uses), so
/// that every node sees every node's requests. Written in batches, not a row per request: a node
/// adds what it counted since its last flush, for all its buckets in one statement a few hundred
/// at a time, and learns each bucket's total across the nodes in the same round trip.
public struct APIRateCounts: Sendable {
    let sql: any SQLDatabase

    public init(database: any Database) {
        sql = database as! any SQLDatabase
    }

    /// Adds `hits` (bucket → requests) to the window starting at `windowStart`; returns each
    /// bucket's total for that window, every node's hits included.
    public func add(_ hits: [String: Int], windowStart: Int) async throws -> [String: Int] {
        var totals: [String: Int] = [:]
        let rows = hits.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        for start in stride(from: 0, to: rows.count, by: 300) {
            let values = SQLList(rows[start..<min(start + 300, rows.count)].map { bucket, count in
                SQLGroupExpression([SQLBind(String(bucket.prefix(200))), SQLBind(windowStart), SQLBind(count)])
            })
            for row in try await sql.raw("""
                INSERT INTO rate_limits (bucket, window_start, hits) VALUES \(values)
                ON CONFLICT (bucket, window_start) DO UPDATE SET hits = rate_limits.hits + excluded.hits
                RETURNING bucket, hits
                """).all() {
                totals[try row.decode(column: "bucket", as: String.self)] = try row.decode(column: "hits", as: Int.self)
            }
        }
        return totals
    }
}
