import SankofaCore
import SankofaStore
import Vapor

/// Registration (`AccountsController+Registration`) and e-mail verification (`EmailVerification`),
/// sign-in and sign-out, and the account page.
struct AccountsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.register, use: registerForm)
        routes.post(.register, use: register)
        routes.get(.login, use: loginForm)
        routes.post(.login, use: login)
        routes.post(.logout, use: logout)
        routes.get(.account, use: account)
        routes.post(.endSession, use: endSession)
        routes.post(.endAllSessions, use: endAllSessions)
        routes.get(.verifyEmail, use: verifyForm)
        routes.post(.verifyEmail, use: verify)
    }

    func loginForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        return try await renderLogin(request, language, email: "", failed: false)
    }

    func renderLogin(_ request: Request, _ language: Language, email: String, failed: Bool, status: HTTPStatus = .ok) async throws -> Response {
        let page = AccountFormPage(
            heading: request.t("account.login.heading", language), intro: nil,
            action: SiteURL.login(language).path,
            fields: [
                FormField("email", label: request.t("account.email", language), value: email, type: "email", autocomplete: "username", maxLength: 254),
                FormField("password", label: request.t("account.password", language), type: "password",
                          autocomplete: "current-password", maxLength: PasswordPolicy.maximumLength),
            ],
            submit: request.t("account.login.submit", language),
            message: failed ? request.t("account.login.failed", language) : nil,
            links: [.init(href: SiteURL.register(language).path, label: request.t("account.register.instead", language)),
                    .init(href: SiteURL.passwordReset(language).path, label: request.t("reset.link", language))])
        return try await request.render("account/form", page, language: language, title: page.heading, section: .account, status: status,
                                        opensSession: true)
    }

    func login(_ request: Request) async throws -> Response {
        let language = try request.language()
        let form = try request.form(LoginForm.self)
        let email = FormText.clean(form.email, limit: 254).lowercased()
        try await Limits.checkSignIn(request, email: email)
        let password = String(form.password.prefix(PasswordPolicy.maximumLength * 4))
        let user = try await UserStore(database: request.db).find(email: email)
        let valid = try await request.application.threadPool.runIfActive {
            Passwords.verify(password, against: user?.passwordHash ?? Passwords.decoy) && user != nil
        }
        guard valid, let user, user.accountStatus != .disabled else {
            try await AuditLog(database: request.db).record(request.auditEntry("login.failure", target: email, user: nil))
            return try await renderLogin(request, language, email: email, failed: true, status: .unauthorized)
        }
        if user.twoFactorEnabled {
            // Password right; the session grants nothing until the second factor is given.
            try await request.startSession(user: user, twoFactorPending: true)
            return request.redirect(to: SiteURL.twoFactorVerify(language).path, redirectType: .normal)
        }
        try await request.startSession(user: user)
        try await AuditLog(database: request.db).record(request.auditEntry("login.success", target: email, user: user))
        return request.redirect(to: SiteURL.account(language).path, redirectType: .normal)
    }

    func logout(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.endSession()
        return request.redirect(to: SiteURL.home(language).path, redirectType: .normal)
    }

    func account(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let session = request.currentSession, let user = session.user else { throw Abort(.unauthorized) }
        let sessions = try await SessionStore(database: request.db).sessions(of: try user.requireID(), now: request.now)
        let page = AccountPage(user: user, current: session.record, sessions: sessions, language: language, request: request)
        return try await request.render("account/index", page, language: language, title: page.heading, section: .account)
    }

    struct EndForm: FormInput {
        var session: String
        init(_ body: FormBody) { session = body.text("session") }
    }

    /// Ends one of the user's own sessions, named by the first characters of its digest.
    func endSession(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let user = request.user, let id = user.id else { throw Abort(.unauthorized) }
        let prefix = try request.form(EndForm.self).session
        let store = SessionStore(database: request.db)
        if prefix.count >= 12, let target = try await store.sessions(of: id, now: request.now).first(where: { $0.tokenHash.hasPrefix(prefix) }) {
            if target.tokenHash == request.currentSession?.record.tokenHash {
                try await request.endSession()
                return request.redirect(to: SiteURL.home(language).path, redirectType: .normal)
            }
            try await store.delete(target.tokenHash)
        }
        return request.redirect(to: SiteURL.account(language).path, redirectType: .normal)
    }

    /// Logout everywhere: every session of the user ends, this one included.
    func endAllSessions(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let user = request.user, let id = user.id else { throw Abort(.unauthorized) }
        try await SessionStore(database: request.db).deleteAll(of: id)
        try await AuditLog(database: request.db).record(request.auditEntry("logout.everywhere", target: user.email))
        try await request.endSession()
        return request.redirect(to: SiteURL.home(language).path, redirectType: .normal)
    }
}
