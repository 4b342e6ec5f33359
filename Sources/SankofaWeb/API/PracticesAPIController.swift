import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `/api/v1/practices`: the catalogue in JSON, with the HTML list's filters.
struct PracticesAPIController: RouteCollection {
    let openAPIDocument: ByteBuffer

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.apiPractices, use: list)
        routes.get(.apiPractice, use: show)
        routes.get(.openAPI, use: openAPI)
    }

    func list(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request)
        let parameters = try PracticeParameters(query, allowPerPage: true)
        let language = try Self.language(query)
        let result = try await parameters.run(PracticeStore(database: request.db), language: language)
        let base = request.application.settings.baseURL
        let body = PracticeListDTO(
            total: result.total, page: parameters.page, perPage: parameters.perPage,
            pages: Pagination.count(total: result.total, perPage: parameters.perPage),
            items: result.practices.map { PracticeSummaryDTO($0, language: language, baseURL: base) },
            facets: Dictionary(uniqueKeysWithValues: result.facets.map { facet, counts in
                (facet.rawValue, counts.sorted { ($0.count, $1.value) > ($1.count, $0.value) }
                    .map { PracticeListDTO.Facet(value: $0.value, count: $0.count) })
            }))
        return try await body.encodeResponse(for: request)
    }

    func show(_ request: Request) async throws -> Response {
        guard let slug = request.parameters.get("slug"),
              let practice = try await PracticeStore(database: request.db).find(slug: slug, publishedOnly: true)
        else { throw Abort(.notFound) }
        return try await PracticeDTO(practice).encodeResponse(for: request)
    }

    func openAPI(_ request: Request) -> Response {
        var headers = HTTPHeaders()
        headers.contentType = .json
        return Response(status: .ok, headers: headers, body: .init(buffer: openAPIDocument))
    }

    /// `lang` picks the language of titles and summaries; English when absent.
    static func language(_ query: QueryParameters) throws -> Language {
        guard let raw = query.first("lang") else { return .en }
        guard let language = Language(rawValue: raw) else { throw ParameterError(name: "lang", reason: .value, value: raw) }
        return language
    }
}
