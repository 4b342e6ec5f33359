import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// Atom feeds of the forum's categories open to visitors: the whole forum's latest threads, and
/// one category's. A feed reader is a visitor: any other category's feed is a 404, as its page
/// is to a visitor, and nothing of members' or groups' categories is in the forum's feed.
struct ForumFeedController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.forumFeed, use: forum)
        routes.get(.forumCategoryFeed, use: category)
    }

    func forum(_ request: Request) async throws -> Response {
        let language = try request.language()
        let entries = try await ForumFeeds(database: request.db).latest()
        return feed(request, language, title: request.t("notification.feed.forum", language, ["site": request.t("site.name", language)]),
                    selfPath: SiteURL.forumFeed(language).path, alternatePath: SiteURL.forum(language).path, entries: entries)
    }

    func category(_ request: Request) async throws -> Response {
        let language = try request.language()
        let visitor = ForumReader(actor: .visitor)
        guard let slug = request.parameters.get("category"),
              let category = try await ForumCategories(database: request.db).find(slug: slug, for: visitor, language: language),
              category.visibility == .visitors else { throw Abort(.notFound) }
        let entries = try await ForumFeeds(database: request.db).latest(categoryID: category.id)
        return feed(request, language, title: category.name + " · " + request.t("site.name", language),
                    selfPath: SiteURL.forumCategoryFeed(language, slug: slug).path,
                    alternatePath: SiteURL.forumCategory(language, slug: slug).path, entries: entries)
    }

    private func feed(_ request: Request, _ language: Language, title: String, selfPath: String, alternatePath: String,
                      entries: [ForumFeeds.Entry]) -> Response {
        let base = request.application.settings.baseURL
        let atom = AtomFeed(
            id: base + selfPath, title: title, language: language, selfLink: base + selfPath, alternateLink: base + alternatePath,
            updated: entries.map(\.updatedAt).max() ?? 0,
            entries: entries.map { entry in
                let link = base + SiteURL.forumThread(language, thread: entry.threadID).path
                return AtomFeed.Entry(id: link, title: entry.title, language: entry.language, link: link,
                                      author: entry.author ?? request.t("notification.someone", language),
                                      published: entry.createdAt, updated: entry.updatedAt, summary: entry.summary)
            })
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "application", subType: "atom+xml", parameters: ["charset": "utf-8"])
        return Response(status: .ok, headers: headers, body: .init(string: atom.render()))
    }
}
