import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Who hears of a new post, decided in the post's own transaction (called from
/// ``ForumHooks/afterWrite(_:on:)``): the members it mentions, the author of the post it quotes,
/// the thread's author, and those who watch the thread or its category. Never the writer, never
/// anyone who may not read the thread at that moment, and one notification per person per post,
/// of the strongest kind (mention, then quote, reply, watched thread, watched category). Muting
/// the thread or category silences all but mentions and quotes. One INSERT … SELECT does it, so a
/// post in a group of a thousand members costs one statement, not a thousand.
public struct ForumFanOut: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    public func afterWrite(_ event: ForumHooks.PostEvent) async throws {
        guard event.change == .created, let post = try await ForumLookup(database: database).post(event.postID),
              let writer = post.authorID,
              let row = try await sql.raw("SELECT body, quote_of FROM forum_posts WHERE id = \(bind: event.postID)").first()
        else { return }
        try await ForumWatches(database: database).watchAsWriter(writer, thread: post.thread.threadID)
        let handles = ForumMarkdown.mentions(in: try row.decode(column: "body", as: String.self)).map { $0.lowercased() }
        let quoteOf = try row.decode(column: "quote_of", as: Int?.self)
        try await notify(post: post, writer: writer, handles: handles, quoteOf: quoteOf, now: event.now)
    }

    private func notify(post: ForumLookup.PostAccess, writer: UUID, handles: [String], quoteOf: Int?, now: Int) async throws {
        let thread = post.thread
        var sources: [SQLQueryString] = [
            "SELECT author_id AS user_id, 3 AS strength FROM forum_threads WHERE id = \(bind: thread.threadID)",
            """
            SELECT user_id, 4 AS strength FROM forum_watches
            WHERE target_kind = 'thread' AND target_id = \(bind: thread.threadID) AND level = 'watching'
            """,
            """
            SELECT user_id, 5 AS strength FROM forum_watches
            WHERE target_kind = 'category' AND target_id = \(bind: thread.categoryID) AND level = 'watching'
            """,
        ]
        if !handles.isEmpty {
            sources.append("SELECT user_id, 1 AS strength FROM forum_members WHERE handle IN (\(binds: handles))")
        }
        if let quoteOf {
            sources.append("SELECT author_id AS user_id, 2 AS strength FROM forum_posts WHERE id = \(bind: quoteOf)")
        }
        // Who may read the thread now: an active account, and for a group's category an active
        // member of the group (the same rule as AccessPolicy's forum read).
        let readers: SQLQueryString = thread.visibility == .group
            ? """
              AND EXISTS (SELECT 1 FROM forum_group_members gm WHERE gm.group_id = \(bind: thread.groupID ?? -1)
                          AND gm.user_id = cand.user_id AND gm.state = 'active')
              """
            : ""
        try await sql.raw("""
            INSERT INTO notifications (user_id, kind, actor_id, thread_id, post_id, group_id, detail, created_at)
            SELECT cand.user_id, CASE MIN(cand.strength) WHEN 1 THEN 'mention' WHEN 2 THEN 'quote' WHEN 3 THEN 'reply'
                                 WHEN 4 THEN 'watchedThread' ELSE 'watchedCategory' END,
                   \(bind: writer), \(bind: thread.threadID), \(bind: post.postID), \(bind: thread.groupID), '', \(bind: now)
            FROM (\(sources.joined(separator: " UNION ALL "))) cand
            JOIN users u ON u.id = cand.user_id AND u.status = 'active'
            WHERE cand.user_id <> \(bind: writer) \(readers)
              AND (cand.strength <= 2 OR NOT EXISTS (SELECT 1 FROM forum_watches mw WHERE mw.user_id = cand.user_id AND mw.level = 'muted'
                   AND ((mw.target_kind = 'thread' AND mw.target_id = \(bind: thread.threadID))
                     OR (mw.target_kind = 'category' AND mw.target_id = \(bind: thread.categoryID)))))
            GROUP BY cand.user_id
            """).run()
    }
}
