import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Lists of threads: of one category or of every category the reader may read, pinned first then
/// the most recently posted in, with the reader's unread markers.
public struct ForumThreads: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    public struct Filter: Sendable, Equatable {
        public var category: Int?
        public var language: Language?
        /// Threads nobody replied to yet.
        public var unanswered = false
        /// Threads this member started or posted in.
        public var mine: UUID?

        public init(category: Int? = nil, language: Language? = nil, unanswered: Bool = false, mine: UUID? = nil) {
            self.category = category
            self.language = language
            self.unanswered = unanswered
            self.mine = mine
        }
    }

    public struct Summary: Sendable, Equatable {
        public var id: Int
        public var title: String
        public var language: Language
        public var categoryID: Int
        public var authorID: UUID?
        public var createdAt: Int
        public var lastPostedAt: Int
        public var postCount: Int
        public var pinned: Bool
        public var locked: Bool
        public var closed: Bool
        /// Posts the member has not read in a thread they opened before; nil when none or unknown.
        public var unread: Int?
        /// Started since the member's last visit and not opened yet.
        public var isNew = false
    }

    /// Page `page` (from 1) of the threads `filter` leaves among those `reader` may read, and
    /// how many there are. `member` (the reader's forum row) marks unread and new threads.
    public func list(_ filter: Filter, for reader: ForumReader, member: ForumMembers.Member?,
                     page: Int, perPage: Int) async throws -> (threads: [Summary], total: Int) {
        var conditions: [SQLQueryString] = [ForumCategories.readable(reader, category: "c")]
        if let category = filter.category { conditions.append("t.category_id = \(bind: category)") }
        if let language = filter.language { conditions.append("t.language = \(bind: language.rawValue)") }
        if filter.unanswered { conditions.append("t.post_count = 1") }
        if let mine = filter.mine {
            // The member's posts through their index (one member writes in few of many threads).
            conditions.append("(t.author_id = \(bind: mine) OR t.id IN (SELECT p.thread_id FROM forum_posts p WHERE p.author_id = \(bind: mine)))")
        }
        let condition = conditions.joined(separator: " AND ")
        let total = try await sql.raw("""
            SELECT COUNT(*) AS n FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id WHERE \(condition)
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        let offset = max(0, page - 1) * perPage
        let rows = try await sql.raw("""
            SELECT t.id, t.title, t.language, t.category_id, t.author_id, t.created_at, t.last_posted_at, t.post_count,
                   t.pinned, t.locked, t.closed
            FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id WHERE \(condition)
            ORDER BY t.pinned DESC, t.last_posted_at DESC, t.id DESC LIMIT \(unsafeRaw: String(perPage)) OFFSET \(unsafeRaw: String(offset))
            """).all()
        var threads = try rows.map(Self.summary)
        if let member { try await mark(&threads, for: member) }
        return (threads, total)
    }

    /// Unread counts from the member's places in these threads; threads never opened that were
    /// started since the member's last visit are new.
    private func mark(_ threads: inout [Summary], for member: ForumMembers.Member) async throws {
        guard !threads.isEmpty else { return }
        let places = try await ForumReads(database: database).places(of: member.userID, in: threads.map(\.id))
        for index in threads.indices {
            let thread = threads[index]
            if let place = places[thread.id] {
                threads[index].unread = thread.postCount > place ? thread.postCount - place : nil
            } else if thread.authorID != member.userID, let since = member.previousVisitAt {
                threads[index].isNew = thread.createdAt > since
            }
        }
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }

    static func summary(_ row: any SQLRow) throws -> Summary {
        Summary(id: try row.decode(column: "id", as: Int.self), title: try row.decode(column: "title", as: String.self),
                language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
                categoryID: try row.decode(column: "category_id", as: Int.self),
                authorID: try row.decode(column: "author_id", as: UUID?.self),
                createdAt: try row.decode(column: "created_at", as: Int.self),
                lastPostedAt: try row.decode(column: "last_posted_at", as: Int.self),
                postCount: try row.decode(column: "post_count", as: Int.self),
                pinned: try row.decode(column: "pinned", as: Bool.self),
                locked: try row.decode(column: "locked", as: Bool.self),
                closed: try row.decode(column: "closed", as: Bool.self))
    }
}

/// Each member's place in each thread: the highest post number they have seen.
public struct ForumReads: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    /// Thread id → last post number read, for the threads of a list.
    public func places(of userID: UUID, in threadIDs: [Int]) async throws -> [Int: Int] {
        guard !threadIDs.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT thread_id, last_read_number FROM forum_reads WHERE user_id = \(bind: userID) AND thread_id IN (\(binds: threadIDs))
            """).all()
        return Dictionary(try rows.map { (try $0.decode(column: "thread_id", as: Int.self), try $0.decode(column: "last_read_number", as: Int.self)) },
                          uniquingKeysWith: max)
    }

    public func place(of userID: UUID, in threadID: Int) async throws -> Int? {
        try await places(of: userID, in: [threadID])[threadID]
    }

    /// The member has seen posts up to `number`; a place never moves back.
    public func markRead(_ userID: UUID, thread threadID: Int, upTo number: Int) async throws {
        try await sql.raw("""
            INSERT INTO forum_reads (user_id, thread_id, last_read_number) VALUES (\(bind: userID), \(bind: threadID), \(bind: number))
            ON CONFLICT (user_id, thread_id) DO UPDATE SET last_read_number = \(bind: number)
            WHERE forum_reads.last_read_number < \(bind: number)
            """).run()
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }
}
