import SankofaCore
import SankofaStore
import Vapor

/// The forum's home and its category pages. Everything listed is what the reader may read: a
/// working group's categories and threads are not there at all for anyone outside the group.
struct ForumController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.forum, use: home)
        routes.get(.forumCategory, use: category)
    }

    func home(_ request: Request) async throws -> Response {
        let language = try request.language()
        let reader = try await request.forumReader()
        let categories = try await ForumCategories(database: request.db).list(for: reader, language: language)
        let sections = ForumCategoryKind.allCases.compactMap { kind -> ForumHome.Section? in
            let rows = categories.filter { $0.kind == kind }.map { ForumCategoryRow($0, request, language) }
            return rows.isEmpty ? nil : ForumHome.Section(label: request.t("forum.kind.\(kind.rawValue)", language), categories: rows)
        }
        let names = Dictionary(uniqueKeysWithValues: categories.map { ($0.id, (name: $0.name, slug: $0.slug)) })
        let list = try await ForumThreadList.load(request, language, category: nil, categoryNames: names,
                                                  base: SiteURL.forum(language).path)
        if list.pagination.isBeyondLast { throw Abort(.notFound) }
        let page = ForumHome(heading: request.t("forum.heading", language), intro: request.t("forum.intro", language),
                             sections: sections, list: list, pagination: list.pagination)
        return try await request.render("forum/home", page, language: language, title: page.heading,
                                        description: page.intro, section: .forum)
    }

    func category(_ request: Request) async throws -> Response {
        let language = try request.language()
        let reader = try await request.forumReader()
        guard let slug = request.parameters.get("category"), Slug.isValid(slug),
              let category = try await ForumCategories(database: request.db).find(slug: slug, for: reader, language: language, counted: true)
        else { throw Abort(.notFound) }
        let base = SiteURL.forumCategory(language, slug: category.slug).path
        let list = try await ForumThreadList.load(request, language, category: category, base: base)
        if list.pagination.isBeyondLast { throw Abort(.notFound) }
        // Visitors see the link too: it leads them to sign in. Accounts that may not post don't.
        let member = try await request.forumMember()
        let mayStart = !request.actor.isSignedIn || AccessPolicy.allows(request.actor, .forum(.startThread(
            category.visibility, inGroup: reader.inGroup(category.groupID), silenced: member?.isSilenced(now: request.now) ?? false)))
        let row = ForumCategoryRow(category, request, language)
        var page = ForumCategoryPage(heading: category.name, description: category.description, lang: row.lang, dir: row.dir,
                                     counts: row.counts,
                                     newThreadHref: mayStart ? SiteURL.forumNewThread(language, slug: category.slug).path : nil,
                                     homeHref: SiteURL.forum(language).path, list: list, pagination: list.pagination)
        page.watch = try await ForumWatchButton.category(request, language, id: category.id, slug: category.slug)
        if category.visibility == .visitors { page.feedHref = SiteURL.forumCategoryFeed(language, slug: category.slug).path }
        return try await request.render("forum/category", page, language: language, title: category.name,
                                        description: category.description, section: .forum)
    }
}
