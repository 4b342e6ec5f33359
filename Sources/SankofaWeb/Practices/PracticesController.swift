import SankofaCore
import SankofaStore
import Vapor

/// The public catalogue in HTML: list with facets, and one page per published practice.
struct PracticesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.practices, use: list)
        routes.get(.practice, use: show)
    }

    func list(_ request: Request) async throws -> Response {
        let language = try request.language()
        let query = try QueryParameters(request)
        let parameters = try PracticeParameters(query)
        let result = try await parameters.run(PracticeStore(database: request.db), language: language)
        let page = PracticeList(result: result, parameters: parameters, query: query, language: language, request: request)
        return try await request.render("practices/list", page, language: language, title: page.heading, section: .practices)
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        let store = PracticeStore(database: request.db)
        // Editors and the author also see a practice before it is published (to review it).
        let practice = try await request.practice(Permission.readPractice), slug = practice.slug
        let related = try await store.related(to: practice)
        var page = PracticeShow(practice, related: related, language: language, request: request)
        let linked = try await ExpertStore(database: request.db).linked(toPractice: slug)
        page.experts = ExpertDirectory.of(linked, for: request).entries.map {
            Layout.Link(href: SiteURL.expert(language, slug: $0.view.slug).path, label: $0.view.name)
        }
        page.centres = try await CentreStore(database: request.db).linked(toPractice: slug).map {
            let name = $0.record.translations.resolve(language, original: $0.record.originalLanguage)
            return Layout.Link(href: SiteURL.centre(language, slug: $0.record.slug).path, label: name?.value.name ?? $0.record.slug,
                               lang: name?.language.rawValue)
        }
        if AccessPolicy.allows(request.actor, .reviewPractices) {
            page.tools.append(.init(href: SiteURL.reviewPractice(language, slug: slug).path, label: request.t("review.link", language)))
        }
        let status = practice.practiceStatus, author = practice.authorID?.uuidString
        if AccessPolicy.allows(request.actor, .editPractice(status: status, authorID: author)) {
            page.tools.append(.init(href: SiteURL.myPractice(language, slug: slug).path, label: request.t("editorial.edit", language)))
        }
        if AccessPolicy.allows(request.actor, .translatePractice(status: status, authorID: author)) {
            let target = language.rawValue == practice.originalLanguage ? (language == .en ? Language.fr : .en) : language
            page.tools.append(.init(href: SiteURL.translate(language, slug: slug, target: target).path, label: request.t("translate.link", language)))
        }
        return try await request.render("practices/show", page, language: language, title: page.title,
                                        description: page.summary, section: .practices)
    }
}
