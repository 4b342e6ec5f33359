import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// An exchange in a list or the calendar: its summary, every string translated. A visitor's card
/// holds only what both sides agreed to make public (countries, type, themes, dates, and the scope
/// that follows from the countries): its heading is made of those, never the exchange's title,
/// which is members' words and may name people.
struct ExchangeCard: Encodable, Sendable {
    var href: String
    var heading: String
    /// The title's language when it is shown (members): it is the exchange's own text.
    var lang: String?
    var dir: String?
    var type: String
    var status: String?
    var dates: String
    var scope: String?
    var countries: [String]
    var themes: String
    var place: String?
    var demo: Bool
    var publicLabel: String?

    init(_ row: Exchanges.Row, members: Bool, _ request: Request, _ language: Language) {
        func t(_ key: String) -> String { request.t(key, language) }
        href = SiteURL.exchange(language, id: row.id).path
        let summary = Self.summaryHeading(type: row.type, countries: row.countries, request, language)
        heading = members ? row.title : summary
        lang = members && row.language != language ? row.language.rawValue : nil
        dir = members && row.language != language ? row.language.direction : nil
        type = t(row.type.labelKey)
        status = members ? t(row.status.labelKey) : nil
        dates = Self.dates(row.startsOn, row.endsOn, language)
        scope = Self.scope(row.scope, triangular: row.triangular, request, language)
        countries = Self.countries(row.countries, request, language)
        themes = row.themes.map { t($0.labelKey) }.joined(separator: ", ")
        place = members ? (row.online ? t("exchange.online.yes") : row.place.isEmpty ? nil : row.place) : nil
        demo = row.demo
        publicLabel = members && row.publicSummary ? t("exchange.public.yes") : nil
    }

    /// "Study visit: Morocco → Mali": a heading made only of public facts.
    static func summaryHeading(type: ExchangeType, countries: [ExchangeSide: [String]], _ request: Request, _ language: Language) -> String {
        func names(_ side: ExchangeSide) -> String {
            (countries[side] ?? []).map { Countries.name(of: $0, in: language) }.joined(separator: ", ")
        }
        return request.t("exchange.summaryHeading", language, ["type": request.t(type.labelKey, language),
                                                              "providers": names(.provider), "beneficiaries": names(.beneficiary)])
    }

    /// "Provider: Morocco", "Beneficiary: Mali, Niger", "Partner: Japan".
    static func countries(_ countries: [ExchangeSide: [String]], _ request: Request, _ language: Language) -> [String] {
        ExchangeSide.allCases.compactMap { side in
            guard let codes = countries[side], !codes.isEmpty else { return nil }
            return request.t(side.labelKey, language) + ": " + codes.map { Countries.name(of: $0, in: language) }.joined(separator: ", ")
        }
    }

    static func dates(_ start: String, _ end: String, _ language: Language) -> String {
        let from = ISODay.parse(start).map { DateFormatting.longDate($0, language) } ?? start
        let to = ISODay.parse(end).map { DateFormatting.longDate($0, language) } ?? end
        return start == end ? from : "\(from) – \(to)"
    }

    static func scope(_ scope: Scope?, triangular: Bool, _ request: Request, _ language: Language) -> String? {
        guard let scope else { return nil }
        let label = request.t(scope.labelKey, language)
        return triangular ? label + " · " + request.t("exchange.triangular", language) : label
    }
}
