import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `/{lang}/exchanges`: members see every exchange's summary; visitors only those whose public
/// summary both sides agreed to. Filtered by type, scope (or triangular), region, status and year;
/// an unknown filter value is a 400 that names the parameter.
struct ExchangeList: Encodable, Sendable {
    var heading: String
    var intro: String
    var count: String
    var filters: [FormField]
    var filterLabel: String
    var applyLabel: String
    var cards: [ExchangeCard]
    var emptyMessage: String?
    var links: [Layout.Link]
    var pagination: Pagination

    static let perPage = 20

    /// The filter the query asks for, each value checked against its vocabulary.
    static func filter(_ query: QueryParameters) throws -> Exchanges.Filter {
        func value<T>(_ name: String, _ parse: (String) -> T?) throws -> T? {
            guard let raw = query.first(name) else { return nil }
            guard let value = parse(raw) else { throw ParameterError(name: name, reason: .value, value: String(raw.prefix(40))) }
            return value
        }
        var filter = Exchanges.Filter(type: try value("type", ExchangeType.init(rawValue:)), region: try value("region", Region.init(rawValue:)),
                                      status: try value("status", ExchangeStatus.init(rawValue:)),
                                      year: try value("year") { Int($0).flatMap { (1945...2100).contains($0) ? $0 : nil } })
        if query.first("scope") == "triangular" { filter.triangular = true } else { filter.scope = try value("scope", Scope.init(rawValue:)) }
        return filter
    }

    init(rows: [Exchanges.Row], total: Int, page: Int, filter: Exchanges.Filter, years: [Int], query: QueryParameters,
         members: Bool, links: [Layout.Link], _ request: Request, _ language: Language) {
        func t(_ key: String) -> String { request.t(key, language) }
        func select(_ name: String, _ options: [(String, String)], _ selected: String?) -> FormField {
            FormField(name, label: t("exchange.filter.\(name)"), required: false,
                      choices: [.init(value: "", label: t("exchange.filter.all"), selected: selected == nil)]
                        + options.map { .init(value: $0.0, label: $0.1, selected: $0.0 == selected) })
        }
        heading = t("exchange.heading")
        intro = t(members ? "exchange.intro.members" : "exchange.intro.public")
        count = request.application.catalogs.plural("exchange.count", count: total, language)
        filters = [
            select("type", ExchangeType.allCases.map { ($0.rawValue, t($0.labelKey)) }, filter.type?.rawValue),
            select("scope", Scope.allCases.filter { $0 != .national }.map { ($0.rawValue, t($0.labelKey)) } + [("triangular", t("exchange.triangular"))],
                   filter.triangular ? "triangular" : filter.scope?.rawValue),
            select("region", Region.allCases.map { ($0.rawValue, t($0.labelKey)) }, filter.region?.rawValue),
            select("status", ExchangeStatus.allCases.map { ($0.rawValue, t($0.labelKey)) }, filter.status?.rawValue),
            select("year", years.map { (String($0), DateFormatting.year($0, language)) }, filter.year.map(String.init)),
        ]
        filterLabel = t("exchange.filter.label")
        applyLabel = t("exchange.filter.apply")
        cards = rows.map { ExchangeCard($0, members: members, request, language) }
        emptyMessage = rows.isEmpty ? t(members ? "exchange.empty" : "exchange.empty.public") : nil
        self.links = links
        pagination = Pagination(page: page, perPage: Self.perPage, total: total, base: SiteURL.exchanges(language).path, query: query,
                                language: language, request: request)
    }
}
