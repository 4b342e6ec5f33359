import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// Centres of Excellence: list with facets and one page per centre, with its focal point,
/// experts, practices and courses. Experts appear only as their privacy allows.
struct CentresController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.centres, use: list)
        routes.get(.centre, use: show)
    }

    static let facets: [DirectoryFacet] = [
        CommonFacets.country, CommonFacets.region, CommonFacets.theme,
        CommonFacets.enumeration("type", CentreType.allCases, label: \.labelKey),
    ]

    func list(_ request: Request) async throws -> Response {
        let language = try request.language()
        let query = try QueryParameters(request)
        let selection = try DirectoryListing.selection(query, Self.facets), number = try DirectoryListing.page(query)
        let result = try await CentreStore(database: request.db).directory(selection, language: language, page: number,
                                                                            perPage: DirectoryListing.perPage)
        var page = DirectoryListing(
            result: result, selection: selection, page: number, facets: Self.facets, query: query, base: SiteURL.centres(language).path,
            heading: request.t("centres.heading", language), countKey: "centres.count", emptyKey: "centres.empty",
            language: language, request: request
        ) { DirectoryCard(centre: $0, language, request) }
        page.intro = request.t("centres.intro", language)
        page.links = [Layout.Link(href: SiteURL.courses(language).path, label: request.t("courses.heading", language))]
        if AccessPolicy.allows(request.actor, .manageDirectory) {
            page.links.append(Layout.Link(href: SiteURL.centreNew(language).path, label: request.t("centre.new", language)))
        }
        return try await request.render("directory/list", page, language: language, title: page.heading, section: .centres)
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        let store = CentreStore(database: request.db)
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug), let centre = try await store.find(slug: slug) else {
            throw Abort(.notFound)
        }
        let people = try await ExpertStore(database: request.db).views(
            slugs: centre.record.experts + [centre.record.focalPoint].compactMap { $0 }, reader: ExpertDirectory.reader(request.actor))
        let practices = try await PracticeStore(database: request.db).publishedTitles(centre.record.practices, in: language)
        let courses = try await CourseStore(database: request.db).linked(toCentre: centre.id)
        var page = CentreShow(centre.record, people: people, practices: practices, courses: courses, language: language, request: request)
        if AccessPolicy.allows(request.actor, .manageDirectory) {
            page.tools.append(.init(href: SiteURL.centreEdit(language, slug: slug).path, label: request.t("centre.edit", language)))
        }
        if let translate = DirectoryTranslateController.tool(.centre, slug: slug, original: centre.record.originalLanguage, country: centre.record.country,
                                                              request, language) {
            page.tools.append(translate)
        }
        return try await request.render("centres/show", page, language: language, title: page.name, description: page.description.first,
                                        section: .centres)
    }
}

extension DirectoryCard {
    init(centre record: CentreRecord, _ language: Language, _ request: Request) {
        let text = record.translations.resolve(language, original: record.originalLanguage)
        href = SiteURL.centre(language, slug: record.slug).path
        title = text?.value.name ?? record.slug
        textLang = text?.language.rawValue
        textDir = text?.language.direction
        subtitle = request.t(record.type.labelKey, language) + request.t("list.separator", language) + Countries.name(of: record.country, in: language)
        lines = [record.themes.map { request.t($0.labelKey, language) }.joined(separator: request.t("list.separator", language))].filter { !$0.isEmpty }
        badges = []
        note = text.flatMap { $0.language != language ? request.t("content.fallback", language, ["language": $0.language.name(in: language)]) : nil }
    }
}
