import FluentKit
import SQLKit

/// What `/metrics` reads from the database when it is scraped, rather than counting in memory:
/// the outbox and the forum's digests are shared by every node (any node's sender may send a
/// message, any node's loop may build a digest), so only the tables tell the whole site's state,
/// and a restarted node does not start again from zero. Two aggregate reads, once a scrape.
public struct OperationsCounts: Sendable, Equatable {
    /// Messages not sent and not given up on: the backlog the senders still have to send.
    public var outboxWaiting = 0
    /// Of those, the ones whose last attempt failed (they wait for their retry).
    public var outboxFailing = 0
    /// Messages the senders gave up on (refused for good, too old, or their link expired), as
    /// long as the outbox keeps them (`SANKOFA_MAIL_RETENTION_DAYS`).
    public var outboxGivenUp = 0
    /// Failed attempts recorded on the messages the outbox keeps.
    public var outboxFailedAttempts = 0
    /// Forum digests queued to the outbox, one per member and period, by period kind.
    public var digestsDaily = 0
    public var digestsWeekly = 0

    public init() {}

    public static func read(on database: any Database) async throws -> OperationsCounts {
        let sql = database as! any SQLDatabase
        var counts = OperationsCounts()
        if let row = try await sql.raw("""
            SELECT COALESCE(SUM(CASE WHEN sent_at IS NULL AND given_up_at IS NULL THEN 1 ELSE 0 END), 0) AS waiting,
                   COALESCE(SUM(CASE WHEN sent_at IS NULL AND given_up_at IS NULL AND attempts > 0 THEN 1 ELSE 0 END), 0) AS failing,
                   COALESCE(SUM(CASE WHEN given_up_at IS NOT NULL THEN 1 ELSE 0 END), 0) AS given_up,
                   COALESCE(SUM(attempts), 0) AS attempts
            FROM outbox
            """).first() {
            counts.outboxWaiting = try row.decode(column: "waiting", as: Int.self)
            counts.outboxFailing = try row.decode(column: "failing", as: Int.self)
            counts.outboxGivenUp = try row.decode(column: "given_up", as: Int.self)
            counts.outboxFailedAttempts = try row.decode(column: "attempts", as: Int.self)
        }
        // The period key starts with its kind (`daily:2026-12-07`, `weekly:2026-W50`).
        if let row = try await sql.raw("""
            SELECT COALESCE(SUM(CASE WHEN period LIKE 'daily:%' THEN 1 ELSE 0 END), 0) AS daily,
                   COALESCE(SUM(CASE WHEN period LIKE 'weekly:%' THEN 1 ELSE 0 END), 0) AS weekly
            FROM forum_digests
            """).first() {
            counts.digestsDaily = try row.decode(column: "daily", as: Int.self)
            counts.digestsWeekly = try row.decode(column: "weekly", as: Int.self)
        }
        return counts
    }
}
