import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Reading posts: a page of a thread, one post, a post's earlier versions.
extension ForumPosts {
    public struct Revision: Sendable, Equatable {
        public var revision: Int
        public var body: String
        public var editedBy: UUID?
        public var editedAt: Int
    }

    /// Page `page` (from 1) of `threadID`'s posts, in order.
    public func page(of threadID: Int, page: Int, perPage: Int = ForumPosts.perPage) async throws -> [Post] {
        let first = max(0, page - 1) * perPage + 1
        return try await sql.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM forum_posts WHERE thread_id = \(bind: threadID)
            AND number BETWEEN \(bind: first) AND \(bind: first + perPage - 1) ORDER BY number
            """).all().map(Self.post)
    }

    public func find(_ id: Int) async throws -> Post? {
        try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM forum_posts WHERE id = \(bind: id)").first().map(Self.post)
    }

    /// Several posts by id (the posts quoted on a page).
    public func find(_ ids: [Int]) async throws -> [Int: Post] {
        guard !ids.isEmpty else { return [:] }
        let rows = try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM forum_posts WHERE id IN (\(binds: Array(Set(ids))))").all()
        return Dictionary(try rows.map(Self.post).map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The page of a thread holding post `number`.
    public static func page(of number: Int, perPage: Int = ForumPosts.perPage) -> Int { max(1, (number - 1) / perPage + 1) }

    /// The post's earlier versions, the latest first.
    public func revisions(of postID: Int) async throws -> [Revision] {
        try await sql.raw("""
            SELECT revision, body, edited_by, edited_at FROM forum_post_revisions WHERE post_id = \(bind: postID) ORDER BY revision DESC
            """).all().map { row in
            Revision(revision: try row.decode(column: "revision", as: Int.self), body: try row.decode(column: "body", as: String.self),
                     editedBy: try row.decode(column: "edited_by", as: UUID?.self), editedAt: try row.decode(column: "edited_at", as: Int.self))
        }
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }

    static let columns = "id, thread_id, number, author_id, language, body, created_at, edited_at, edit_count, quote_of, hidden_at"

    static func post(_ row: any SQLRow) throws -> Post {
        Post(id: try row.decode(column: "id", as: Int.self), threadID: try row.decode(column: "thread_id", as: Int.self),
             number: try row.decode(column: "number", as: Int.self), authorID: try row.decode(column: "author_id", as: UUID?.self),
             language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
             body: try row.decode(column: "body", as: String.self), createdAt: try row.decode(column: "created_at", as: Int.self),
             editedAt: try row.decode(column: "edited_at", as: Int?.self), editCount: try row.decode(column: "edit_count", as: Int.self),
             quoteOf: try row.decode(column: "quote_of", as: Int?.self), hidden: try row.decode(column: "hidden_at", as: Int?.self) != nil)
    }
}
