import SankofaCore
import SankofaStore
import Vapor

/// Two-factor authentication: set up (a secret the server makes and keeps until a first code
/// confirms it, then ten recovery codes), new recovery codes, switching it off for accounts whose
/// roles do not require it, and the second step of sign-in (`TwoFactorController+SignIn`). Each
/// change asks for the password again and a current code (ASVS 7.5.1).
struct TwoFactorController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.twoFactor, use: settings)
        routes.post(.twoFactorEnable, use: enable)
        routes.post(.twoFactorDisable, use: disable)
        routes.post(.twoFactorRecoveryCodes, use: newRecoveryCodes)
        routes.get(.twoFactorVerify, use: verifyForm)
        routes.post(.twoFactorVerify, use: verify)
    }

    static let limit = RateLimiter.Limit(10, per: 15 * 60)

    func settings(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let user = request.user else { throw Abort(.unauthorized) }
        return try await render(request, language, user)
    }

    func render(_ request: Request, _ language: Language, _ user: UserModel, codes: [String] = [], message: String? = nil,
                status: HTTPStatus = .ok) async throws -> Response {
        let secret = user.twoFactorEnabled ? nil : try await UserStore(database: request.db).pendingTwoFactorSecret(of: user, make: TOTP.newSecret)
        let remaining = user.twoFactorEnabled ? try await RecoveryCodes(database: request.db).remaining(for: try user.requireID()) : 0
        let page = TwoFactorPage(
            heading: request.t("twofactor.heading", language), enabled: user.twoFactorEnabled, secret: secret,
            uri: secret.map { TOTP.provisioningURI(secret: $0, account: user.email) }, codes: codes,
            remaining: user.twoFactorEnabled ? request.application.catalogs.plural("twofactor.remaining", count: remaining, language) : nil,
            canDisable: user.twoFactorEnabled && !user.roleSet.contains(where: \.requiresTwoFactor),
            message: message.map { request.t($0, language) }, action: SiteURL.twoFactorEnable(language).path,
            disableAction: SiteURL.twoFactorDisable(language).path, codesAction: SiteURL.twoFactorRecoveryCodes(language).path)
        return try await request.render("account/two-factor", page, language: language, title: page.heading, section: .account, status: status)
    }

    /// The password in use and a current code: asked to switch the second factor on or off and to
    /// make new recovery codes.
    struct ConfirmForm: FormInput {
        var password: String
        var code: String

        init(_ body: FormBody) {
            password = body.text("password")
            code = body.text("code")
        }
    }

    enum Confirmation {
        case step(Int)
        /// The page that says what was wrong.
        case refused(Response)
    }

    /// The password first (counted against the account's re-authentication limit), then a code for
    /// `secret` newer than `lastUsed`.
    func confirm(_ request: Request, _ language: Language, _ user: UserModel, secret: String, lastUsed: Int?) async throws -> Confirmation {
        let form = try request.form(ConfirmForm.self)
        guard try await request.reauthenticates(user, password: form.password) else {
            return .refused(try await render(request, language, user, message: "password.wrong", status: .unprocessableEntity))
        }
        guard let step = TOTP.verify(form.code, secret: secret, at: request.now, lastUsed: lastUsed) else {
            return .refused(try await wrongCode(request, language, user))
        }
        return .step(step)
    }

    func wrongCode(_ request: Request, _ language: Language, _ user: UserModel) async throws -> Response {
        try await render(request, language, user, message: "twofactor.wrongCode", status: .unprocessableEntity)
    }

    /// Switches the second factor on with the secret the server offered (never one a form sends),
    /// ends every other session of the account and shows the recovery codes, once.
    func enable(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let user = request.user else { throw Abort(.unauthorized) }
        guard !user.twoFactorEnabled else { return request.redirect(to: SiteURL.twoFactor(language).path, redirectType: .normal) }
        let users = UserStore(database: request.db)
        let secret = try await users.pendingTwoFactorSecret(of: user, make: TOTP.newSecret)
        let step: Int
        switch try await confirm(request, language, user, secret: secret, lastUsed: nil) {
        case .step(let confirmed): step = confirmed
        case .refused(let page): return page
        }
        let recovery = try await RecoveryCode.makeSet(request)
        guard try await users.enableTwoFactor(user, secret: secret, step: step, recoveryHashes: recovery.hashes,
                                              audit: request.auditEntry("2fa.enabled", target: user.email))
        else { return try await wrongCode(request, language, user) }
        // More privileges from now on, and every other session ended: a new session id here.
        try await request.startSession(user: user)
        return try await render(request, language, user, codes: recovery.codes, message: "twofactor.enabled")
    }

    func disable(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let user = request.user else { throw Abort(.unauthorized) }
        guard let secret = user.totpSecret else { return request.redirect(to: SiteURL.twoFactor(language).path, redirectType: .normal) }
        guard !user.roleSet.contains(where: \.requiresTwoFactor) else {
            return try await render(request, language, user, message: "twofactor.required", status: .conflict)
        }
        let step: Int
        switch try await confirm(request, language, user, secret: secret, lastUsed: user.totpLastStep) {
        case .step(let confirmed): step = confirmed
        case .refused(let page): return page
        }
        guard try await UserStore(database: request.db).disableTwoFactor(user, step: step, audit: request.auditEntry("2fa.disabled", target: user.email))
        else { return try await wrongCode(request, language, user) }
        try await request.startSession(user: user)
        return try await render(request, language, user, message: "twofactor.disabled")
    }

    /// Ten new recovery codes in place of the old ones (used up, lost, or stored the old way).
    func newRecoveryCodes(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let user = request.user else { throw Abort(.unauthorized) }
        guard let secret = user.totpSecret else { return request.redirect(to: SiteURL.twoFactor(language).path, redirectType: .normal) }
        let step: Int
        switch try await confirm(request, language, user, secret: secret, lastUsed: user.totpLastStep) {
        case .step(let confirmed): step = confirmed
        case .refused(let page): return page
        }
        let recovery = try await RecoveryCode.makeSet(request)
        guard try await UserStore(database: request.db).replaceRecoveryCodes(
            of: user, step: step, hashes: recovery.hashes, audit: request.auditEntry("2fa.recovery_codes_replaced", target: user.email))
        else { return try await wrongCode(request, language, user) }
        return try await render(request, language, user, codes: recovery.codes, message: "twofactor.codes.replaced")
    }
}
