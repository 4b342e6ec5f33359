import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The moderators' actions on posts and threads. Each one, in one transaction: the change, its
/// audit line (with the moderator's reason), the author's notification (`.moderation`, the reason
/// as its detail), and ``ForumHooks/afterWrite(_:on:)`` so that search and feeds reflect it. The
/// caller has checked the permission (``AccessPolicy``) on what ``ForumLookup`` read.
public struct ForumModeration: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    /// Who acts, why, and the audit line the web layer wrote for it.
    public struct Act: Sendable {
        public var moderatorID: UUID?
        public var reason: String
        public var audit: AuditLog.Entry
        public var now: Int

        public init(moderatorID: UUID?, reason: String, audit: AuditLog.Entry, now: Int) {
            self.moderatorID = moderatorID
            self.reason = reason
            self.audit = audit
            self.now = now
        }
    }

    public enum Refusal: Error, Sendable, Equatable {
        /// Into or out of a working group's category: it would publish a private discussion or
        /// hide a public one inside a group.
        case acrossGroups
        /// Nothing to do: already in that state, or the record is gone.
        case unchanged
    }

    /// Hides a post (its open flags are agreed with), or shows it again.
    public func setHidden(_ post: ForumLookup.PostAccess, hidden: Bool, _ act: Act) async throws {
        try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            let changed = try await sql.raw(hidden ? """
                UPDATE forum_posts SET hidden_at = \(bind: act.now), hidden_by = \(bind: act.moderatorID), hidden_reason = \(bind: act.reason)
                WHERE id = \(bind: post.postID) AND hidden_at IS NULL RETURNING id
                """ : """
                UPDATE forum_posts SET hidden_at = NULL, hidden_by = NULL, hidden_reason = NULL
                WHERE id = \(bind: post.postID) AND hidden_at IS NOT NULL RETURNING id
                """).first() != nil
            guard changed else { throw Refusal.unchanged }
            if hidden { try await ForumFlags(database: tx).resolve(postID: post.postID, resolution: .agreed, by: act.moderatorID, now: act.now) }
            try await Self.finish(act, author: post.authorID, threadID: post.thread.threadID, postID: post.postID,
                                  groupID: post.thread.groupID, change: hidden ? .hidden : .restored, on: tx)
        }
    }

    /// Dismisses a post's open flags: the moderator finds nothing wrong. The author is not told:
    /// they were never told of the flags either.
    public func dismissFlags(_ post: ForumLookup.PostAccess, _ act: Act) async throws {
        try await database.atomically { tx in
            guard try await ForumFlags(database: tx).resolve(postID: post.postID, resolution: .dismissed, by: act.moderatorID, now: act.now) > 0
            else { throw Refusal.unchanged }
            try await AuditLog(database: tx).record(act.audit)
        }
    }

    /// What a moderator may change about a thread.
    public enum ThreadState: String, CaseIterable, Sendable {
        case lock, unlock, pin, unpin, close, reopen

        var assignment: String {
            switch self {
            case .lock: "locked = TRUE"
            case .unlock: "locked = FALSE"
            case .pin: "pinned = TRUE"
            case .unpin: "pinned = FALSE"
            case .close: "closed = TRUE"
            case .reopen: "closed = FALSE"
            }
        }

        /// Whether the thread is already so.
        func holds(_ thread: ForumLookup.ThreadAccess) -> Bool {
            switch self {
            case .lock: thread.locked
            case .unlock: !thread.locked
            case .pin: thread.pinned
            case .unpin: !thread.pinned
            case .close: thread.closed
            case .reopen: !thread.closed
            }
        }
    }

    public func setState(_ thread: ForumLookup.ThreadAccess, _ state: ThreadState, _ act: Act) async throws {
        guard !state.holds(thread) else { throw Refusal.unchanged }
        try await database.atomically { tx in
            try await (tx as! any SQLDatabase).raw("""
                UPDATE forum_threads SET \(unsafeRaw: state.assignment) WHERE id = \(bind: thread.threadID)
                """).run()
            try await Self.finish(act, author: thread.authorID, threadID: thread.threadID, postID: nil,
                                  groupID: thread.groupID, change: .threadStateChanged, on: tx)
        }
    }

    /// Moves a thread to another category. Both must be open to visitors or members, or both of
    /// the same working group.
    public func move(_ thread: ForumLookup.ThreadAccess, to target: (id: Int, visibility: ForumVisibility, groupID: Int?),
                     _ act: Act) async throws {
        guard target.id != thread.categoryID else { throw Refusal.unchanged }
        guard Self.mayMove(from: (thread.visibility, thread.groupID), to: (target.visibility, target.groupID)) else {
            throw Refusal.acrossGroups
        }
        try await database.atomically { tx in
            try await (tx as! any SQLDatabase).raw("""
                UPDATE forum_threads SET category_id = \(bind: target.id) WHERE id = \(bind: thread.threadID)
                """).run()
            try await Self.finish(act, author: thread.authorID, threadID: thread.threadID, postID: nil,
                                  groupID: target.groupID, change: .moved, on: tx)
        }
    }

    public static func mayMove(from: (ForumVisibility, Int?), to: (ForumVisibility, Int?)) -> Bool {
        switch (from.0 == .group, to.0 == .group) {
        case (false, false): true
        case (true, true): from.1 != nil && from.1 == to.1
        default: false
        }
    }

    /// The audit line, the author's notification (not when moderators act on their own posts) and
    /// the hooks, inside the action's transaction. A thread's events name its first post.
    static func finish(_ act: Act, author: UUID?, threadID: Int, postID: Int?, groupID: Int?,
                       change: ForumHooks.Change, on tx: any Database) async throws {
        try await AuditLog(database: tx).record(act.audit)
        // Visitors' cached pages show the thread as it was: they are read again.
        try await DataVersion.bump(on: tx)
        if let author, author != act.moderatorID {
            try await Notifications(database: tx).add(.init(userID: author, kind: .moderation, actorID: act.moderatorID,
                                                            threadID: threadID, postID: postID, groupID: groupID,
                                                            detail: act.reason, now: act.now))
        }
        let firstPost = try await (tx as! any SQLDatabase).raw("""
            SELECT id FROM forum_posts WHERE thread_id = \(bind: threadID) ORDER BY number LIMIT 1
            """).first()?.decode(column: "id", as: Int.self)
        guard let eventPost = postID ?? firstPost else { return }
        try await ForumHooks.afterWrite(.init(change: change, postID: eventPost, threadID: threadID, actorID: act.moderatorID,
                                              now: act.now), on: tx)
    }
}
