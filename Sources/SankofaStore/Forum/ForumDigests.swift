import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The forum's mail: each notification on its own for members who chose `immediate`
/// (ForumDigests+Immediate), and a daily or weekly digest for the others. Digests are built in
/// batches of ``batchSize`` members, one transaction each; a member's digest is the row
/// (period, member) in `forum_digests` and its outbox message, written together. That row's
/// primary key is the claim: a restart resumes with the members not yet done, and two nodes
/// building at once never queue a member's digest twice (the outbox's own claim then sends each
/// message once). Only notifications the member may still read go in; all are marked mailed.
public struct ForumDigests: Sendable {
    public let database: any Database
    public let links: ForumMailLinks
    public var catalogs = Catalogs.bundled
    public var batchSize = 200
    /// At most this many notifications are listed in one digest; the rest are counted.
    public var shown = 30

    public init(database: any Database, links: ForumMailLinks) {
        self.database = database
        self.links = links
    }

    public enum Kind: String, Sendable, CaseIterable { case daily, weekly }

    /// `daily:2026-12-07` or `weekly:2026-W50` (ISO week, UTC): the day or week `now` is in.
    public struct Period: Sendable, Equatable {
        public var kind: Kind
        public var key: String

        public init(_ kind: Kind, at now: Int) {
            var calendar = Calendar(identifier: .iso8601)
            calendar.timeZone = TimeZone(identifier: "UTC")!
            let date = Date(timeIntervalSince1970: TimeInterval(now))
            self.kind = kind
            switch kind {
            case .daily:
                let c = calendar.dateComponents([.year, .month, .day], from: date)
                key = String(format: "daily:%04d-%02d-%02d", c.year!, c.month!, c.day!)
            case .weekly:
                let c = calendar.dateComponents([.yearForWeekOfYear, .weekOfYear], from: date)
                key = String(format: "weekly:%04d-W%02d", c.yearForWeekOfYear!, c.weekOfYear!)
            }
        }
    }

    /// Builds the digests of `period` still to build; returns how many members were done (with
    /// or without a message) by this call. `stopAfter` batches is for tests of a restart.
    @discardableResult
    public func build(_ period: Period, now: Int, stopAfter batches: Int = .max) async throws -> Int {
        var done = 0, batch = 0
        while batch < batches {
            batch += 1
            let count = try await database.atomically { tx in
                try await on(tx).buildBatch(period, now: now)
            }
            if count.considered == 0 { break }
            done += count.claimed
        }
        return done
    }

    /// The same builder working in transaction `tx`.
    func on(_ tx: any Database) -> ForumDigests {
        var copy = ForumDigests(database: tx, links: links)
        copy.catalogs = catalogs
        copy.batchSize = batchSize
        copy.shown = shown
        return copy
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// The next members of the period's mode without a digest of it and with mail waiting.
    private func buildBatch(_ period: Period, now: Int) async throws -> (considered: Int, claimed: Int) {
        // On PostgreSQL builders on several nodes share the work: each takes members the others
        // have not locked (the claim below still decides); SQLite has one writer at a time.
        let skipLocked = sql.dialect.name == "postgresql" ? "FOR UPDATE OF m SKIP LOCKED" : ""
        let members = try await sql.raw("""
            SELECT m.user_id, u.email, u.name, u.language FROM forum_members m JOIN users u ON u.id = m.user_id
            WHERE m.email_mode = \(bind: period.kind.rawValue) AND u.status = 'active'
              AND EXISTS (SELECT 1 FROM notifications n WHERE n.user_id = m.user_id AND n.mailed_at IS NULL)
              AND NOT EXISTS (SELECT 1 FROM forum_digests d WHERE d.period = \(bind: period.key) AND d.user_id = m.user_id)
            ORDER BY m.user_id LIMIT \(literal: batchSize) \(unsafeRaw: skipLocked)
            """).all().map(Self.recipient)
        var claimed = 0
        for member in members {
            // The claim: nothing when another builder has this member's digest (PostgreSQL waits
            // for its transaction, then finds the row).
            let won = try await sql.raw("""
                INSERT INTO forum_digests (period, user_id, queued_at) VALUES (\(bind: period.key), \(bind: member.userID), \(bind: now))
                ON CONFLICT DO NOTHING RETURNING user_id
                """).first() != nil
            guard won else { continue }
            claimed += 1
            let notifications = Notifications(database: database)
            let pending = try await notifications.unmailed(for: member.userID, limit: shown)
            try await notifications.markMailed(userID: member.userID, upTo: pending.lastID, now: now)
            guard !pending.items.isEmpty else { continue }
            try await Outbox(database: database).queue(
                ForumMailText.digest(pending.items, total: pending.total, period: period, to: member, links: links, catalogs: catalogs), now: now)
        }
        return (members.count, claimed)
    }

    static func recipient(_ row: any SQLRow) throws -> ForumMailText.Recipient {
        ForumMailText.Recipient(userID: try row.decode(column: "user_id", as: UUID.self), email: try row.decode(column: "email", as: String.self),
                                name: try row.decode(column: "name", as: String.self),
                                language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en)
    }
}
