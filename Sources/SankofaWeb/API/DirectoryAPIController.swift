import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `/api/v1/experts`, `/centres`, `/courses`: the directories in JSON, with the HTML pages'
/// filters, and the same privacy: experts come from ``ExpertDirectory`` like the pages.
struct DirectoryAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.apiExperts, use: experts)
        routes.get(.apiExpert, use: expert)
        routes.get(.apiCentres, use: centres)
        routes.get(.apiCentre, use: centre)
        routes.get(.apiCourses, use: courses)
        routes.get(.apiCourse, use: course)
    }

    func page<Item, DTO: Content>(_ items: [Item], _ facets: [DirectoryFacet<Item>], _ query: QueryParameters,
                                  _ map: (Item) -> DTO) throws -> DirectoryListDTO<DTO> {
        let selected = try DirectoryListing.selection(query, facets)
        let page = try DirectoryListing.page(query)
        let perPage = try PracticeParameters.number(query, "perPage", range: 1...100) ?? 20
        let result = Faceting.apply(items, dimensions: facets.map(\.dimension), selected: selected)
        return DirectoryListDTO(
            total: result.matching.count, page: page, perPage: perPage,
            pages: Pagination.count(total: result.matching.count, perPage: perPage),
            items: result.matching.dropFirst((page - 1) * perPage).prefix(perPage).map(map),
            facets: result.counts.mapValues { counts in
                counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { PracticeListDTO.Facet(value: $0.key, count: $0.value) }
            })
    }

    func experts(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request)
        let entries = try await ExpertDirectory.load(request).matching(DirectorySearch.text(query), request: request)
        let base = request.application.settings.baseURL
        let published = try await PracticeStore(database: request.db).publishedSlugs()
        return try await page(entries.map(\.view), ExpertFacets.all(today: ISODay.format(Date())), query) {
            ExpertDTO($0, baseURL: base, published: published)
        }.encodeResponse(for: request)
    }

    func expert(_ request: Request) async throws -> Response {
        let directory = try await ExpertDirectory.load(request)
        guard let slug = request.parameters.get("slug"), let entry = directory.entry(slug: slug) else { throw Abort(.notFound) }
        let endorsements = entry.stored.endorsements.map { endorsement in
            ExpertDTO.Endorsement(by: entry.view.country == nil ? nil : directory.endorserName(endorsement, for: request.actor)?.slug,
                                  country: entry.view.country == nil ? nil : endorsement.country, date: ISODay.format(endorsement.at))
        }
        let published = try await PracticeStore(database: request.db).publishedSlugs()
        return try await ExpertDTO(entry.view, baseURL: request.application.settings.baseURL, published: published, endorsements: endorsements)
            .encodeResponse(for: request)
    }

    /// Experts a centre may name to this caller: visible, and showing where they work.
    func visibleExperts(_ request: Request) async throws -> Set<String> {
        Set(try await ExpertDirectory.load(request).entries.filter { $0.view.organisation != nil }.map(\.view.slug))
    }

    func centres(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request)
        let stored = try await DirectorySearch.filter(try await CentreStore(database: request.db).all(), DirectorySearch.text(query),
                                                      kind: .centre, id: \.id, request: request)
        let visible = try await visibleExperts(request), base = request.application.settings.baseURL
        let published = try await PracticeStore(database: request.db).publishedSlugs()
        return try await page(stored.map(\.record), CentresController.facets, query) {
            CentreDTO($0, visibleExperts: visible, published: published, baseURL: base)
        }.encodeResponse(for: request)
    }

    func centre(_ request: Request) async throws -> Response {
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug),
              let centre = try await CentreStore(database: request.db).find(slug: slug) else { throw Abort(.notFound) }
        let published = try await PracticeStore(database: request.db).publishedSlugs()
        return try await CentreDTO(centre.record, visibleExperts: try await visibleExperts(request), published: published,
                                   baseURL: request.application.settings.baseURL)
            .encodeResponse(for: request)
    }

    func courses(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request)
        let today = ISODay.format(Date())
        let stored = try await DirectorySearch.filter(try await CourseStore(database: request.db).all(), DirectorySearch.text(query),
                                                      kind: .course, id: \.id, request: request)
        let base = request.application.settings.baseURL
        return try await page(CoursesController.ordered(stored.map(\.record), today: today), CourseFacets.all(today: today), query) {
            CourseDTO($0, today: today, baseURL: base)
        }.encodeResponse(for: request)
    }

    func course(_ request: Request) async throws -> Response {
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug),
              let course = try await CourseStore(database: request.db).find(slug: slug) else { throw Abort(.notFound) }
        return try await CourseDTO(course.record, today: ISODay.format(Date()), baseURL: request.application.settings.baseURL)
            .encodeResponse(for: request)
    }
}
