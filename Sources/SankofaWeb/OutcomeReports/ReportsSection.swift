import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The outcome reports part of an exchange's page (`reports/summary.leaf`, included by the
/// exchange page, whose model holds it as `reports`): each side's report, filed or awaited, with
/// its key figures and a link to it. Reports are details: staff and the people involved only.
enum ExchangeReports {
    struct Side: Encodable, Sendable {
        var side: String
        var href: String
        var linkLabel: String
        /// "Filed on 3 March 2027" or "Not filed yet".
        var state: String
        /// "24 participants: 12 women, 10 men, 2 not specified".
        var participants: String?
        /// "Capacity: +1.5 on average over 2 themes".
        var capacity: String?
        var followUp: String?
    }

    struct Model: Encodable, Sendable {
        var heading: String
        var sides: [Side]
        var note: String?
    }
}

enum ReportsSection {
    /// The part for `exchange` as `request`'s reader may see it (`standing` from ``ExchangeLookup``);
    /// nil for a reader who may not read the exchange's details, and before the exchange was held.
    static func model(exchange: ExchangeLookup.ExchangeFacts, standing: CooperationStanding, request: Request,
                      language: Language) async throws -> ExchangeReports.Model? {
        let actor = request.actor
        guard AccessPolicy.allows(actor, .cooperation(.readExchangeDetails(standing))),
              exchange.status == .held || exchange.status == .reported else { return nil }
        func t(_ key: String, _ values: [String: String] = [:]) -> String { request.t(key, language, values) }
        let filed = try await OutcomeReports(database: request.db).reports(exchangeID: exchange.id)
        let followUps = FollowUps(database: request.db)
        var sides: [ExchangeReports.Side] = []
        for side in ExchangeSide.allCases where exchange.parties.contains(where: { $0.side == side }) {
            let href = SiteURL.outcomeReport(language, exchange: exchange.id, side: side).path
            let mayFile = AccessPolicy.allows(actor, .cooperation(.fileOutcomeReport(side, standing)))
            guard let report = filed.first(where: { $0.side == side }) else {
                sides.append(.init(side: t(side.labelKey), href: href, linkLabel: t(mayFile ? "report.fileLink" : "report.view"),
                                   state: t("report.notFiled")))
                continue
            }
            let r = report.report
            let when = DateFormatting.longDate(Date(timeIntervalSince1970: TimeInterval(report.filedAt)), language)
            let gender = ParticipantGender.allCases.map { "\(r.gender.count(of: $0)) \(t($0.labelKey))" }.joined(separator: ", ")
            var capacity: String?
            if !r.capacity.isEmpty {
                let change = Double(r.capacity.reduce(0) { $0 + $1.after - $1.before }) / Double(r.capacity.count)
                capacity = t("report.capacity.average", ["change": String(format: "%+.1f", change), "count": String(r.capacity.count)])
            }
            var followUp: String?
            if !r.adaptations.isEmpty {
                followUp = try await followUps.followUp(reportID: report.id) == nil ? t("followUp.awaited") : t("followUp.done")
            }
            sides.append(.init(side: t(side.labelKey), href: href, linkLabel: t("report.view"), state: t("report.filedOn", ["date": when]),
                               participants: t("report.participantsSummary", ["count": String(r.participants), "gender": gender]),
                               capacity: capacity, followUp: followUp))
        }
        return ExchangeReports.Model(heading: t("report.sectionHeading"), sides: sides,
                                     note: exchange.status == .held ? t("report.awaitedNote") : nil)
    }
}
