import Fluent
import Foundation
import SankofaCore
import SQLKit

extension ForumGroups {
    /// A group category as the group's page lists it, named in the reader's language.
    public struct CategoryEntry: Sendable, Equatable {
        public var id: Int
        public var slug: String
        public var name: String
        public var description: String
        public var threadCount: Int
    }

    /// A thread of the group's latest.
    public struct ThreadEntry: Sendable, Equatable {
        public var id: Int
        public var title: String
        public var language: Language
        public var categorySlug: String
        public var lastPostedAt: Int
        public var postCount: Int
    }

    /// The group's categories in their order, named in `language` (English, then any, when the
    /// category has no name in it). Only for the group's active members: the caller asks first.
    public func categories(of groupID: Int, in language: Language) async throws -> [CategoryEntry] {
        try await sql.raw("""
            SELECT c.id, c.slug,
              COALESCE(tl.name, te.name, (SELECT MIN(name) FROM forum_category_texts WHERE category_id = c.id), c.slug) AS name,
              COALESCE(tl.description, te.description, '') AS description,
              (SELECT COUNT(*) FROM forum_threads t WHERE t.category_id = c.id) AS threads
            FROM forum_categories c
            LEFT JOIN forum_category_texts tl ON tl.category_id = c.id AND tl.language = \(bind: language.rawValue)
            LEFT JOIN forum_category_texts te ON te.category_id = c.id AND te.language = 'en'
            WHERE c.group_id = \(bind: groupID) ORDER BY c.position, c.id
            """).all().map { row in
            CategoryEntry(id: try row.decode(column: "id", as: Int.self), slug: try row.decode(column: "slug", as: String.self),
                          name: try row.decode(column: "name", as: String.self),
                          description: try row.decode(column: "description", as: String.self),
                          threadCount: try row.decode(column: "threads", as: Int.self))
        }
    }

    /// The group's threads, most recently active first. Only for the group's active members.
    public func latestThreads(of groupID: Int, limit: Int = 10) async throws -> [ThreadEntry] {
        try await sql.raw("""
            SELECT t.id, t.title, t.language, c.slug, t.last_posted_at, t.post_count
            FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id
            WHERE c.group_id = \(bind: groupID) ORDER BY t.last_posted_at DESC, t.id DESC LIMIT \(literal: limit)
            """).all().map { row in
            ThreadEntry(id: try row.decode(column: "id", as: Int.self), title: try row.decode(column: "title", as: String.self),
                        language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
                        categorySlug: try row.decode(column: "slug", as: String.self),
                        lastPostedAt: try row.decode(column: "last_posted_at", as: Int.self),
                        postCount: try row.decode(column: "post_count", as: Int.self))
        }
    }
}
