import Foundation
import SankofaCore
import Vapor

/// The indicators: the overview of the three outcomes, one indicator's page, its CSV and JSON
/// files, and the JSON API. Every figure is read through ``IndicatorReader`` (the store's
/// figures, then suppression as the access policy decides for this reader), and every answer is
/// kept out of the anonymous page cache (``IndicatorReader/keepPrivate(_:)`` says why).
struct IndicatorsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.indicators, use: overview)
        routes.get(.indicator, use: indicator)
        routes.get(.apiIndicators, use: apiList)
        routes.get(.apiIndicator, use: apiShow)
    }

    func overview(_ request: Request) async throws -> Response {
        let language = try request.language()
        let filter = try IndicatorParameters.filter(try QueryParameters(request))
        let reader = IndicatorReader(request: request), text = IndicatorText(request, language)
        let results = try await reader.all(filter: filter)
        let page = IndicatorsPage(results, filter: filter, exact: reader.exact, text: text, rightToLeft: language.isRightToLeft)
        return IndicatorReader.keepPrivate(try await request.render("indicators/list", page, language: language, title: page.heading,
                                                                    description: page.intro, section: .indicators))
    }

    func indicator(_ request: Request) async throws -> Response {
        let language = try request.language()
        let target = try IndicatorParameters.target(request.parameters.get("slug"))
        let filter = try IndicatorParameters.filter(try QueryParameters(request))
        let reader = IndicatorReader(request: request), text = IndicatorText(request, language)
        let result = try await reader.shown(target.id, filter: filter)
        switch target.file {
        case nil:
            let page = IndicatorPage(result, filter: filter, exact: reader.exact(target.id), text: text, rightToLeft: language.isRightToLeft)
            return IndicatorReader.keepPrivate(try await request.render("indicators/show", page, language: language, title: page.heading,
                                                                        description: page.definition, section: .indicators))
        case .csv:
            var headers = HTTPHeaders()
            headers.contentType = HTTPMediaType(type: "text", subType: "csv", parameters: ["charset": "utf-8"])
            return attachment(Response(status: .ok, headers: headers, body: .init(string: IndicatorCSV.document(result, text: text))),
                              name: "sankofa-\(target.id.rawValue)-\(language.rawValue).csv")
        case .json:
            // Encoded as every JSON answer of the site is (the app's content encoder), only saved as a file.
            let dto = IndicatorDTO(result, filter: filter, exact: reader.exact(target.id), url: Self.url(request, target.id, filter), text: text)
            return attachment(try await dto.encodeResponse(for: request), name: "sankofa-\(target.id.rawValue)-\(language.rawValue).json")
        }
    }

    func attachment(_ response: Response, name: String) -> Response {
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"\(name)\"")
        return IndicatorReader.keepPrivate(response)
    }

    func apiList(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request)
        let filter = try IndicatorParameters.filter(query), language = try Self.language(query)
        let reader = IndicatorReader(request: request), text = IndicatorText(request, language)
        let items = try await reader.all(filter: filter).map {
            IndicatorDTO($0, filter: filter, exact: reader.exact($0.id), url: Self.url(request, $0.id, filter), text: text)
        }
        let dto = IndicatorListDTO(
            language: language,
            filter: IndicatorFilterDTO(filter),
            outcomes: ProgrammeOutcome.allCases.map { IndicatorOutcomeDTO(number: $0.rawValue, statement: text.t($0.labelKey), indicators: $0.indicators.map(\.rawValue)) },
            items: items)
        return IndicatorReader.keepPrivate(try await dto.encodeResponse(for: request))
    }

    func apiShow(_ request: Request) async throws -> Response {
        guard let slug = request.parameters.get("slug"), let id = IndicatorID(rawValue: slug) else { throw Abort(.notFound) }
        let query = try QueryParameters(request)
        let filter = try IndicatorParameters.filter(query), language = try Self.language(query)
        let reader = IndicatorReader(request: request)
        let dto = IndicatorDTO(try await reader.shown(id, filter: filter), filter: filter, exact: reader.exact(id),
                               url: Self.url(request, id, filter), text: IndicatorText(request, language))
        return IndicatorReader.keepPrivate(try await dto.encodeResponse(for: request))
    }

    /// The API's `lang`: the language of titles, definitions and key names (English by default).
    static func language(_ query: QueryParameters) throws -> Language {
        try IndicatorParameters.value(query, "lang", Language.init(rawValue:)) ?? .en
    }

    static func url(_ request: Request, _ id: IndicatorID, _ filter: IndicatorFilter) -> String {
        request.application.settings.baseURL + IndicatorParameters.path(.apiIndicator(id: id), filter)
    }
}
