import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Vapor

/// A person's data: everything held about them as JSON, and deleting the account
/// (what they contributed stays, attributed to "former member").
struct PersonalDataController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "account", "export", use: export)
        routes.post(":lang", "account", "delete", use: delete)
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
        let sql = request.db as! any SQLDatabase
        func date(_ seconds: Int) -> Date { Date(timeIntervalSince1970: TimeInterval(seconds)) }
        let sessions = try await SessionStore(database: request.db).sessions(of: id, now: request.now)
        let events = try await sql.raw("SELECT at, action, target, ip FROM audit_log WHERE actor_id = \(bind: id.uuidString) ORDER BY id").all()
        let mail = try await sql.raw("SELECT created_at, subject, body FROM outbox WHERE recipient = \(bind: user.email) ORDER BY id").all()
        let profile = try await ExpertStore(database: request.db).find(owner: id)
        let sent = try await sql.raw("SELECT at, subject, body FROM contact_messages WHERE sender_id = \(bind: id) ORDER BY id").all()
        let body = Export(
            exportedAt: Date(),
            account: .init(email: user.email, emailVerifiedAt: user.emailVerifiedAt, name: user.name, country: user.country,
                           organisation: user.organisation, organisationType: user.organisationType, position: user.position,
                           motivation: user.motivation, language: user.language, status: user.status, roles: user.roles,
                           twoFactorEnabled: user.twoFactorEnabled, createdAt: user.createdAt, vettedAt: user.vettedAt,
                           decisionReason: user.decisionReason),
            sessions: sessions.map { .init(startedAt: date($0.createdAt), lastSeenAt: date($0.lastSeenAt), ip: $0.ip, userAgent: $0.userAgent) },
            activity: try events.map { .init(at: date(try $0.decode(column: "at", as: Int.self)), action: try $0.decode(column: "action", as: String.self),
                                             target: try $0.decode(column: "target", as: String.self), ip: try $0.decode(column: "ip", as: String.self)) },
            mail: try mail.map { .init(createdAt: date(try $0.decode(column: "created_at", as: Int.self)),
                                       subject: try $0.decode(column: "subject", as: String.self), body: try $0.decode(column: "body", as: String.self)) },
            profile: profile?.record,
            messagesSent: try sent.map { .init(createdAt: date(try $0.decode(column: "at", as: Int.self)),
                                               subject: try $0.decode(column: "subject", as: String.self), body: try $0.decode(column: "body", as: String.self)) })
        let response = try await body.encodeResponse(for: request)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "attachment; filename=\"sankofa-my-data.json\"")
        return response
    }

    struct Confirm: Content { var password: String? }

    /// Deletes the account after the password is confirmed. Sessions, tokens, codes and the expert
    /// profile go with it;
    /// the audit log keeps its lines (it is append-only), which name the address as it was.
    func delete(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let user = request.user else { throw Abort(.unauthorized) }
        let password = (try? request.content.decode(Confirm.self))?.password ?? ""
        let valid = try await request.application.threadPool.runIfActive { Passwords.verify(password, against: user.passwordHash) }
        guard valid else { throw ParameterError(name: "password", reason: .value) }
        try await request.db.transaction { tx in
            try await AuditLog(database: tx).record(request.auditEntry("account.deleted", target: user.email, user: user))
            try await Authorship.forget(try user.requireID(), on: tx)
            // The expert profile is personal data too: it goes with the account (and out of search).
            if let profile = try await ExpertStore(database: tx).find(owner: try user.requireID()) {
                try await ExpertStore(database: tx).delete(slug: profile.slug)
            }
            try await user.delete(on: tx)
        }
        try await request.endSession()
        return request.redirect(to: SiteURL.home(language).path, redirectType: .normal)
    }
}
