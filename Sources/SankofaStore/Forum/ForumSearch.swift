import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The forum's search index (migration 014 `CreateForumSearchIndex`): one document per thread,
/// its title in the thread's language and the text of every visible post each in its own
/// language's stems (``SearchTokens``, the normalisation the catalogue's search uses), stored with
/// the thread's audience (``ForumAudience/key``). Every write of a post or thread reindexes its
/// thread inside the write's transaction (``ForumHooks``), so a hidden post's words and a moved
/// thread's old audience are gone the moment the write is.
public struct ForumSearch: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    /// PostgreSQL refuses a `tsvector` over 1 MB: a thread's body tokens are cut at this many
    /// characters (about 60,000 words, a thread of several hundred long posts), at a token's end.
    static let maximumBodyTokens = 400_000

    /// ``ForumHooks`` calls this for every change; each one may change what the thread's
    /// document holds (a post's words, a hidden post's, the audience after a move).
    public func afterWrite(_ event: ForumHooks.PostEvent) async throws {
        try await reindex(thread: event.threadID)
    }

    /// Writes the thread's document again (or removes it when the thread is gone). A change
    /// that a visitor could see (the thread is, or was, open to visitors) moves the data
    /// version, so that cached pages and searches for visitors are made again.
    public func reindex(thread id: Int) async throws {
        let before = try await sql.raw("SELECT audience FROM forum_search_documents WHERE thread_id = \(bind: id)").first()
            .map { try $0.decode(column: "audience", as: String.self) }
        let document = try await document(thread: id)
        try await remove(thread: id, indexed: before != nil)
        if let document { try await insert(document) }
        if before == ForumAudience.visitors.key || document?.audience == ForumAudience.visitors.key {
            try await DataVersion.bump(on: database)
        }
    }

    /// A category's visibility changed (category management): its threads' documents take the
    /// new audience in one statement, in the caller's transaction, so that none stays findable
    /// by readers the category no longer reaches.
    public func categoryChanged(_ categoryID: Int) async throws {
        guard let row = try await sql.raw("SELECT visibility, group_id FROM forum_categories WHERE id = \(bind: categoryID)").first(),
              let visibility = ForumVisibility(rawValue: try row.decode(column: "visibility", as: String.self)) else { return }
        let audience = ForumAudience(visibility: visibility, groupID: try row.decode(column: "group_id", as: Int?.self)).key
        try await sql.raw("""
            UPDATE forum_search_documents SET audience = \(bind: audience)
            WHERE thread_id IN (SELECT id FROM forum_threads WHERE category_id = \(bind: categoryID))
            """).run()
        try await DataVersion.bump(on: database)
    }

    /// Indexes every thread again, in batches of 200 (after a bulk import that wrote threads
    /// without the hooks, or to rebuild the index).
    public func reindexAll() async throws {
        var last = 0
        while true {
            let ids = try await sql.raw("SELECT id FROM forum_threads WHERE id > \(bind: last) ORDER BY id LIMIT 200").all()
                .map { try $0.decode(column: "id", as: Int.self) }
            guard let next = ids.last else { return }
            try await database.atomically { tx in
                for id in ids { try await ForumSearch(database: tx).reindex(thread: id) }
            }
            last = next
        }
    }

    struct Document {
        var threadID: Int
        var audience: String
        var lastPostedAt: Int
        var titleTokens: String
        var bodyTokens: String
    }

    /// The thread's document from its title and visible posts; nil when the thread is gone.
    func document(thread id: Int) async throws -> Document? {
        guard let thread = try await ForumLookup(database: database).thread(id),
              let row = try await sql.raw("SELECT last_posted_at FROM forum_threads WHERE id = \(bind: id)").first()
        else { return nil }
        let posts = try await sql.raw("""
            SELECT language, body FROM forum_posts WHERE thread_id = \(bind: id) AND hidden_at IS NULL ORDER BY number
            """).all()
        var body = ""
        for post in posts {
            let language = Language(rawValue: try post.decode(column: "language", as: String.self))
            let tokens = SearchTokens.index(try post.decode(column: "body", as: String.self), language: language)
            guard body.utf8.count + tokens.utf8.count < Self.maximumBodyTokens else { break }
            body += body.isEmpty ? tokens : " " + tokens
        }
        return Document(threadID: id, audience: thread.audience.key,
                        lastPostedAt: try row.decode(column: "last_posted_at", as: Int.self),
                        titleTokens: SearchTokens.index(thread.title, language: thread.language), bodyTokens: body)
    }

    private func remove(thread id: Int, indexed: Bool) async throws {
        guard indexed else { return }
        if isSQLite {
            try await sql.raw("DELETE FROM forum_search_fts WHERE rowid = \(bind: id)").run()
        }
        try await sql.raw("DELETE FROM forum_search_documents WHERE thread_id = \(bind: id)").run()
    }

    private func insert(_ document: Document) async throws {
        if isSQLite {
            try await sql.raw("""
                INSERT INTO forum_search_documents (thread_id, audience, last_posted_at)
                VALUES (\(bind: document.threadID), \(bind: document.audience), \(bind: document.lastPostedAt))
                """).run()
            try await sql.raw("""
                INSERT INTO forum_search_fts (rowid, title, body)
                VALUES (\(bind: document.threadID), \(bind: document.titleTokens), \(bind: document.bodyTokens))
                """).run()
        } else {
            try await sql.raw("""
                INSERT INTO forum_search_documents (thread_id, audience, last_posted_at, tsv)
                VALUES (\(bind: document.threadID), \(bind: document.audience), \(bind: document.lastPostedAt),
                  setweight(to_tsvector('simple', \(bind: document.titleTokens)), 'A')
                  || setweight(to_tsvector('simple', \(bind: document.bodyTokens)), 'D'))
                """).run()
        }
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }
    var isSQLite: Bool { sql.dialect.name == "sqlite" }
}
