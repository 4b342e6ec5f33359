import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The moderators' queue: posts with open flags in the categories of a ``ForumFlags/Scope``,
/// oldest flag first, each with its thread, its reasons counted and the flaggers' notes.
extension ForumFlags {
    public struct QueueItem: Sendable, Equatable {
        public var postID: Int
        public var number: Int
        public var threadID: Int
        public var threadTitle: String
        public var authorID: UUID?
        public var authorName: String?
        public var body: String
        public var language: Language
        public var hidden: Bool
        public var flagCount: Int
        /// Each reason given, with how many gave it, most given first.
        public var reasons: [(reason: FlagReason, count: Int)]
        public var notes: [String]

        public static func == (a: QueueItem, b: QueueItem) -> Bool {
            a.postID == b.postID && a.flagCount == b.flagCount && a.hidden == b.hidden
        }
    }

    /// One page of the queue, and how many posts it holds in all.
    public func queue(_ scope: Scope, limit: Int, offset: Int) async throws -> (items: [QueueItem], total: Int) {
        let from = """
            FROM forum_flags f JOIN forum_posts p ON p.id = f.post_id JOIN forum_threads t ON t.id = p.thread_id
            JOIN forum_categories c ON c.id = t.category_id WHERE f.resolved_at IS NULL AND \(scope.condition)
            """
        let total = try await sql.raw("SELECT COUNT(DISTINCT f.post_id) AS n \(unsafeRaw: from)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let posts = try await sql.raw("""
            SELECT f.post_id, MIN(f.created_at) AS first_flag \(unsafeRaw: from)
            GROUP BY f.post_id ORDER BY first_flag, f.post_id LIMIT \(literal: max(0, limit)) OFFSET \(literal: max(0, offset))
            """).all().map { try $0.decode(column: "post_id", as: Int.self) }
        return (try await items(postIDs: posts), total)
    }

    /// The posts `postIDs` as the queue shows them, with their open flags (none for a post no one
    /// flagged, which a moderator may still hide), in the order given.
    public func items(postIDs posts: [Int]) async throws -> [QueueItem] {
        guard !posts.isEmpty else { return [] }
        let ids = posts.map(String.init).joined(separator: ", ")
        let rows = try await sql.raw("""
            SELECT p.id, p.number, p.thread_id, t.title, p.author_id, m.display_name, p.body, p.language, p.hidden_at,
                   f.reason, f.note
            FROM forum_posts p JOIN forum_threads t ON t.id = p.thread_id
            LEFT JOIN forum_flags f ON f.post_id = p.id AND f.resolved_at IS NULL
            LEFT JOIN forum_members m ON m.user_id = p.author_id
            WHERE p.id IN (\(unsafeRaw: ids)) ORDER BY f.created_at
            """).all()
        var items: [Int: QueueItem] = [:]
        var reasons: [Int: [FlagReason: Int]] = [:]
        for row in rows {
            let id = try row.decode(column: "id", as: Int.self)
            if items[id] == nil {
                items[id] = QueueItem(
                    postID: id, number: try row.decode(column: "number", as: Int.self),
                    threadID: try row.decode(column: "thread_id", as: Int.self),
                    threadTitle: try row.decode(column: "title", as: String.self),
                    authorID: try row.decode(column: "author_id", as: UUID?.self),
                    authorName: try row.decode(column: "display_name", as: String?.self),
                    body: try row.decode(column: "body", as: String.self),
                    language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
                    hidden: try row.decode(column: "hidden_at", as: Int?.self) != nil,
                    flagCount: 0, reasons: [], notes: [])
            }
            guard let raw = try row.decode(column: "reason", as: String?.self) else { continue }
            items[id]?.flagCount += 1
            reasons[id, default: [:]][FlagReason(rawValue: raw) ?? .other, default: 0] += 1
            let note = try row.decode(column: "note", as: String?.self) ?? ""
            if !note.isEmpty { items[id]?.notes.append(note) }
        }
        return posts.compactMap { id in
            guard var item = items[id] else { return nil }
            item.reasons = (reasons[id] ?? [:]).map { ($0.key, $0.value) }
                .sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0.rawValue < $1.0.rawValue }
            return item
        }
    }
}
