import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `/api/v1/exchanges`: the public summaries of exchanges, for everyone and the same for everyone.
///
/// Only exchanges both sides agreed to publish, and only the summary's fields
/// (``PublicExchangeSummaries``), whoever asks: a member's session changes nothing here, as in the
/// forum's API. Members read the rest on the exchange pages; an answer that depended on a session
/// could reach others through the page cache, clients and proxies, which keep these answers
/// until the data version moves. An exchange without a public summary is a 404, as one that
/// does not exist.
struct ExchangesAPIController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.apiExchanges, use: list)
        routes.get(.apiExchange, use: show)
    }

    func list(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request)
        let filter = PublicExchangeSummaries.Filter(
            type: try Self.value(query, "type"), scope: try Self.value(query, "scope"), region: try Self.value(query, "region"),
            year: try PracticeParameters.number(query, "year", range: 1900...2200), triangular: try Self.flag(query, "triangular"))
        let page = try PracticeParameters.number(query, "page", range: 1...PracticeParameters.maxPage) ?? 1
        let perPage = try PracticeParameters.number(query, "perPage", range: 1...100) ?? 20
        let result = try await PublicExchangeSummaries(database: request.db).page(filter, page: page, perPage: perPage)
        let base = request.application.settings.baseURL
        return try await ExchangeListDTO(
            total: result.total, page: page, perPage: perPage, pages: Pagination.count(total: result.total, perPage: perPage),
            items: result.items.map { ExchangeSummaryDTO($0, baseURL: base) }
        ).encodeResponse(for: request)
    }

    func show(_ request: Request) async throws -> Response {
        guard let raw = request.parameters.get("exchange"), let id = Int(raw), id > 0,
              let summary = try await PublicExchangeSummaries(database: request.db).summary(id)
        else { throw Abort(.notFound) }
        return try await ExchangeSummaryDTO(summary, baseURL: request.application.settings.baseURL).encodeResponse(for: request)
    }

    /// A vocabulary's value by its raw name; an unknown one is a 400 naming the parameter.
    static func value<T: RawRepresentable>(_ query: QueryParameters, _ name: String) throws -> T? where T.RawValue == String {
        guard let raw = query.first(name) else { return nil }
        guard let value = T(rawValue: raw) else { throw ParameterError(name: name, reason: .value, value: raw) }
        return value
    }

    static func flag(_ query: QueryParameters, _ name: String) throws -> Bool? {
        switch query.first(name) {
        case nil: nil
        case "true": true
        case "false": false
        case let raw?: throw ParameterError(name: name, reason: .value, value: raw)
        }
    }
}
