import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The search page's forum section: the threads matching the words among those the reader may
/// read (``ForumReader/audienceKeys``, filtered by the index itself, so the count is of readable
/// threads only), 10 at a time, paged by `forumPage` apart from the other results. Absent when
/// the search is narrowed to kinds of records (`type`), which threads are not.
struct ForumSearchSection: Encodable, Sendable {
    struct Hit: Encodable, Sendable {
        var href: String
        var title: String
        var lang: String
        var dir: String
        var category: String
        var posts: String
        var snippetHTML: String
    }

    var heading: String
    var summary: String
    var hits: [Hit]
    var previousHref: String?
    var nextHref: String?

    static let perPage = 10

    /// The section for `parameters`' words, or nil when there is nothing to show.
    static func make(_ parameters: SearchParameters, query: QueryParameters, language: Language,
                     request: Request) async throws -> ForumSearchSection? {
        let terms = parameters.request.terms
        guard !terms.isEmpty, parameters.request.kinds.isEmpty else { return nil }
        let page = try PracticeParameters.number(query, "forumPage", range: 1...PracticeParameters.maxPage) ?? 1
        let reader = try await request.forumReader()
        let results = try await ForumSearch(database: request.db).search(
            .init(query: parameters.request.query, audienceKeys: reader.audienceKeys, page: page, perPage: perPage, language: language))
        guard results.total > 0 else { return nil }
        let catalogs = request.application.catalogs
        let base = SiteURL.search(language).path
        func link(_ number: Int) -> String {
            let rest = query.replacing("forumPage", with: number == 1 ? [] : [String(number)])
            return rest.isEmpty ? base : "\(base)?\(rest)"
        }
        let pages = Pagination.count(total: results.total, perPage: perPage)
        return ForumSearchSection(
            heading: request.t("forum.search.heading", language),
            summary: catalogs.plural("forum.search.count", count: results.total, language),
            hits: results.hits.map { hit in
                Hit(href: SiteURL.forumThread(language, thread: hit.threadID).path, title: hit.title,
                    lang: hit.language.rawValue, dir: hit.language.direction, category: hit.categoryName,
                    posts: catalogs.plural("forum.search.posts", count: hit.postCount, language),
                    snippetHTML: Snippet.html(Snippet.make(hit.excerptSource, terms: terms)))
            },
            previousHref: page > 1 ? link(min(page - 1, pages)) : nil,
            nextHref: page < pages ? link(page + 1) : nil)
    }
}
