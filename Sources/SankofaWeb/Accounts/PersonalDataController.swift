import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// A person's data: everything held about them as JSON, and deleting the account
/// (what they contributed stays, attributed to "former member").
struct PersonalDataController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.personalData, use: export)
        routes.post(.deleteAccount, use: delete)
    }

    struct Export: Content {
        struct Account: Content {
            var email: String
            var emailVerifiedAt: Date?
            var name: String
            var country: String
            var organisation: String
            var organisationType: String
            var position: String
            var motivation: String
            var language: String
            var status: String
            var roles: [String]
            var twoFactorEnabled: Bool
            var createdAt: Date?
            var vettedAt: Date?
            var decisionReason: String?
        }
        struct Session: Content { var startedAt: Date; var lastSeenAt: Date; var ip: String; var userAgent: String }
        struct Event: Content { var at: Date; var action: String; var target: String; var ip: String }
        struct Mail: Content { var createdAt: Date; var subject: String; var body: String }

        var exportedAt: Date
        var account: Account
        var sessions: [Session]
        var activity: [Event]
        var mail: [Mail]
        /// The expert profile the account owns, whole (every field, whatever its visibility).
        var profile: ExpertRecord?
        var messagesSent: [Mail]
    }

    func export(_ request: Request) async throws -> Response {
        try await request.require(.seeOwnAccount)
        guard let user = request.user, let id = user.id else { throw Abort(.unauthorized) }
        func date(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
        let held = PersonalData(database: request.db)
        let sessions = try await SessionStore(database: request.db).sessions(of: id, now: request.now)
        let events = try await held.activity(of: id)
        let mail = try await held.mail(to: user.email)
        let profile = try await ExpertStore(database: request.db).find(owner: id)
        let sent = try await held.messagesSent(by: id)
        let body = Export(
            exportedAt: Date(),
            account: .init(email: user.email, emailVerifiedAt: user.emailVerifiedAt, name: user.name, country: user.country,
                           organisation: user.organisation, organisationType: user.organisationType, position: user.position,
                           motivation: user.motivation, language: user.language, status: user.status, roles: user.roles,
                           twoFactorEnabled: user.twoFactorEnabled, createdAt: user.createdAt, vettedAt: user.vettedAt,
                           decisionReason: user.decisionReason),
            sessions: sessions.map { .init(startedAt: date($0.createdAt), lastSeenAt: date($0.lastSeenAt), ip: $0.ip, userAgent: $0.userAgent) },
            activity: events.map { .init(at: date($0.at), action: $0.action, target: $0.target, ip: $0.ip) },
            mail: mail.map { .init(createdAt: date($0.at), subject: $0.subject, body: $0.body) },
            profile: profile?.record,
            messagesSent: sent.map { .init(createdAt: date($0.at), subject: $0.subject, body: $0.body) })
        let response = try await body.encodeResponse(for: request)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"sankofa-my-data.json\"")
        return response
    }

    struct Confirm: FormInput {
        var password: String
        init(_ body: FormBody) { password = body.text("password") }
    }

    /// Deletes the account once its password is given again (see `PersonalData.deleteAccount`).
    func delete(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let user = request.user else { throw Abort(.unauthorized) }
        let password = try request.form(Confirm.self).password
        guard try await request.reauthenticates(user, password: password) else { throw ParameterError(name: "password", reason: .value) }
        try await PersonalData(database: request.db).deleteAccount(user, audit: request.auditEntry("account.deleted", target: user.email, user: user))
        try await request.endSession()
        return request.redirect(to: SiteURL.home(language).path, redirectType: .normal)
    }
}
