import Fluent
import Foundation
import SQLKit

/// Comments between editors and the author of a practice.
public struct Comments: Sendable {
    let sql: any SQLDatabase

    public init(database: any Database) {
        sql = database as! any SQLDatabase
    }

    public struct Comment: Sendable {
        public var at: Int
        public var authorName: String?
        public var body: String
    }

    public func add(_ body: String, practiceID: UUID, authorID: UUID?, now: Int) async throws {
        try await sql.raw("""
            INSERT INTO practice_comments (practice_id, at, author_id, body) VALUES (\(bind: practiceID), \(bind: now), \(bind: authorID), \(bind: body))
            """).run()
    }

    public func list(_ practiceID: UUID) async throws -> [Comment] {
        try await sql.raw("""
            SELECT c.at, c.body, u.name AS author_name FROM practice_comments c LEFT JOIN users u ON u.id = c.author_id
            WHERE c.practice_id = \(bind: practiceID) ORDER BY c.id
            """).all().map { Comment(at: try $0.decode(column: "at", as: Int.self), authorName: try $0.decode(column: "author_name", as: String?.self),
                                     body: try $0.decode(column: "body", as: String.self)) }
    }
}
