import Fluent
import Foundation
import SankofaCore
import SQLKit

/// What the forum's Atom feeds list: the latest threads of categories open to visitors, and
/// nothing else, whoever asks (a feed reader has no session). Each thread with its opening post
/// (not hidden) as the entry's summary.
public struct ForumFeeds: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    public struct Entry: Sendable, Equatable {
        public var threadID: Int
        public var title: String
        public var language: Language
        public var author: String?
        public var createdAt: Int
        public var updatedAt: Int
        public var summary: String
    }

    /// The `limit` threads last posted in, of category `categoryID` or of every category open to
    /// visitors; only categories open to visitors count, whatever `categoryID` says.
    public func latest(categoryID: Int? = nil, limit: Int = 30) async throws -> [Entry] {
        let only: SQLQueryString = categoryID.map { "AND c.id = \(bind: $0)" } ?? ""
        return try await sql.raw("""
            SELECT t.id, t.title, t.language, t.created_at, t.last_posted_at, m.display_name,
                   (SELECT p.body FROM forum_posts p WHERE p.thread_id = t.id AND p.number = 1 AND p.hidden_at IS NULL) AS body
            FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
            LEFT JOIN forum_members m ON m.user_id = t.author_id
            WHERE c.visibility = 'visitors' \(only)
            ORDER BY t.last_posted_at DESC, t.id DESC LIMIT \(literal: max(1, min(limit, 100)))
            """).all().map { row in
            Entry(threadID: try row.decode(column: "id", as: Int.self), title: try row.decode(column: "title", as: String.self),
                  language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
                  author: try row.decode(column: "display_name", as: String?.self),
                  createdAt: try row.decode(column: "created_at", as: Int.self),
                  updatedAt: try row.decode(column: "last_posted_at", as: Int.self),
                  summary: String((try row.decode(column: "body", as: String?.self) ?? "").prefix(500)))
        }
    }
}
