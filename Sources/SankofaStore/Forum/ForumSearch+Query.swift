import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Searching the forum: the threads matching every word of a query among those whose audience is
/// one of the reader's (``ForumReader/audienceKeys``). The audience is a condition of the
/// statement that counts and of the one that ranks, never a filter on rows already fetched: a
/// count, a page and its neighbours all see the same readable threads and no others.
extension ForumSearch {
    public struct Request: Sendable {
        public var query: String
        public var audienceKeys: [String]
        public var page: Int
        public var perPage: Int
        /// The language of the categories' names in the hits (else English, else any).
        public var language: Language

        public init(query: String, audienceKeys: [String], page: Int = 1, perPage: Int = 10, language: Language = .en) {
            self.query = query
            self.audienceKeys = audienceKeys
            self.page = page
            self.perPage = perPage
            self.language = language
        }
    }

    public struct Hit: Sendable, Equatable {
        public var threadID: Int
        public var title: String
        public var language: Language
        public var categorySlug: String
        public var categoryName: String
        public var postCount: Int
        public var lastPostedAt: Int
        /// The first visible post holding a word of the query (else the first visible post): the
        /// text a snippet is cut from.
        public var excerptSource: String
        public var score: Double
    }

    public struct Results: Sendable {
        public var total: Int
        public var hits: [Hit]
        public static let empty = Results(total: 0, hits: [])
    }

    /// One page of threads, best first (title words weigh ten times a post's), newest first on a tie.
    public func search(_ request: Request) async throws -> Results {
        let terms = SearchTokens.query(request.query)
        guard !terms.isEmpty, !request.audienceKeys.isEmpty else { return .empty }
        let audiences: SQLQueryString = "d.audience IN (\(binds: request.audienceKeys))"
        let from: SQLQueryString, score: SQLQueryString
        if isSQLite {
            // The FTS table drives (CROSS JOIN): each match's document is one primary-key read.
            from = """
                forum_search_fts f CROSS JOIN forum_search_documents d ON d.thread_id = f.rowid
                WHERE forum_search_fts MATCH \(bind: SQLiteSearchIndex.matchExpression(terms)) AND \(audiences)
                """
            score = "-bm25(forum_search_fts, 10.0, 1.0)"
        } else {
            let query = PostgresSearchIndex.tsquery(terms)
            from = "forum_search_documents d WHERE d.tsv @@ to_tsquery('simple', \(bind: query)) AND \(audiences)"
            score = "CAST(ts_rank(d.tsv, to_tsquery('simple', \(bind: query))) AS DOUBLE PRECISION)"
        }
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM \(from)").first()?.decode(column: "n", as: Int.self) ?? 0
        let offset = (request.page - 1) * request.perPage
        guard total > offset else { return Results(total: total, hits: []) }
        let ranked = try await sql.raw("""
            SELECT d.thread_id, \(score) AS score FROM \(from)
            ORDER BY score DESC, d.last_posted_at DESC, d.thread_id DESC
            LIMIT \(literal: request.perPage) OFFSET \(literal: offset)
            """).all().map { (try $0.decode(column: "thread_id", as: Int.self), try $0.decode(column: "score", as: Double.self)) }
        return Results(total: total, hits: try await hits(ranked, terms: terms, language: request.language))
    }

    /// The display fields of the ranked threads, in their order.
    private func hits(_ ranked: [(Int, Double)], terms: [SearchTokens.Term], language: Language) async throws -> [Hit] {
        guard !ranked.isEmpty else { return [] }
        let ids = ranked.map(\.0)
        var threads: [Int: Hit] = [:], categories: [Int: Int] = [:]
        for row in try await sql.raw("""
            SELECT t.id, t.title, t.language, t.post_count, t.last_posted_at, t.category_id, c.slug FROM forum_threads t
            JOIN forum_categories c ON c.id = t.category_id WHERE t.id IN (\(binds: ids))
            """).all() {
            let id = try row.decode(column: "id", as: Int.self)
            categories[id] = try row.decode(column: "category_id", as: Int.self)
            threads[id] = Hit(threadID: id, title: try row.decode(column: "title", as: String.self),
                              language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
                              categorySlug: try row.decode(column: "slug", as: String.self), categoryName: "",
                              postCount: try row.decode(column: "post_count", as: Int.self),
                              lastPostedAt: try row.decode(column: "last_posted_at", as: Int.self), excerptSource: "", score: 0)
        }
        // The excerpt: the first visible post (among the first 50 posts) in which the snippet finds a word.
        var excerpts: [Int: String] = [:], first: [Int: String] = [:]
        for row in try await sql.raw("""
            SELECT thread_id, body FROM forum_posts
            WHERE thread_id IN (\(binds: ids)) AND hidden_at IS NULL AND number <= 50 ORDER BY thread_id, number
            """).all() {
            let id = try row.decode(column: "thread_id", as: Int.self), body = try row.decode(column: "body", as: String.self)
            if first[id] == nil { first[id] = body }
            if excerpts[id] == nil, Snippet.make(body, terms: terms).contains(where: \.hit) { excerpts[id] = body }
        }
        let names = try await categoryNames(Array(Set(categories.values)), language)
        return ranked.compactMap { id, score in
            threads[id].map { hit in
                var hit = hit
                hit.categoryName = categories[id].flatMap { names[$0] } ?? hit.categorySlug
                hit.score = score
                hit.excerptSource = excerpts[id] ?? first[id] ?? ""
                return hit
            }
        }
    }

    /// Each category's name in `language`, else English, else the first language written.
    private func categoryNames(_ ids: [Int], _ language: Language) async throws -> [Int: String] {
        guard !ids.isEmpty else { return [:] }
        var names: [Int: [String: String]] = [:]
        for row in try await sql.raw("""
            SELECT category_id, language, name FROM forum_category_texts WHERE category_id IN (\(binds: ids))
            """).all() {
            names[try row.decode(column: "category_id", as: Int.self), default: [:]][try row.decode(column: "language", as: String.self)] =
                try row.decode(column: "name", as: String.self)
        }
        return names.compactMapValues { $0[language.rawValue] ?? $0["en"] ?? $0.sorted { $0.key < $1.key }.first?.value }
    }
}
