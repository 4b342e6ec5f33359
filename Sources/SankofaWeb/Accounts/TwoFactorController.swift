import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// Two-factor authentication: set up (secret, first code, ten recovery codes), the second step of
/// sign-in, and switching it off for accounts whose roles do not require it.
struct TwoFactorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "account", "two-factor", use: settings)
        routes.post(":lang", "account", "two-factor", "enable", use: enable)
        routes.post(":lang", "account", "two-factor", "disable", use: disable)
        routes.get(":lang", "account", "two-factor", "verify", use: verifyForm)
        routes.post(":lang", "account", "two-factor", "verify", use: verify)
    }

    static let limit = RateLimiter.Limit(10, per: 15 * 60)

    struct Page: Encodable, Sendable {
        var heading: String
        var enabled: Bool
        var secret: String?
        var uri: String?
        var codes: [String]
        var remaining: String?
        var canDisable: Bool
        var message: String?
        var action: String
        var disableAction: String
        var csrf: String
    }

    func settings(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let user = request.user else { throw Abort(.unauthorized) }
        return try await render(request, language, user, codes: [], message: nil)
    }

    func render(_ request: Request, _ language: Language, _ user: UserModel, codes: [String], message: String?,
                secret: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let newSecret = user.twoFactorEnabled ? nil : (secret ?? TOTP.newSecret())
        let remaining = user.twoFactorEnabled ? try await RecoveryCodes(database: request.db).remaining(for: try user.requireID()) : 0
        let page = Page(
            heading: request.t("twofactor.heading", language), enabled: user.twoFactorEnabled, secret: newSecret,
            uri: newSecret.map { TOTP.provisioningURI(secret: $0, account: user.email) }, codes: codes,
            remaining: user.twoFactorEnabled ? request.application.catalogs.plural("twofactor.remaining", count: remaining, language) : nil,
            canDisable: user.twoFactorEnabled && !user.roleSet.contains(where: \.requiresTwoFactor),
            message: message, action: SiteURL.twoFactorEnable(language).path,
            disableAction: SiteURL.twoFactorDisable(language).path, csrf: try await request.csrfToken())
        return try await request.render("account/two-factor", page, language: language, title: page.heading, section: "account", status: status)
    }

    struct CodeForm: Content {
        var secret: String?
        var code: String?
    }

    func enable(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let user = request.user else { throw Abort(.unauthorized) }
        guard !user.twoFactorEnabled else { return request.redirect(to: SiteURL.twoFactor(language).path, redirectType: .normal) }
        let form = (try? request.content.decode(CodeForm.self)) ?? CodeForm()
        let secret = FormText.clean(form.secret, limit: 64)
        guard Base32.decode(secret)?.count == 20,
              let step = TOTP.verify(form.code ?? "", secret: secret, at: request.now, lastUsed: nil)
        else {
            return try await render(request, language, user, codes: [], message: request.t("twofactor.wrongCode", language),
                                    secret: Base32.decode(secret)?.count == 20 ? secret : nil, status: .unprocessableEntity)
        }
        let codes = (0..<10).map { _ in RecoveryCode.make() }
        user.totpSecret = secret
        user.totpLastStep = step
        try await request.db.transaction { tx in
            try await user.save(on: tx)
            try await RecoveryCodes(database: tx).replace(for: try user.requireID(), digests: codes.map(RecoveryCode.digest))
            try await AuditLog(database: tx).record(request.auditEntry("2fa.enabled", target: user.email))
        }
        // More privileges from now on: a new session id, as at any privilege change.
        try await request.startSession(user: user)
        return try await render(request, language, user, codes: codes, message: request.t("twofactor.enabled", language))
    }

    func disable(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let user = request.user else { throw Abort(.unauthorized) }
        guard let secret = user.totpSecret else { return request.redirect(to: SiteURL.twoFactor(language).path, redirectType: .normal) }
        guard !user.roleSet.contains(where: \.requiresTwoFactor) else {
            return try await render(request, language, user, codes: [], message: request.t("twofactor.required", language), status: .conflict)
        }
        let form = (try? request.content.decode(CodeForm.self)) ?? CodeForm()
        guard let step = TOTP.verify(form.code ?? "", secret: secret, at: request.now, lastUsed: user.totpLastStep) else {
            return try await render(request, language, user, codes: [], message: request.t("twofactor.wrongCode", language), status: .unprocessableEntity)
        }
        user.totpSecret = nil
        user.totpLastStep = step
        try await request.db.transaction { tx in
            try await user.save(on: tx)
            try await RecoveryCodes(database: tx).removeAll(for: try user.requireID())
            try await AuditLog(database: tx).record(request.auditEntry("2fa.disabled", target: user.email))
        }
        try await request.startSession(user: user)
        return try await render(request, language, user, codes: [], message: request.t("twofactor.disabled", language))
    }

    struct VerifyPage: Encodable, Sendable {
        var heading: String
        var intro: String
        var action: String
        var csrf: String
        var message: String?
    }

    func verifyForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        guard request.currentSession?.record.twoFactorPending == true else {
            return request.redirect(to: SiteURL.login(language).path, redirectType: .normal)
        }
        return try await renderVerify(request, language, message: nil)
    }

    func renderVerify(_ request: Request, _ language: Language, message: String?, status: HTTPStatus = .ok) async throws -> Response {
        let page = VerifyPage(heading: request.t("twofactor.verify.heading", language), intro: request.t("twofactor.verify.intro", language),
                              action: SiteURL.twoFactorVerify(language).path, csrf: try await request.csrfToken(), message: message)
        return try await request.render("account/two-factor-verify", page, language: language, title: page.heading, section: "account", status: status)
    }

    /// The second step of sign-in: a current code (each usable once) or an unused recovery code.
    func verify(_ request: Request) async throws -> Response {
        let language = try request.language()
        guard let session = request.currentSession, session.record.twoFactorPending, let user = session.user,
              let id = user.id, let secret = user.totpSecret
        else { return request.redirect(to: SiteURL.login(language).path, redirectType: .normal) }
        try await Limits.check(request, "2fa:\(id.uuidString)", Self.limit)
        let code = FormText.clean((try? request.content.decode(CodeForm.self))?.code, limit: 40)
        if let step = TOTP.verify(code, secret: secret, at: request.now, lastUsed: user.totpLastStep) {
            user.totpLastStep = step
            try await user.save(on: request.db)
        } else if try await RecoveryCodes(database: request.db).consume(RecoveryCode.digest(code), for: id, now: request.now) {
            try await AuditLog(database: request.db).record(request.auditEntry("2fa.recovery_used", target: user.email, user: user))
        } else {
            try await AuditLog(database: request.db).record(request.auditEntry("2fa.failure", target: user.email, user: user))
            return try await renderVerify(request, language, message: request.t("twofactor.wrongCode", language), status: .unauthorized)
        }
        try await request.startSession(user: user)
        try await AuditLog(database: request.db).record(request.auditEntry("login.success", target: user.email, detail: "2fa", user: user))
        return request.redirect(to: SiteURL.account(language).path, redirectType: .normal)
    }
}

/// Recovery codes: ten groups of letters easy to copy by hand; stored as digests of their
/// normalised form, so case and dashes don't matter when typed back.
enum RecoveryCode {
    static func make() -> String {
        let letters = Array("abcdefghjkmnpqrstuvwxyz23456789")
        var generator = SystemRandomNumberGenerator()
        let raw = String((0..<10).map { _ in letters.randomElement(using: &generator)! })
        return raw.prefix(5) + "-" + raw.suffix(5)
    }

    static func digest(_ code: String) -> String {
        Tokens.digest(code.lowercased().filter { $0.isLetter || $0.isNumber })
    }
}
