import Fluent
import Foundation
import SankofaCore
import SQLKit

/// What the forum's mail reads of the notifications: those not mailed yet, filtered like every
/// other read by what the person may read now, and marking them mailed.
extension Notifications {
    static let itemColumns = """
        n.id, n.user_id, n.kind, n.thread_id, n.post_id, n.group_id, n.detail, n.created_at, n.read_at,
        \(cooperationColumns), \(groupSlugColumn)
        """

    /// Up to `limit` of the person's unmailed notifications they may read, newest first, how many
    /// there are, and the highest id of all their unmailed ones (readable or not), up to which a
    /// digest marks them mailed.
    func unmailed(for userID: UUID, limit: Int) async throws -> (items: [Item], total: Int, lastID: Int) {
        let lastID = try await sql.raw("""
            SELECT MAX(id) AS last FROM notifications WHERE user_id = \(bind: userID) AND mailed_at IS NULL
            """).first()?.decode(column: "last", as: Int?.self) ?? 0
        let total = try await sql.raw("""
            SELECT COUNT(*) AS n FROM notifications n \(unsafeRaw: Self.joins)
            WHERE n.user_id = \(bind: userID) AND n.mailed_at IS NULL AND n.id <= \(bind: lastID) AND \(unsafeRaw: Self.readable)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let items = try await sql.raw("""
            SELECT \(unsafeRaw: Self.itemColumns)
            FROM notifications n \(unsafeRaw: Self.joins) LEFT JOIN forum_members m ON m.user_id = n.actor_id \(unsafeRaw: Self.cooperationJoins)
            WHERE n.user_id = \(bind: userID) AND n.mailed_at IS NULL AND n.id <= \(bind: lastID) AND \(unsafeRaw: Self.readable)
            ORDER BY n.id DESC LIMIT \(literal: max(0, limit))
            """).all().compactMap(Self.item)
        return (items, total, lastID)
    }

    func markMailed(userID: UUID, upTo lastID: Int, now: Int) async throws {
        try await sql.raw("""
            UPDATE notifications SET mailed_at = \(bind: now) WHERE user_id = \(bind: userID) AND mailed_at IS NULL AND id <= \(bind: lastID)
            """).run()
    }

    /// Takes up to `limit` unmailed notifications, created since `since`, of members who want each
    /// by itself: marks them mailed and returns those the person may still read, with the person.
    /// Two nodes never take one notification twice: the UPDATE's `mailed_at IS NULL` decides.
    func takeImmediate(since: Int, limit: Int, now: Int) async throws -> [(recipient: ForumMailText.Recipient, item: Item)] {
        let candidates = try await sql.raw("""
            SELECT n.id FROM notifications n JOIN forum_members fm ON fm.user_id = n.user_id AND fm.email_mode = 'immediate'
            WHERE n.mailed_at IS NULL AND n.created_at >= \(bind: since) ORDER BY n.id LIMIT \(literal: max(0, limit))
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        guard !candidates.isEmpty else { return [] }
        let taken = try await sql.raw("""
            UPDATE notifications SET mailed_at = \(bind: now) WHERE id IN (\(binds: candidates)) AND mailed_at IS NULL RETURNING id
            """).all().map { try $0.decode(column: "id", as: Int.self) }
        guard !taken.isEmpty else { return [] }
        return try await sql.raw("""
            SELECT \(unsafeRaw: Self.itemColumns), u.email, u.name, u.language
            FROM notifications n \(unsafeRaw: Self.joins) LEFT JOIN forum_members m ON m.user_id = n.actor_id \(unsafeRaw: Self.cooperationJoins)
            JOIN users u ON u.id = n.user_id AND u.status = 'active'
            WHERE n.id IN (\(binds: taken)) AND \(unsafeRaw: Self.readable) ORDER BY n.id
            """).all().compactMap { row in
            guard let item = try Self.item(row) else { return nil }
            return (try ForumDigests.recipient(row), item)
        }
    }

    /// Notifications nobody will mail any more (older than a weekly digest reaches back, or of
    /// members who want no mail) leave the senders' index.
    func retireUnmailed(before cutoff: Int, now: Int) async throws {
        try await sql.raw("UPDATE notifications SET mailed_at = \(bind: now) WHERE mailed_at IS NULL AND created_at < \(bind: cutoff)").run()
    }
}
