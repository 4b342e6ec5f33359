import Fluent
import Foundation
import SankofaCore
import SQLKit

/// What every forum permission needs to know about a record: the category it lives in (its
/// visibility and group) and the thread's state. One indexed read, used by every controller
/// before it shows or changes a thread, a post or an attachment.
public struct ForumLookup: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    public struct ThreadAccess: Sendable, Equatable {
        public var threadID: Int
        public var title: String
        public var language: Language
        public var authorID: UUID?
        public var categoryID: Int
        public var categorySlug: String
        public var visibility: ForumVisibility
        public var groupID: Int?
        public var pinned: Bool
        public var locked: Bool
        public var closed: Bool
        public var postCount: Int

        /// Replies are open: neither locked nor closed.
        public var isOpen: Bool { !locked && !closed }
        public var audience: ForumAudience { ForumAudience(visibility: visibility, groupID: groupID) }
    }

    public struct PostAccess: Sendable, Equatable {
        public var postID: Int
        public var number: Int
        public var authorID: UUID?
        public var hidden: Bool
        public var thread: ThreadAccess
    }

    public func thread(_ id: Int) async throws -> ThreadAccess? {
        try await sql.raw("""
            SELECT \(unsafeRaw: Self.threadColumns) FROM forum_threads t
            JOIN forum_categories c ON c.id = t.category_id WHERE t.id = \(bind: id)
            """).first().flatMap(Self.threadAccess)
    }

    public func post(_ id: Int) async throws -> PostAccess? {
        guard let row = try await sql.raw("""
            SELECT p.id AS post_id, p.number, p.author_id AS post_author_id, p.hidden_at, \(unsafeRaw: Self.threadColumns)
            FROM forum_posts p JOIN forum_threads t ON t.id = p.thread_id
            JOIN forum_categories c ON c.id = t.category_id WHERE p.id = \(bind: id)
            """).first(), let thread = try Self.threadAccess(row) else { return nil }
        return PostAccess(postID: try row.decode(column: "post_id", as: Int.self),
                          number: try row.decode(column: "number", as: Int.self),
                          authorID: try row.decode(column: "post_author_id", as: UUID?.self),
                          hidden: try row.decode(column: "hidden_at", as: Int?.self) != nil,
                          thread: thread)
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }

    static let threadColumns = """
        t.id AS thread_id, t.title, t.language, t.author_id, t.category_id, c.slug AS category_slug,
        c.visibility, c.group_id, t.pinned, t.locked, t.closed, t.post_count
        """

    static func threadAccess(_ row: any SQLRow) throws -> ThreadAccess? {
        guard let visibility = ForumVisibility(rawValue: try row.decode(column: "visibility", as: String.self)) else { return nil }
        return ThreadAccess(
            threadID: try row.decode(column: "thread_id", as: Int.self),
            title: try row.decode(column: "title", as: String.self),
            language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
            authorID: try row.decode(column: "author_id", as: UUID?.self),
            categoryID: try row.decode(column: "category_id", as: Int.self),
            categorySlug: try row.decode(column: "category_slug", as: String.self),
            visibility: visibility,
            groupID: try row.decode(column: "group_id", as: Int?.self),
            pinned: try row.decode(column: "pinned", as: Bool.self),
            locked: try row.decode(column: "locked", as: Bool.self),
            closed: try row.decode(column: "closed", as: Bool.self),
            postCount: try row.decode(column: "post_count", as: Int.self))
    }
}
