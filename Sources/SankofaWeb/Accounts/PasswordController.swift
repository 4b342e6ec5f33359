import SankofaCore
import SankofaStore
import Vapor

/// Password reset by e-mail (single-use token, stored hashed, one hour; the same answer whether or
/// not the address exists) and password change; both end every session of the account.
struct PasswordController: RouteCollection {
    static let lifetime = 3600

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.passwordReset, use: requestForm)
        routes.post(.passwordReset, use: requestReset)
        routes.get(.passwordResetToken, use: resetForm)
        routes.post(.passwordResetToken, use: reset)
        routes.get(.password, use: changeForm)
        routes.post(.password, use: change)
    }

    func page(_ request: Request, _ language: Language, heading: String, intro: String?, action: String, fields: [FormField],
              submit: String, message: String?, status: HTTPStatus = .ok) async throws -> Response {
        let page = AccountFormPage(heading: request.t(heading, language), intro: intro.map { request.t($0, language) }, action: action,
                            fields: fields, submit: request.t(submit, language),
                            message: message.map { request.t($0, language) },
                            links: [.init(href: SiteURL.login(language).path, label: request.t("account.login.instead", language))])
        return try await request.render("account/form", page, language: language, title: page.heading, section: .account, status: status,
                                        opensSession: true)
    }

    func requestForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        return try await page(request, language, heading: "reset.heading", intro: "reset.intro", action: SiteURL.passwordReset(language).path,
                              fields: [FormField("email", label: request.t("account.email", language), type: "email", autocomplete: "email", maxLength: 254)],
                              submit: "reset.send", message: nil)
    }

    struct EmailForm: FormInput {
        var email: String
        init(_ body: FormBody) { email = FormText.clean(body.text("email"), limit: 254).lowercased() }
    }

    func requestReset(_ request: Request) async throws -> Response {
        let language = try request.language()
        let email = try request.form(EmailForm.self).email
        try await Limits.check(request, "reset:source:\(Limits.source(request))", Limits.passwordReset)
        try await Limits.check(request, "reset:account:\(email)", Limits.passwordReset)
        if let user = try await UserStore(database: request.db).find(email: email), user.accountStatus != .disabled {
            let reset = try EmailLink.make(.reset, for: user, lifetime: Self.lifetime, path: { .passwordResetToken($0, token: $1) },
                                           subject: "mail.reset.subject", body: "mail.reset.body", request: request)
            try await EmailTokens(database: request.db).send(
                reset.token, mail: reset.mail, audit: request.auditEntry("password.reset_requested", target: email, user: user), now: request.now)
        }
        // The same page whether or not the address is known (ASVS 2.5.7): nothing to enumerate.
        return try await page(request, language, heading: "reset.heading", intro: nil, action: SiteURL.passwordReset(language).path,
                              fields: [], submit: "reset.send", message: "reset.sent")
    }

    /// The account a reset token opens, when it is known, unused and younger than an hour.
    func account(for token: String, _ request: Request) async throws -> UserModel? {
        guard token.count <= 100 else { return nil }
        return try await EmailTokens(database: request.db).account(for: Tokens.digest(token), .reset, now: request.now)
    }

    func newPasswordField(_ request: Request, _ language: Language, error: String? = nil) -> FormField {
        var field = FormField("password", label: request.t("reset.newPassword", language), type: "password", autocomplete: "new-password",
                              maxLength: PasswordPolicy.maximumLength, hint: request.t("account.password.hint", language))
        field.error = error.map { request.t($0, language) }
        return field
    }

    func resetForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let token = request.parameters.get("token") ?? ""
        guard try await account(for: token, request) != nil else { throw Abort(.notFound) }
        return try await page(request, language, heading: "reset.heading", intro: nil, action: SiteURL.passwordResetToken(language, token: token).path,
                              fields: [newPasswordField(request, language)], submit: "reset.save", message: nil)
    }

    struct PasswordForm: FormInput {
        var password: String
        /// The password in use, asked before changing it (not when resetting it).
        var current: String

        init(_ body: FormBody) {
            password = body.text("password")
            current = body.text("current")
        }
    }

    func reset(_ request: Request) async throws -> Response {
        let language = try request.language()
        let token = request.parameters.get("token") ?? ""
        guard let user = try await account(for: token, request) else { throw Abort(.notFound) }
        let password = try request.form(PasswordForm.self).password
        if let problem = PasswordPolicy.standard.problem(with: password) {
            return try await page(request, language, heading: "reset.heading", intro: nil, action: SiteURL.passwordResetToken(language, token: token).path,
                                  fields: [newPasswordField(request, language, error: problem)], submit: "reset.save",
                                  message: "form.fix", status: .unprocessableEntity)
        }
        let hash = try await hash(password, request)
        // Spent by a rival request meanwhile (the same link posted twice at once): as if unknown.
        guard try await EmailTokens(database: request.db).resetPassword(
            Tokens.digest(token), of: user, to: hash, audit: request.auditEntry("password.reset", target: user.email, user: user), now: request.now)
        else { throw Abort(.notFound) }
        try await request.endSession()
        return request.redirect(to: SiteURL.login(language).path, redirectType: .normal)
    }

    func changeForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        return try await renderChange(request, language, errors: FormErrors())
    }

    func renderChange(_ request: Request, _ language: Language, errors: FormErrors, status: HTTPStatus = .ok) async throws -> Response {
        var fields = [FormField("current", label: request.t("password.current", language), type: "password",
                                autocomplete: "current-password", maxLength: PasswordPolicy.maximumLength),
                      newPasswordField(request, language)]
        errors.apply(to: &fields, request, language)
        return try await page(request, language, heading: "password.heading", intro: nil, action: SiteURL.password(language).path,
                              fields: fields, submit: "reset.save", message: errors.isEmpty ? nil : "form.fix", status: status)
    }

    func change(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let user = request.user else { throw Abort(.unauthorized) }
        let form = try request.form(PasswordForm.self)
        var errors = FormErrors()
        errors.check(try await request.reauthenticates(user, password: form.current), "current", "password.wrong")
        if let problem = PasswordPolicy.standard.problem(with: form.password) { errors.byField["password"] = problem }
        guard errors.isEmpty else { return try await renderChange(request, language, errors: errors, status: .unprocessableEntity) }
        try await UserStore(database: request.db).changePassword(of: user, to: try await hash(form.password, request),
                                                                 audit: request.auditEntry("password.changed", target: user.email, user: user))
        // Every other session ended; this one continues under a new id.
        try await request.startSession(user: user)
        return request.redirect(to: SiteURL.account(language).path, redirectType: .normal)
    }

    /// Off the event loop: hashing takes a noticeable fraction of a second by design.
    func hash(_ password: String, _ request: Request) async throws -> String {
        let cost = request.application.settings.bcryptCost
        return try await request.application.threadPool.runIfActive { try Passwords.hash(password, cost: cost) }
    }
}
