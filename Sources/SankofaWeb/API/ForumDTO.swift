import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The forum in JSON (`/api/v1/forum/...`): categories open to visitors, their threads, a
/// thread's posts. Times are ISO 8601 in UTC; `url` is the thread's or category's page.
struct ForumCategoryDTO: Content {
    struct Latest: Content {
        var id: Int
        var title: String
        var language: String
        var postedAt: String
    }

    var slug: String
    var kind: String
    /// The name and description in the language asked for (`lang`), else English, else the first
    /// written; `language` says which.
    var name: String
    var description: String
    var language: String
    var threads: Int
    var posts: Int
    var latest: Latest?
    var url: String
    var threadsURL: String

    init(_ category: ForumCategories.Category, language: Language, baseURL: String) {
        slug = category.slug
        kind = category.kind.rawValue
        name = category.name
        description = category.description
        self.language = category.textLanguage.rawValue
        threads = category.threadCount
        posts = category.postCount
        latest = category.latest.map { Latest(id: $0.threadID, title: $0.title, language: $0.language.rawValue, postedAt: ForumDTOTime.iso($0.postedAt)) }
        url = baseURL + SiteURL.forumCategory(language, slug: category.slug).path
        threadsURL = baseURL + SiteURL.apiForumThreads(slug: category.slug).path
    }
}

struct ForumCategoryListDTO: Content {
    var items: [ForumCategoryDTO]
}

struct ForumThreadSummaryDTO: Content {
    var id: Int
    var title: String
    var language: String
    var createdAt: String
    var lastPostedAt: String
    var posts: Int
    var pinned: Bool
    var locked: Bool
    var closed: Bool
    var url: String
    var apiURL: String

    init(_ thread: ForumThreads.Summary, language: Language, baseURL: String) {
        id = thread.id
        title = thread.title
        self.language = thread.language.rawValue
        createdAt = ForumDTOTime.iso(thread.createdAt)
        lastPostedAt = ForumDTOTime.iso(thread.lastPostedAt)
        posts = thread.postCount
        pinned = thread.pinned
        locked = thread.locked
        closed = thread.closed
        url = baseURL + SiteURL.forumThread(language, thread: thread.id).path
        apiURL = baseURL + SiteURL.apiForumThread(id: thread.id).path
    }
}

struct ForumThreadListDTO: Content {
    var category: String
    var total: Int
    var page: Int
    var perPage: Int
    var pages: Int
    var items: [ForumThreadSummaryDTO]
}

/// A thread and one page of its posts. Each post carries its Markdown source (`markdown`) and
/// the HTML the thread page shows (`html`): rendered by the same safe renderer (raw HTML
/// dropped, links only http(s) and the site's paths), so a client needs no Markdown parser and
/// gets nothing the page would not show. Hidden posts are left out; their numbers stay unused.
struct ForumThreadDTO: Content {
    struct Author: Content {
        var handle: String
        var name: String
    }

    struct Post: Content {
        var id: Int
        var number: Int
        var language: String
        var author: Author?
        var createdAt: String
        var editedAt: String?
        var quoteOf: Int?
        var markdown: String
        var html: String
    }

    var id: Int
    var title: String
    var language: String
    var category: String
    var posts: Int
    var pinned: Bool
    var locked: Bool
    var closed: Bool
    var page: Int
    var perPage: Int
    var pages: Int
    var url: String
    var items: [Post]
}

enum ForumDTOTime {
    /// Seconds since 1970 as ISO 8601 in UTC (`2026-12-07T12:00:00Z`).
    static func iso(_ seconds: Int) -> String {
        Date(timeIntervalSince1970: TimeInterval(seconds)).formatted(.iso8601)
    }
}
