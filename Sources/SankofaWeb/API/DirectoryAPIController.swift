import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `/api/v1/experts`, `/centres`, `/courses`: the directories in JSON, with the HTML pages'
/// filters, and the same privacy: experts are read through ``ExpertDirectory`` like the pages,
/// and every list is filtered, counted and paged by the engine.
struct DirectoryAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.apiExperts, use: experts)
        routes.get(.apiExpert, use: expert)
        routes.get(.apiCentres, use: centres)
        routes.get(.apiCentre, use: centre)
        routes.get(.apiCourses, use: courses)
        routes.get(.apiCourse, use: course)
    }

    /// The selection, page and page size a list asks for; a bad one is a 400 naming it.
    func request(_ query: QueryParameters, _ facets: [DirectoryFacet]) throws -> (selection: DirectorySelection, page: Int, perPage: Int) {
        (try DirectoryListing.selection(query, facets), try DirectoryListing.page(query),
         try PracticeParameters.number(query, "perPage", range: 1...100) ?? 20)
    }

    func list<Item, DTO: Content>(_ result: DirectoryPage<Item>, page: Int, perPage: Int, _ map: (Item) -> DTO) -> DirectoryListDTO<DTO> {
        DirectoryListDTO(
            total: result.total, page: page, perPage: perPage, pages: Pagination.count(total: result.total, perPage: perPage),
            items: result.items.map(map),
            facets: result.counts.mapValues { counts in
                counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }.map { PracticeListDTO.Facet(value: $0.key, count: $0.value) }
            })
    }

    func experts(_ request: Request) async throws -> Response {
        let (selection, page, perPage) = try self.request(try QueryParameters(request), ExpertFacets.all)
        let result = try await ExpertStore(database: request.db).directory(selection, reader: ExpertDirectory.reader(request.actor),
                                                                          page: page, perPage: perPage)
        let base = request.application.settings.baseURL
        let published = try await PublishedPractices(database: request.db).among(result.items.flatMap(\.practices))
        return try await list(result, page: page, perPage: perPage) { ExpertDTO($0, baseURL: base, published: published) }
            .encodeResponse(for: request)
    }

    func expert(_ request: Request) async throws -> Response {
        let entry = try await ExpertDirectory.entry(request)
        let endorsers = try await ExpertStore(database: request.db).endorsers(of: entry.stored.endorsements,
                                                                             reader: ExpertDirectory.reader(request.actor))
        let endorsements = zip(entry.stored.endorsements, endorsers).map { endorsement, endorser in
            ExpertDTO.Endorsement(by: entry.view.country == nil ? nil : endorser?.slug,
                                  country: entry.view.country == nil ? nil : endorsement.country, date: ISODay.format(endorsement.at))
        }
        let published = try await PublishedPractices(database: request.db).among(entry.view.practices)
        return try await ExpertDTO(entry.view, baseURL: request.application.settings.baseURL, published: published, endorsements: endorsements)
            .encodeResponse(for: request)
    }

    /// The experts among those `centres` name whom the caller may see, and where they work.
    func visibleExperts(_ centres: [CentreRecord], _ request: Request) async throws -> Set<String> {
        let slugs = centres.flatMap { $0.experts + [$0.focalPoint].compactMap { $0 } }
        let views = try await ExpertStore(database: request.db).views(slugs: slugs, reader: ExpertDirectory.reader(request.actor))
        return Set(views.values.filter { $0.organisation != nil }.map(\.slug))
    }

    func centres(_ request: Request) async throws -> Response {
        let (selection, page, perPage) = try self.request(try QueryParameters(request), CentresController.facets)
        // The API has no reader's language: centres come by slug.
        let result = try await CentreStore(database: request.db).directory(selection, language: nil, page: page, perPage: perPage)
        let visible = try await visibleExperts(result.items, request), base = request.application.settings.baseURL
        let published = try await PublishedPractices(database: request.db).among(result.items.flatMap(\.practices))
        return try await list(result, page: page, perPage: perPage) {
            CentreDTO($0, visibleExperts: visible, published: published, baseURL: base)
        }.encodeResponse(for: request)
    }

    func centre(_ request: Request) async throws -> Response {
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug),
              let centre = try await CentreStore(database: request.db).find(slug: slug) else { throw Abort(.notFound) }
        let published = try await PublishedPractices(database: request.db).among(centre.record.practices)
        return try await CentreDTO(centre.record, visibleExperts: try await visibleExperts([centre.record], request), published: published,
                                   baseURL: request.application.settings.baseURL)
            .encodeResponse(for: request)
    }

    func courses(_ request: Request) async throws -> Response {
        let (selection, page, perPage) = try self.request(try QueryParameters(request), CourseFacets.all)
        let result = try await CourseStore(database: request.db).directory(selection, page: page, perPage: perPage)
        let base = request.application.settings.baseURL
        return try await list(result, page: page, perPage: perPage) { CourseDTO($0, today: selection.today, baseURL: base) }
            .encodeResponse(for: request)
    }

    func course(_ request: Request) async throws -> Response {
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug),
              let course = try await CourseStore(database: request.db).find(slug: slug) else { throw Abort(.notFound) }
        return try await CourseDTO(course.record, today: ISODay.format(Date()), baseURL: request.application.settings.baseURL)
            .encodeResponse(for: request)
    }
}
