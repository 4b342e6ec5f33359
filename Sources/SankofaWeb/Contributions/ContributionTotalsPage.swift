import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `/{lang}/contributions`: what was given to exchanges, for members, filtered by year, country
/// and kind: one table per currency (money given apart from in-kind estimates, never added
/// together, never converted), each by contributor, country and year. A filter value that is
/// not one of the choices is a 400 (translated), not an empty page that looks true.
struct ContributionTotalsPage: Encodable, Sendable {
    struct Choice: Encodable, Sendable { var value: String; var label: String; var selected: Bool }
    struct Row: Encodable, Sendable { var label: String; var amount: String; var count: String }
    struct Table: Encodable, Sendable {
        var id: String
        var heading: String
        var total: String
        var byContributor: [Row]
        var byCountry: [Row]
        var byYear: [Row]
    }

    var heading: String
    var intro: String
    var action: String
    var years: [Choice]
    var countries: [Choice]
    var kinds: [Choice]
    var tables: [Table]
    var inKind: [Row]
    var empty: String

    static func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.cooperation(.readExchange(publicSummary: false)))
        let filter = try filter(request)
        let totals = try await Contributions(database: request.db).totals(filter)
        let page = ContributionTotalsPage(totals, filter: filter, request: request, language: language)
        return try await request.render("contributions/totals", page, language: language, title: page.heading, section: .exchanges)
    }

    static func filter(_ request: Request) throws -> ContributionFilter {
        func value(_ name: String) -> String? { (try? request.query.get(String.self, at: name)).flatMap { $0.isEmpty ? nil : $0 } }
        var filter = ContributionFilter()
        if let year = value("year") {
            guard let number = Int(year), (ContributionRecord.earliestYear...2200).contains(number) else { throw Abort(.badRequest) }
            filter.year = number
        }
        if let country = value("country") {
            guard Countries.isValid(country) else { throw Abort(.badRequest) }
            filter.country = country.uppercased()
        }
        if let kind = value("kind") {
            guard let parsed = ContributionKind(rawValue: kind) else { throw Abort(.badRequest) }
            filter.kind = parsed
        }
        return filter
    }

    init(_ totals: ContributionTotals, filter: ContributionFilter, request: Request, language: Language) {
        func t(_ key: String, _ values: [String: String] = [:]) -> String { request.t(key, language, values) }
        func number(_ n: Int) -> String { request.application.catalogs.plural("contribution.count", count: n, language) }
        heading = t("contribution.totals.heading")
        intro = t("contribution.totals.intro")
        action = SiteURL.contributions(language).path
        let any = Choice(value: "", label: t("contribution.filter.any"), selected: false)
        years = [any] + Set(totals.years + [filter.year].compactMap { $0 }).sorted(by: >).map {
            Choice(value: String($0), label: DateFormatting.year($0, language), selected: $0 == filter.year)
        }
        countries = [any] + (Countries.sortedNames[language] ?? []).map { Choice(value: $0.code, label: $0.name, selected: $0.code == filter.country) }
        kinds = [any] + ContributionKind.allCases.map { Choice(value: $0.rawValue, label: t($0.labelKey), selected: $0 == filter.kind) }
        tables = totals.tables.map { table in
            func rows(_ lines: [ContributionTotals.Line], _ label: (ContributionTotals.Line) -> String) -> [Row] {
                lines.map { Row(label: label($0), amount: Money(milli: $0.milli, currency: table.currency).formatted(in: language), count: number($0.count)) }
            }
            let currency = "\(Currency.name(of: table.currency, in: language)) (\(table.currency))"
            return Table(
                id: "\(table.kind.rawValue)-\(table.currency)",
                heading: t(table.kind == .financial ? "contribution.totals.given" : "contribution.totals.estimated", ["currency": currency]),
                total: t("contribution.totals.total", ["amount": Money(milli: table.total, currency: table.currency).formatted(in: language),
                                                       "count": number(table.count)]),
                byContributor: rows(table.byContributor) { line in
                    let parts = line.key.split(separator: ":", maxSplits: 1).map(String.init)
                    if parts.first == "country", parts.count == 2 { return Countries.name(of: parts[1], in: language) }
                    return line.name.isEmpty ? (parts.last ?? line.key) : line.name
                },
                byCountry: rows(table.byCountry) { Countries.name(of: $0.key, in: language) },
                byYear: rows(table.byYear) { line in Int(line.key).map { DateFormatting.year($0, language) } ?? line.key })
        }
        inKind = InKindItem.allCases.compactMap { item in
            totals.inKindCounts[item].map { Row(label: t(item.labelKey), amount: "", count: number($0)) }
        }
        empty = t("contribution.totals.empty")
    }
}
