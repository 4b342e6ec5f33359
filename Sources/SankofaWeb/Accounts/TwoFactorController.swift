import SankofaCore
import SankofaStore
import Vapor

/// Two-factor authentication: set up (secret, first code, ten recovery codes), the second step of
/// sign-in, and switching it off for accounts whose roles do not require it.
struct TwoFactorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.twoFactor, use: settings)
        routes.post(.twoFactorEnable, use: enable)
        routes.post(.twoFactorDisable, use: disable)
        routes.get(.twoFactorVerify, use: verifyForm)
        routes.post(.twoFactorVerify, use: verify)
    }

    static let limit = RateLimiter.Limit(10, per: 15 * 60)

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
        let page = TwoFactorPage(
            heading: request.t("twofactor.heading", language), enabled: user.twoFactorEnabled, secret: newSecret,
            uri: newSecret.map { TOTP.provisioningURI(secret: $0, account: user.email) }, codes: codes,
            remaining: user.twoFactorEnabled ? request.application.catalogs.plural("twofactor.remaining", count: remaining, language) : nil,
            canDisable: user.twoFactorEnabled && !user.roleSet.contains(where: \.requiresTwoFactor),
            message: message, action: SiteURL.twoFactorEnable(language).path,
            disableAction: SiteURL.twoFactorDisable(language).path)
        return try await request.render("account/two-factor", page, language: language, title: page.heading, section: .account, status: status)
    }

    struct CodeForm: FormInput {
        /// Sent back with the first code when switching on, since the secret is kept only once confirmed.
        var secret: String
        var code: String

        init(_ body: FormBody) {
            secret = FormText.clean(body.text("secret"), limit: 64)
            code = body.text("code")
        }
    }

    func enable(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let user = request.user else { throw Abort(.unauthorized) }
        guard !user.twoFactorEnabled else { return request.redirect(to: SiteURL.twoFactor(language).path, redirectType: .normal) }
        let form = try request.form(CodeForm.self)
        let secret = form.secret
        guard Base32.decode(secret)?.count == 20,
              let step = TOTP.verify(form.code, secret: secret, at: request.now, lastUsed: nil)
        else {
            return try await render(request, language, user, codes: [], message: request.t("twofactor.wrongCode", language),
                                    secret: Base32.decode(secret)?.count == 20 ? secret : nil, status: .unprocessableEntity)
        }
        let codes = (0..<10).map { _ in RecoveryCode.make() }
        try await UserStore(database: request.db).enableTwoFactor(user, secret: secret, step: step, recoveryDigests: codes.map(RecoveryCode.digest),
                                                                  audit: request.auditEntry("2fa.enabled", target: user.email))
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
        let form = try request.form(CodeForm.self)
        try await Limits.checkReauthentication(request, user)
        guard let step = TOTP.verify(form.code, secret: secret, at: request.now, lastUsed: user.totpLastStep) else {
            return try await render(request, language, user, codes: [], message: request.t("twofactor.wrongCode", language), status: .unprocessableEntity)
        }
        try await UserStore(database: request.db).disableTwoFactor(user, step: step, audit: request.auditEntry("2fa.disabled", target: user.email))
        try await request.startSession(user: user)
        return try await render(request, language, user, codes: [], message: request.t("twofactor.disabled", language))
    }

    func verifyForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        guard request.currentSession?.record.twoFactorPending == true else {
            return request.redirect(to: SiteURL.login(language).path, redirectType: .normal)
        }
        return try await renderVerify(request, language, message: nil)
    }

    func renderVerify(_ request: Request, _ language: Language, message: String?, status: HTTPStatus = .ok) async throws -> Response {
        let page = TwoFactorVerifyPage(heading: request.t("twofactor.verify.heading", language), intro: request.t("twofactor.verify.intro", language),
                                       action: SiteURL.twoFactorVerify(language).path, message: message)
        return try await request.render("account/two-factor-verify", page, language: language, title: page.heading, section: .account,
                                        status: status, opensSession: true)
    }

    /// The second step of sign-in: a current code (each usable once) or an unused recovery code.
    func verify(_ request: Request) async throws -> Response {
        let language = try request.language()
        guard let session = request.currentSession, session.record.twoFactorPending, let user = session.user,
              let id = user.id, let secret = user.totpSecret
        else { return request.redirect(to: SiteURL.login(language).path, redirectType: .normal) }
        try await Limits.check(request, "2fa:\(id.uuidString)", Self.limit)
        let code = FormText.clean(try request.form(CodeForm.self).code, limit: 40)
        if let step = TOTP.verify(code, secret: secret, at: request.now, lastUsed: user.totpLastStep) {
            try await UserStore(database: request.db).acceptTwoFactorStep(user, step: step)
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
