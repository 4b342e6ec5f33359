import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Writing in the forum: a thread with its first post, a reply (perhaps quoting another post),
/// an edit that keeps the earlier version. Each write is one transaction with its hooks (search
/// document, notifications), and counts the post for its author.
/// Who may write is the controller's question (``AccessPolicy``); this type checks only that
/// what is written to still exists.
public struct ForumPosts: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    public struct Post: Sendable, Equatable {
        public var id: Int
        public var threadID: Int
        public var number: Int
        public var authorID: UUID?
        public var language: Language
        public var body: String
        public var createdAt: Int
        public var editedAt: Int?
        public var editCount: Int
        public var quoteOf: Int?
        public var hidden: Bool
    }

    public struct NewThread: Sendable {
        public var categoryID: Int
        public var title: String
        public var language: Language
        public var body: String
        public var authorID: UUID

        public init(categoryID: Int, title: String, language: Language, body: String, authorID: UUID) {
            self.categoryID = categoryID
            self.title = title
            self.language = language
            self.body = body
            self.authorID = authorID
        }
    }

    /// Posts to a page of a thread.
    public static let perPage = 20

    /// Starts a thread; returns its id and its first post's.
    public func startThread(_ new: NewThread, now: Int) async throws -> (threadID: Int, postID: Int) {
        try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            guard let row = try await sql.raw("""
                INSERT INTO forum_threads (category_id, title, language, author_id, created_at, last_posted_at, post_count, pinned, locked, closed)
                SELECT id, \(bind: new.title), \(bind: new.language.rawValue), \(bind: new.authorID), \(bind: now), \(bind: now), 1,
                       \(bind: false), \(bind: false), \(bind: false)
                FROM forum_categories WHERE id = \(bind: new.categoryID) RETURNING id
                """).first() else { throw ForumError.notFound }
            let threadID = try row.decode(column: "id", as: Int.self)
            let postID = try await Self.insertPost(thread: threadID, number: 1, author: new.authorID, language: new.language,
                                                  body: new.body, quoteOf: nil, now: now, on: sql)
            try await ForumMembers(database: tx).countPost(new.authorID, now: now, on: tx)
            try await ForumReads(database: tx).markRead(new.authorID, thread: threadID, upTo: 1)
            try await ForumHooks.afterWrite(.init(change: .created, postID: postID, threadID: threadID, actorID: new.authorID, now: now), on: tx)
            return (threadID, postID)
        }
    }

    /// Adds a post at the end of `threadID`; `quoteOf` must be a post of the same thread.
    /// Returns the new post's id and number.
    public func reply(to threadID: Int, body: String, language: Language, authorID: UUID, quoteOf: Int? = nil,
                      now: Int) async throws -> (postID: Int, number: Int) {
        try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            if let quoteOf {
                let quoted = try await sql.raw("SELECT thread_id FROM forum_posts WHERE id = \(bind: quoteOf)").first()
                guard try quoted?.decode(column: "thread_id", as: Int.self) == threadID else { throw ForumError.badQuote }
            }
            // The update takes the thread's row lock: replies at the same moment get consecutive numbers.
            guard let row = try await sql.raw("""
                UPDATE forum_threads SET post_count = post_count + 1, last_posted_at = \(bind: now)
                WHERE id = \(bind: threadID) RETURNING post_count
                """).first() else { throw ForumError.notFound }
            let number = try row.decode(column: "post_count", as: Int.self)
            let postID = try await Self.insertPost(thread: threadID, number: number, author: authorID, language: language,
                                                  body: body, quoteOf: quoteOf, now: now, on: sql)
            try await ForumMembers(database: tx).countPost(authorID, now: now, on: tx)
            try await ForumReads(database: tx).markRead(authorID, thread: threadID, upTo: number)
            try await ForumHooks.afterWrite(.init(change: .created, postID: postID, threadID: threadID, actorID: authorID, now: now), on: tx)
            return (postID, number)
        }
    }

    /// Replaces a post's body (and language), keeping the previous body as a revision; `title`
    /// renames the thread (the first post's form carries it).
    public func edit(_ postID: Int, body: String, language: Language, title: String? = nil, editorID: UUID, now: Int) async throws {
        try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            guard let row = try await sql.raw("""
                SELECT thread_id, body, edit_count FROM forum_posts WHERE id = \(bind: postID)
                """).first() else { throw ForumError.notFound }
            let previous = try row.decode(column: "body", as: String.self)
            let revision = try row.decode(column: "edit_count", as: Int.self) + 1
            let threadID = try row.decode(column: "thread_id", as: Int.self)
            try await sql.raw("""
                INSERT INTO forum_post_revisions (post_id, revision, body, edited_by, edited_at)
                VALUES (\(bind: postID), \(bind: revision), \(bind: previous), \(bind: editorID), \(bind: now))
                """).run()
            try await sql.raw("""
                UPDATE forum_posts SET body = \(bind: body), language = \(bind: language.rawValue), edited_at = \(bind: now),
                       edit_count = \(bind: revision) WHERE id = \(bind: postID)
                """).run()
            if let title {
                try await sql.raw("UPDATE forum_threads SET title = \(bind: title) WHERE id = \(bind: threadID)").run()
            }
            try await ForumHooks.afterWrite(.init(change: .edited, postID: postID, threadID: threadID, actorID: editorID, now: now), on: tx)
        }
    }

    static func insertPost(thread: Int, number: Int, author: UUID, language: Language, body: String, quoteOf: Int?,
                           now: Int, on sql: any SQLDatabase) async throws -> Int {
        guard let row = try await sql.raw("""
            INSERT INTO forum_posts (thread_id, number, author_id, language, body, created_at, edit_count, quote_of)
            VALUES (\(bind: thread), \(bind: number), \(bind: author), \(bind: language.rawValue), \(bind: body), \(bind: now), 0, \(bind: quoteOf))
            RETURNING id
            """).first() else { throw ForumError.notFound }
        return try row.decode(column: "id", as: Int.self)
    }
}
