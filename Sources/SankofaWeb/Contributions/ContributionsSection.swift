import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The contributions part of an exchange's page (`contributions/list.leaf`, included by the
/// exchange page, whose model holds it as `contributions`). Amounts are formatted in the page's
/// language in their own currency; the sums are per currency, money given apart from in-kind
/// estimates. Sources (who said so) are details: staff and the people involved see them.
enum ExchangeContributions {
    struct Item: Encodable, Sendable {
        var kind: String
        var what: String
        var amount: String?
        var contributor: String
        var description: String
        var givenOn: String
        var source: String?
        var editHref: String?
        var deleteAction: String?
        var deleteLabel: String
    }

    struct Model: Encodable, Sendable {
        var heading: String
        var items: [Item]
        /// "Money given: 12 500,00 $US", one line per currency.
        var given: [String]
        /// "In-kind (estimated): 3 000,00 €", one line per currency.
        var estimated: [String]
        var empty: String
        var addHref: String?
        var addLabel: String
        var editLabel: String
        var deleteLabel: String
        var sourceLabel: String
        /// The members' totals page.
        var totalsHref: String
        var totalsLabel: String
        /// What was just done (`?done=added|edited|deleted` on the exchange page), said once.
        var done: String?
    }
}

enum ContributionsSection {
    /// The exchange's page, where a contribution form returns (with `done` for the notice).
    static func exchangePath(_ language: Language, _ exchangeID: Int, done: String? = nil) -> String {
        SiteURL.exchange(language, id: exchangeID).path + (done.map { "?done=contribution-\($0)#contributions" } ?? "#contributions")
    }

    /// The part for `exchange` as `request`'s reader may see it (`standing` from ``ExchangeLookup``).
    static func model(exchange: ExchangeLookup.ExchangeFacts, standing: CooperationStanding, request: Request,
                      language: Language) async throws -> ExchangeContributions.Model {
        func t(_ key: String, _ values: [String: String] = [:]) -> String { request.t(key, language, values) }
        let actor = request.actor
        let details = AccessPolicy.allows(actor, .cooperation(.readExchangeDetails(standing)))
        let manages = AccessPolicy.allows(actor, .cooperation(.addContribution(standing)))
        let stored = try await Contributions(database: request.db).list(exchangeID: exchange.id)
        var given = MoneyTotals(), estimated = MoneyTotals()
        let items = stored.map { contribution -> ExchangeContributions.Item in
            let record = contribution.record, contributor = contributorName(record, request, language)
            if let amount = record.amount { record.kind == .financial ? given.add(amount) : estimated.add(amount) }
            return ExchangeContributions.Item(
                kind: t(record.kind.labelKey), what: record.item.map { t($0.labelKey) } ?? "",
                amount: record.amount.map { t(record.kind == .financial ? "contribution.amount.given" : "contribution.amount.estimated",
                                               ["amount": $0.formatted(in: language)]) },
                contributor: contributor, description: record.description,
                givenOn: ISODay.parse(record.givenOn).map { DateFormatting.longDate($0, language) } ?? record.givenOn,
                source: details && !record.source.isEmpty ? record.source : nil,
                editHref: manages ? SiteURL.contributionEdit(language, exchange: exchange.id, id: contribution.id).path : nil,
                deleteAction: manages ? SiteURL.contributionDelete(language, exchange: exchange.id, id: contribution.id).path : nil,
                deleteLabel: t("contribution.delete.named", ["what": "\(t(record.kind.labelKey)) · \(contributor)"]))
        }
        let done = (try? request.query.get(String.self, at: "done")).flatMap { code -> String? in
            ["contribution-added", "contribution-edited", "contribution-deleted"].contains(code) ? t("contribution.done.\(code.dropFirst(13))") : nil
        }
        return ExchangeContributions.Model(
            heading: t("contribution.heading"), items: items,
            given: given.amounts.map { t("contribution.total.given", ["amount": $0.formatted(in: language)]) },
            estimated: estimated.amounts.map { t("contribution.total.estimated", ["amount": $0.formatted(in: language)]) },
            empty: t("contribution.empty"), addHref: manages ? SiteURL.contributionNew(language, exchange: exchange.id).path : nil,
            addLabel: t("contribution.add"), editLabel: t("contribution.editLink"), deleteLabel: t("contribution.delete"),
            sourceLabel: t("contribution.field.source"), totalsHref: SiteURL.contributions(language).path,
            totalsLabel: t("contribution.totals.link"), done: done)
    }

    /// Who gave it, in the reader's language: a country's name, a centre's or organisation's name
    /// (with its country when known).
    static func contributorName(_ record: ContributionRecord, _ request: Request, _ language: Language) -> String {
        let country = record.contributorCountry.map { Countries.name(of: $0, in: language) }
        switch record.contributorKind {
        case .country: return country ?? request.t(record.contributorKind.labelKey, language)
        case .organisation, .centre:
            let name = record.contributorName.isEmpty ? (record.centre ?? "") : record.contributorName
            return country.map { "\(name) (\($0))" } ?? name
        }
    }
}
