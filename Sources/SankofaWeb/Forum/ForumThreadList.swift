import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// A list of threads as the forum's home and category pages show it: the filters (language,
/// unanswered, mine), the rows with the member's unread and new markers, and the pages.
struct ForumThreadList: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var title: String
        var href: String
        var lang: String
        var dir: String
        var category: String?
        var categoryHref: String?
        var meta: String
        var pinned: Bool
        var closed: Bool
        var unread: String?
        var isNew: Bool
    }

    struct Choice: Encodable, Sendable { var value: String; var label: String; var selected: Bool }

    var action: String
    var languages: [Choice]
    var unanswered: Bool
    var mine: Bool
    /// Only members have threads of their own to filter on.
    var offersMine: Bool
    /// The member whose threads are listed (`?by=handle`, where a mention leads).
    var by: String?
    var rows: [Row]
    var empty: String?
    var pagination: Pagination

    static let perPage = 30

    /// The list of `category` (all readable categories when nil), filtered by the query.
    static func load(_ request: Request, _ language: Language, category: ForumCategories.Category?,
                     categoryNames: [Int: (name: String, slug: String)] = [:], base: String) async throws -> ForumThreadList {
        let query = try QueryParameters(request)
        let reader = try await request.forumReader()
        let member = try await request.forumMember()
        let page = min(max(1, query.first("page").flatMap(Int.init) ?? 1), 100_000)
        var filter = ForumThreads.Filter(category: category?.id)
        filter.language = query.first("language").flatMap(Language.init(rawValue:))
        filter.unanswered = query.first("unanswered") == "1"
        let mine = query.first("mine") == "1" && member != nil
        if mine { filter.mine = member?.userID }
        // `?by=` says nothing the reader's own pages do not: an unknown handle lists nothing, like
        // one whose threads the reader may not read, and the name is shown only beside threads of
        // theirs the reader sees (else a visitor could test handles for who belongs to the site).
        var byMember: ForumMembers.Member?, byNobody = false
        if let handle = query.first("by"), !mine, ForumHandle.isValid(handle) {
            byMember = try await ForumMembers(database: request.db).byHandles([handle]).values.first
            filter.mine = byMember?.userID
            byNobody = byMember == nil
        }
        var (threads, total): ([ForumThreads.Summary], Int) = ([], 0)
        if !byNobody {
            (threads, total) = try await ForumThreads(database: request.db).list(filter, for: reader, member: member,
                                                                                  page: page, perPage: perPage)
        }
        let by = total == 0 ? nil : byMember.map { request.t("forum.filter.by", language, ["name": $0.displayName]) }
        let rows = threads.map { thread in
            let named = categoryNames[thread.categoryID]
            let replies = thread.postCount - 1
            let meta = request.t("forum.list.meta", language, [
                "replies": request.application.catalogs.plural("forum.count.replies", count: replies, language),
                "date": DateFormatting.longDate(Date(timeIntervalSince1970: TimeInterval(thread.lastPostedAt)), language),
            ])
            return Row(title: thread.title, href: SiteURL.forumThread(language, thread: thread.id).path,
                       lang: thread.language.rawValue, dir: thread.language.direction,
                       category: named?.name, categoryHref: named.map { SiteURL.forumCategory(language, slug: $0.slug).path },
                       meta: meta, pinned: thread.pinned, closed: thread.closed || thread.locked,
                       unread: thread.unread.map { request.t("forum.list.unread", language, ["count": NumberFormatting.integer($0, language)]) },
                       isNew: thread.isNew)
        }
        return ForumThreadList(
            action: base,
            languages: [Choice(value: "", label: request.t("forum.filter.anyLanguage", language), selected: filter.language == nil)]
                + Language.displayOrder.map { Choice(value: $0.rawValue, label: $0.nativeName, selected: filter.language == $0) },
            unanswered: filter.unanswered, mine: mine, offersMine: member != nil, by: by, rows: rows,
            empty: rows.isEmpty ? request.t("forum.list.empty", language) : nil,
            pagination: Pagination(page: page, perPage: perPage, total: total, base: base, query: query, language: language, request: request))
    }
}
