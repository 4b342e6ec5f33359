import SankofaCore
import SankofaStore
import Vapor

/// One side's report of one exchange as this request sees it: the exchange, the reader's standing
/// in it (read now, from the database), whether they may file that side's report, and the report
/// if filed. Reports are read by staff and the people involved only: anyone else gets a 404, as
/// for an exchange that does not exist.
struct ReportAccess: Sendable {
    var exchange: ExchangeLookup.ExchangeFacts
    var context: OutcomeReports.ExchangeContext
    var side: ExchangeSide
    var mayFile: Bool
    var filed: OutcomeReports.Filed?

    /// The form is offered to those who may file, once the exchange was held.
    var offersForm: Bool { mayFile && context.takesReports }
}

extension Request {
    func reportAccess() async throws -> ReportAccess {
        // A visitor is sent to sign in, an applicant refused, before anything is looked up.
        try await require(.cooperation(.readExchange(publicSummary: false)))
        let lookup = ExchangeLookup(database: db)
        guard let id = parameters.get("exchange", as: Int.self), let side = parameters.get("side").flatMap(ExchangeSide.init(rawValue:)),
              let exchange = try await lookup.exchange(id) else { throw Abort(.notFound) }
        let standing = try await lookup.standing(of: actor, userID: user?.id, exchange: exchange)
        guard AccessPolicy.allows(actor, .cooperation(.readExchangeDetails(standing))) else {
            try await recordDenial(detail: "report of exchange \(id)")
            throw Abort(.notFound)
        }
        let reports = OutcomeReports(database: db)
        guard let context = try await reports.exchange(id), context.sides.contains(side) else { throw Abort(.notFound) }
        return ReportAccess(exchange: exchange, context: context, side: side,
                            mayFile: AccessPolicy.allows(actor, .cooperation(.fileOutcomeReport(side, standing))),
                            filed: try await reports.report(exchangeID: id, side: side))
    }

    /// Refuses a write to one who may read the report but not file it (403, in the audit log).
    func requireFiling(_ access: ReportAccess) async throws {
        guard access.mayFile else {
            try await recordDenial(detail: "file report \(access.side.rawValue) of exchange \(access.exchange.id)")
            throw Abort(.forbidden)
        }
    }

    /// The writer of a report, a follow-up or the practice changes they start, for the audit log.
    func reportWriter(_ action: String, exchange: Int) -> PracticeWrites.Writer {
        PracticeWrites.Writer(userID: user?.id, audit: auditEntry(action, target: "exchange:\(exchange)"))
    }
}
