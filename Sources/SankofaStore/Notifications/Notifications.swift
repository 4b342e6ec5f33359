import Fluent
import Foundation
import SankofaCore
import SQLKit

/// In-app notifications: one row per person told of something (a reply, a mention, an invitation,
/// a moderation action). Writers call ``add(_:)`` inside their own transaction, so a notification
/// exists exactly when the thing it tells of does. Every read filters by what the person may read
/// *now* (``readable``): someone who left a group neither sees nor counts nor receives by e-mail
/// anything of it, with no clean-up to run when they leave.
public struct Notifications: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    public struct New: Sendable, Equatable {
        public var userID: UUID
        public var kind: NotificationKind
        public var actorID: UUID?
        public var threadID: Int?
        public var postID: Int?
        public var groupID: Int?
        /// The cooperation cycle's notices point at a request or an exchange.
        public var requestID: Int?
        public var exchangeID: Int?
        /// A short text shown with the notification (a group's name, a moderator's reason).
        public var detail: String
        public var now: Int

        public init(userID: UUID, kind: NotificationKind, actorID: UUID? = nil, threadID: Int? = nil, postID: Int? = nil,
                    groupID: Int? = nil, requestID: Int? = nil, exchangeID: Int? = nil, detail: String = "", now: Int) {
            self.userID = userID
            self.kind = kind
            self.actorID = actorID
            self.threadID = threadID
            self.postID = postID
            self.groupID = groupID
            self.requestID = requestID
            self.exchangeID = exchangeID
            self.detail = detail
            self.now = now
        }
    }

    public func add(_ n: New) async throws {
        try await sql.raw("""
            INSERT INTO notifications (user_id, kind, actor_id, thread_id, post_id, group_id, request_id, exchange_id, detail, created_at)
            VALUES (\(bind: n.userID), \(bind: n.kind.rawValue), \(bind: n.actorID), \(bind: n.threadID), \(bind: n.postID),
                    \(bind: n.groupID), \(bind: n.requestID), \(bind: n.exchangeID), \(bind: String(n.detail.prefix(2000))), \(bind: n.now))
            """).run()
    }

    /// Whether notification `n` may reach its person now: a notification about a thread only while
    /// the thread's category is open to them (a group's: while they are an active member), and
    /// about a post only while it is not hidden (its author still hears of the moderation), and about
    /// a request sent back to draft by its requester only (a draft is theirs alone).
    /// Expects `n` joined to `forum_threads t`, `forum_categories c`, `forum_posts p` and `requests rq` (LEFT JOINs).
    static let readable = """
        (n.thread_id IS NULL OR (c.visibility <> 'group' OR EXISTS (SELECT 1 FROM forum_group_members gm
            WHERE gm.group_id = c.group_id AND gm.user_id = n.user_id AND gm.state = 'active')))
        AND (n.post_id IS NULL OR p.hidden_at IS NULL OR n.kind = 'moderation')
        AND (n.request_id IS NULL OR rq.status <> 'draft' OR rq.requester_id = n.user_id)
        """
    static let joins = """
        LEFT JOIN forum_threads t ON t.id = n.thread_id LEFT JOIN forum_categories c ON c.id = t.category_id
        LEFT JOIN forum_posts p ON p.id = n.post_id LEFT JOIN requests rq ON rq.id = n.request_id
        """

    /// The header's figure: unread notifications the person may still read (notifications_user_idx).
    public func unreadCount(for userID: UUID) async throws -> Int {
        try await sql.raw("""
            SELECT COUNT(*) AS n FROM notifications n \(unsafeRaw: Self.joins)
            WHERE n.user_id = \(bind: userID) AND n.read_at IS NULL AND \(unsafeRaw: Self.readable)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
    }

    public func markRead(id: Int, userID: UUID, now: Int) async throws {
        try await sql.raw("""
            UPDATE notifications SET read_at = \(bind: now) WHERE id = \(bind: id) AND user_id = \(bind: userID) AND read_at IS NULL
            """).run()
    }

    public func markAllRead(userID: UUID, now: Int) async throws {
        try await sql.raw("UPDATE notifications SET read_at = \(bind: now) WHERE user_id = \(bind: userID) AND read_at IS NULL").run()
    }
}
