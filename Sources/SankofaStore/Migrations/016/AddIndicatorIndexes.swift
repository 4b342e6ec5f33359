import Fluent
import SQLKit

/// 016: covering indexes for the indicators of outcomes 1 and 2 (`Indicators+Capacity*`,
/// `Indicators+Exchanges*`). Exchanges, outcome reports and follow-ups carry their words as JSON
/// in the same rows, so scanning the rows to count them reads every record; these indexes hold
/// just the columns the aggregates read (held exchanges by status first), so that each indicator
/// reads indexes only: with 10,000 exchanges this is what keeps computing all of them uncached
/// under 200 ms (scripts/bench-indicators). `id` closes the lists for PostgreSQL's index-only
/// scans (SQLite's rowid is in every index anyway).
public struct AddIndicatorIndexes: AsyncMigration {
    public init() {}

    static let indexes: [(name: String, table: String, columns: String)] = [
        ("exchanges_indicators_idx", "exchanges", "status, starts_on, scope, triangular, themes, pillars, request_id, id"),
        ("exchange_parties_indicators_idx", "exchange_parties", "exchange_id, side, country"),
        ("outcome_reports_indicators_idx", "outcome_reports",
         "exchange_id, side, participants, women, men, unspecified, adapted_practice, id"),
        ("outcome_follow_ups_indicators_idx", "outcome_follow_ups", "report_id, filed_at, adopted_count"),
        ("contributions_indicators_idx", "contributions", "exchange_id, given_on, kind, currency, amount_milli, contributor_country"),
    ]

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON \(unsafeRaw: index.table) (\(unsafeRaw: index.columns))").run()
        }
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes.reversed() { try await sql.raw("DROP INDEX \(unsafeRaw: index.name)").run() }
    }
}
