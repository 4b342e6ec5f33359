import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// An exchange's public summary in JSON: what both sides agreed to publish (type, dates, themes,
/// each side's countries), what follows from it (scope, triangular, regions) and the status.
/// It has no field for a title, a description, a place, an institution or a person: a summary
/// cannot carry one by mistake.
struct ExchangeSummaryDTO: Content {
    var id: Int
    var url: String
    var demo: Bool
    var type: ExchangeType
    var status: ExchangeStatus
    var scope: Scope?
    var triangular: Bool
    var themes: [Theme]
    var startsOn: String
    var endsOn: String
    /// ISO 3166-1 alpha-2 codes of each side's countries.
    var providers: [String]
    var beneficiaries: [String]
    var partners: [String]
    /// The Southern regions of those countries (a partner outside the South has none).
    var regions: [Region]

    init(_ summary: PublicExchangeSummaries.Summary, baseURL: String, regions table: RegionTable = .standard) {
        id = summary.id
        url = baseURL + SiteURL.apiExchange(id: summary.id).path
        demo = summary.demo
        type = summary.type
        status = summary.status
        scope = summary.scope
        triangular = summary.triangular
        themes = summary.themes
        startsOn = summary.startsOn
        endsOn = summary.endsOn
        providers = summary.countries[.provider] ?? []
        beneficiaries = summary.countries[.beneficiary] ?? []
        partners = summary.countries[.partner] ?? []
        let all = Set(summary.countries.values.flatMap { $0 }.map { table.region(of: $0) })
        regions = Region.southern.filter(all.contains)
    }
}

/// One page of public exchange summaries.
struct ExchangeListDTO: Content {
    var total: Int
    var page: Int
    var perPage: Int
    var pages: Int
    var items: [ExchangeSummaryDTO]
}
