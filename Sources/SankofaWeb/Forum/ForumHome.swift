import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `forum/home`: the categories grouped as general, by theme and by region, each with its
/// counts and latest thread, then the latest threads of every category with the filters.
struct ForumHome: Encodable, Sendable {
    struct Section: Encodable, Sendable {
        var label: String
        var categories: [ForumCategoryRow]
    }

    var heading: String
    var intro: String
    var sections: [Section]
    var list: ForumThreadList
    /// The list's pages, where `shared/pagination` looks for them.
    var pagination: Pagination
}

/// A category as the home page lists it.
struct ForumCategoryRow: Encodable, Sendable {
    var name: String
    var href: String
    var description: String
    var lang: String
    var dir: String
    var counts: String
    var latestTitle: String?
    var latestHref: String?
    var latestLang: String?
    var latestDir: String?
    var latestDate: String?
    var isPrivate: Bool

    init(_ category: ForumCategories.Category, _ request: Request, _ language: Language) {
        name = category.name
        href = SiteURL.forumCategory(language, slug: category.slug).path
        description = category.description
        lang = category.textLanguage.rawValue
        dir = category.textLanguage.direction
        counts = request.t("forum.category.counts", language, [
            "threads": request.application.catalogs.plural("forum.count.threads", count: category.threadCount, language),
            "posts": request.application.catalogs.plural("forum.count.posts", count: category.postCount, language),
        ])
        latestTitle = category.latest?.title
        latestHref = category.latest.map { SiteURL.forumThread(language, thread: $0.threadID).path }
        latestLang = category.latest?.language.rawValue
        latestDir = category.latest?.language.direction
        latestDate = category.latest.map { DateFormatting.longDate(Date(timeIntervalSince1970: TimeInterval($0.postedAt)), language) }
        isPrivate = category.visibility == .group
    }
}
