import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Vapor
import SankofaTestSupport

/// The people and the exchange the outcome report suites share: a Senegalese expert on the
/// provider side, a Kenyan requester (beneficiary side, through the request the exchange answers),
/// Kenya's focal point, staff, and a member who has nothing to do with the exchange.
struct ReportWorld {
    var requester: UserModel
    var provider: UserModel
    var focalPoint: UserModel
    var staff: UserModel
    var outsider: UserModel
    var exchangeID: Int
}

enum ReportFixtures {
    static let startsOn = "2027-03-01", endsOn = "2027-03-05"
    static let themes: [Theme] = [.prisons, .rehabilitationReintegration]

    /// Unix time `days` days after the exchange's last day began (UTC).
    static func time(daysAfterEnd days: Int) -> Int {
        Int(ISODay.parse(endsOn)!.timeIntervalSince1970) + days * 86_400
    }

    static func world(_ app: Application, status: ExchangeStatus = .held, practices: [String] = ["prison-dialogue"]) async throws -> ReportWorld {
        let requester = try await CooperationFixtures.requester(app)
        let provider = try await CooperationFixtures.expert(app, "provider-expert", country: "SN")
        let focal = try await CooperationFixtures.focalPoint(app, country: "KE")
        let staff = try await CooperationFixtures.staff(app)
        let outsider = try await TestUsers.make(app, "outsider@example.org", roles: [.member], country: "KE")
        let requestID = try await CooperationFixtures.request(app, by: requester, status: .open)
        let record = ExchangeRecord(title: "Peer review of the prison rehabilitation programme", language: .en, type: .peerReview,
                                    status: status, startsOn: startsOn, endsOn: endsOn, place: "Nairobi", themes: themes,
                                    pillars: [.preventingCombating],
                                    parties: [ExchangeParty(side: .provider, country: "SN", expert: "provider-expert"),
                                              ExchangeParty(side: .beneficiary, country: "KE", institution: "National Prison Service")],
                                    practices: practices, requestID: requestID)
        let id = try await Exchanges(database: app.db).create(record, createdBy: try staff.requireID(), now: CooperationFixtures.now)
        return ReportWorld(requester: requester, provider: provider.user, focalPoint: focal, staff: staff, outsider: outsider, exchangeID: id)
    }

    /// A complete, valid report form in `language` with one adaptation.
    static func form(language: String = "en", learned: String = "How a peer review of a rehabilitation programme is run.",
                     adaptation: Bool = true) -> [String: String] {
        var form = ["language": language, "participants": "20", "women": "9", "men": "10", "unspecified": "1",
                    "institution.government": "15", "institution.civilSociety": "5",
                    "capacity.prisons.before": "2", "capacity.prisons.after": "4",
                    "capacity.rehabilitation-reintegration.before": "1", "capacity.rehabilitation-reintegration.after": "3",
                    "learned": learned, "followUpWanted": "1", "followUpNote": "A visit in a year."]
        if adaptation {
            form["adaptation.0.kind"] = "procedure"
            form["adaptation.0.description"] = "A case review procedure for every release."
            form["adaptation.0.byWhen"] = "2027-09-30"
        }
        return form
    }

    /// A report as the store takes it (for suites that file without the pages).
    static func report(adaptations: Int = 1) -> OutcomeReport {
        OutcomeReport(language: .en, participants: 12, gender: .init(women: 6, men: 6, unspecified: 0),
                      capacity: themes.map { .init(theme: $0, before: 2, after: 4) }, learned: "Peer review.",
                      adaptations: (0..<adaptations).map { _ in .init(kind: .policy, description: "A release policy.", byWhen: "2027-12-31") })
    }

    static func writer(_ user: UserModel, at: Int) -> PracticeWrites.Writer {
        PracticeWrites.Writer(userID: user.id, audit: AuditLog.Entry(at: at, actorID: user.id?.uuidString, actorEmail: user.email,
                                                                     action: "", target: "", detail: "", ip: "test"))
    }

    static func count(_ app: Application, _ sql: String) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw(SQLQueryString(stringLiteral: sql)).first()!.decode(column: "n", as: Int.self)
    }

    /// A browser signed in as `email`, holding the session's form token (read from the account page).
    static func browser(_ app: Application, _ email: String) async throws -> Browser {
        let browser = Browser(app)
        try await browser.signIn(email)
        try await browser.get("/en/account")
        return browser
    }

    /// Who was given a notice of `kind` about the exchange, once each or more.
    static func told(_ app: Application, _ kind: String, exchange: Int) async throws -> [UUID] {
        try await (app.db as! any SQLDatabase).raw("""
            SELECT user_id FROM notifications WHERE kind = \(bind: kind) AND exchange_id = \(bind: exchange) ORDER BY id
            """).all().map { try $0.decode(column: "user_id", as: UUID.self) }
    }

    static func status(_ app: Application, _ id: Int) async throws -> String {
        try await (app.db as! any SQLDatabase).raw("SELECT status FROM exchanges WHERE id = \(bind: id)").first()!.decode(column: "status", as: String.self)
    }
}
