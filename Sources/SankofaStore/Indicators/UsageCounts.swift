import Fluent
import Foundation
import SankofaCore
import SQLKit

/// What is counted of the platform's use, for the indicators of outcome 3.
public enum UsageMetric: String, CaseIterable, Codable, Sendable {
    /// A Handbook file (PDF, EPUB) served to a reader.
    case handbookDownload = "handbook-download"
    /// A search made on the search page or through the search API.
    case search
}

/// One cell of the usage tally: a metric, a UTC day ("YYYY-MM-DD") and the interface language.
/// Nothing else is ever kept with a count: no person, no address, no query text.
public struct UsageKey: Hashable, Sendable, Comparable {
    public var metric: UsageMetric
    public var day: String
    public var language: Language

    public init(metric: UsageMetric, day: String, language: Language) {
        self.metric = metric
        self.day = day
        self.language = language
    }

    public static func < (a: UsageKey, b: UsageKey) -> Bool {
        (a.metric.rawValue, a.day, a.language.rawValue) < (b.metric.rawValue, b.day, b.language.rawValue)
    }
}

/// The `usage_counts` table (migration 016): counts by metric, day and language, each node adding
/// what it tallied since its last flush.
public struct UsageCounts: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    /// Adds `counts` to the stored ones: an upsert that adds (`count + excluded.count`) on both
    /// engines, so that nodes flushing at the same moment add up instead of overwriting each
    /// other. Rows go in key order, so that two flushes on PostgreSQL lock the rows they share in
    /// the same order and never wait for each other in a cycle.
    public func add(_ counts: [UsageKey: Int]) async throws {
        let rows = counts.filter { $0.value > 0 }.sorted { $0.key < $1.key }
        // Four values a row: far below either engine's limit on parameters.
        for start in stride(from: 0, to: rows.count, by: 500) {
            let values: [SQLQueryString] = rows[start..<min(start + 500, rows.count)].map { key, n in
                "(\(bind: key.metric.rawValue), \(bind: key.day), \(bind: key.language.rawValue), \(bind: n))"
            }
            try await sql.raw("""
                INSERT INTO usage_counts (metric, day, language, count) VALUES \(values.joined(separator: ", "))
                ON CONFLICT (metric, day, language) DO UPDATE SET count = usage_counts.count + excluded.count
                """).run()
        }
    }

    /// Every stored count of `metric`, by day and language.
    public func counts(_ metric: UsageMetric) async throws -> [UsageKey: Int] {
        var counts: [UsageKey: Int] = [:]
        for row in try await sql.raw("""
            SELECT day, language, count FROM usage_counts WHERE metric = \(bind: metric.rawValue)
            """).all() {
            guard let language = Language(rawValue: try row.decode(column: "language", as: String.self)) else { continue }
            counts[UsageKey(metric: metric, day: try row.decode(column: "day", as: String.self), language: language)] =
                try row.decode(column: "count", as: Int.self)
        }
        return counts
    }
}
