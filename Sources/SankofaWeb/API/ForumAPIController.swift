import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `/api/v1/forum/...`: the forum's categories open to visitors, their threads and posts, in JSON.
///
/// Every request is answered as a visitor's, whoever sends it: a members' or a group's category,
/// thread or post is a 404 even with a signed-in session cookie. The API is the forum's public,
/// cacheable face (the page cache keeps visitors' answers until the data version moves, and
/// clients and proxies may keep them too); an answer that depended on a session could reach
/// someone else through any of those caches, and members read the rest on the pages.
struct ForumAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.apiForumCategories, use: categories)
        routes.get(.apiForumThreads, use: threads)
        routes.get(.apiForumThread, use: thread)
    }

    /// Always a visitor, never the request's actor (see above).
    static let reader = ForumReader(actor: .visitor)

    func categories(_ request: Request) async throws -> Response {
        let language = try PracticesAPIController.language(try QueryParameters(request))
        let base = request.application.settings.baseURL
        let categories = try await ForumCategories(database: request.db).list(for: Self.reader, language: language)
        return try await ForumCategoryListDTO(items: categories.map { ForumCategoryDTO($0, language: language, baseURL: base) })
            .encodeResponse(for: request)
    }

    func threads(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request)
        let language = try PracticesAPIController.language(query)
        let page = try PracticeParameters.number(query, "page", range: 1...PracticeParameters.maxPage) ?? 1
        let perPage = try PracticeParameters.number(query, "perPage", range: 1...100) ?? 20
        guard let slug = request.parameters.get("category"),
              let category = try await ForumCategories(database: request.db).find(slug: slug, for: Self.reader, language: language)
        else { throw Abort(.notFound) }
        let list = try await ForumThreads(database: request.db).list(.init(category: category.id), for: Self.reader, member: nil,
                                                                     page: page, perPage: perPage)
        let base = request.application.settings.baseURL
        return try await ForumThreadListDTO(
            category: category.slug, total: list.total, page: page, perPage: perPage,
            pages: Pagination.count(total: list.total, perPage: perPage),
            items: list.threads.map { ForumThreadSummaryDTO($0, language: language, baseURL: base) }
        ).encodeResponse(for: request)
    }

    func thread(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request)
        let language = try PracticesAPIController.language(query)
        let page = try PracticeParameters.number(query, "page", range: 1...PracticeParameters.maxPage) ?? 1
        guard let id = request.parameters.get("thread").flatMap(Int.init), id > 0,
              let thread = try await ForumLookup(database: request.db).thread(id),
              Self.reader.reads(thread.visibility, groupID: thread.groupID)
        else { throw Abort(.notFound) }
        let perPage = ForumPosts.perPage
        let posts = try await ForumPosts(database: request.db).page(of: id, page: page, perPage: perPage).filter { !$0.hidden }
        let authors = try await ForumMembers(database: request.db).named(posts.compactMap(\.authorID))
        let base = request.application.settings.baseURL
        let items = posts.map { post in
            ForumThreadDTO.Post(
                id: post.id, number: post.number, language: post.language.rawValue,
                author: post.authorID.flatMap { authors[$0] }.map { .init(handle: $0.handle, name: $0.displayName) },
                createdAt: ForumDTOTime.iso(post.createdAt), editedAt: post.editedAt.map(ForumDTOTime.iso),
                quoteOf: post.quoteOf, markdown: post.body, html: ForumMarkdown.html(post.body))
        }
        return try await ForumThreadDTO(
            id: thread.threadID, title: thread.title, language: thread.language.rawValue, category: thread.categorySlug,
            posts: thread.postCount, pinned: thread.pinned, locked: thread.locked, closed: thread.closed,
            page: page, perPage: perPage, pages: Pagination.count(total: thread.postCount, perPage: perPage),
            url: base + SiteURL.forumThread(language, thread: thread.threadID).path, items: items
        ).encodeResponse(for: request)
    }
}
