import Fluent
import SankofaCore
import SankofaStore
import SQLKit
import Vapor

/// Password reset by e-mail (single-use token, stored hashed, one hour; the same answer whether or
/// not the address exists) and password change; both end every session of the account.
struct PasswordController: RouteCollection {
    static let lifetime = 3600

    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "account", "reset", use: requestForm)
        routes.post(":lang", "account", "reset", use: requestReset)
        routes.get(":lang", "account", "reset", ":token", use: resetForm)
        routes.post(":lang", "account", "reset", ":token", use: reset)
        routes.get(":lang", "account", "password", use: changeForm)
        routes.post(":lang", "account", "password", use: change)
    }

    typealias FormPage = AccountsController.FormPage

    func page(_ request: Request, _ language: Language, heading: String, intro: String?, action: String, fields: [FormField],
              submit: String, message: String?, status: HTTPStatus = .ok) async throws -> Response {
        let page = FormPage(heading: request.t(heading, language), intro: intro.map { request.t($0, language) }, action: action,
                            csrf: try await request.csrfToken(), fields: fields, submit: request.t(submit, language),
                            message: message.map { request.t($0, language) },
                            links: [.init(href: SiteURL.login(language).path, label: request.t("account.login.instead", language))])
        return try await request.render("account/form", page, language: language, title: page.heading, section: "account", status: status)
    }

    func requestForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        return try await page(request, language, heading: "reset.heading", intro: "reset.intro", action: SiteURL.passwordReset(language).path,
                              fields: [FormField("email", label: request.t("account.email", language), type: "email", autocomplete: "email", maxLength: 254)],
                              submit: "reset.send", message: nil)
    }

    struct EmailForm: Content { var email: String? }

    func requestReset(_ request: Request) async throws -> Response {
        let language = try request.language()
        let email = FormText.clean((try? request.content.decode(EmailForm.self))?.email, limit: 254).lowercased()
        try await Limits.check(request, "reset:ip:\(request.clientIP)", Limits.passwordReset)
        try await Limits.check(request, "reset:account:\(email)", Limits.passwordReset)
        if let user = try await UserModel.query(on: request.db).filter(\.$email == email).first(), user.accountStatus != .disabled {
            let token = Tokens.random()
            let lang = user.preferredLanguage
            try await request.db.transaction { tx in
                try await (tx as! any SQLDatabase).raw("""
                    INSERT INTO email_tokens (token_hash, purpose, user_id, expires_at)
                    VALUES (\(bind: Tokens.digest(token)), 'reset', \(bind: try user.requireID()), \(bind: request.now + Self.lifetime))
                    """).run()
                try await Outbox(database: tx).queue(
                    to: user.email, subject: request.t("mail.reset.subject", lang),
                    body: request.t("mail.reset.body", lang, ["name": user.name,
                        "link": request.application.settings.baseURL + SiteURL.passwordResetToken(lang, token: token).path]),
                    now: request.now)
                try await AuditLog(database: tx).record(request.auditEntry("password.reset_requested", target: email, user: user))
            }
        }
        // The same page whether or not the address is known (ASVS 2.5.7): nothing to enumerate.
        return try await page(request, language, heading: "reset.heading", intro: nil, action: SiteURL.passwordReset(language).path,
                              fields: [], submit: "reset.send", message: "reset.sent")
    }

    /// The account a reset token opens, when it is known, unused and younger than an hour.
    func account(for token: String, _ request: Request) async throws -> UserModel? {
        guard token.count <= 100 else { return nil }
        let row = try await (request.db as! any SQLDatabase).raw("""
            SELECT user_id FROM email_tokens WHERE token_hash = \(bind: Tokens.digest(token)) AND purpose = 'reset'
            AND used_at IS NULL AND expires_at > \(bind: request.now)
            """).first()
        return try await row.asyncFlatMap { try await UserModel.find(try $0.decode(column: "user_id", as: UUID.self), on: request.db) }
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

    struct PasswordForm: Content {
        var password: String?
        var current: String?
    }

    func reset(_ request: Request) async throws -> Response {
        let language = try request.language()
        let token = request.parameters.get("token") ?? ""
        guard let user = try await account(for: token, request) else { throw Abort(.notFound) }
        let password = (try? request.content.decode(PasswordForm.self))?.password ?? ""
        if let problem = PasswordPolicy.standard.problem(with: password) {
            return try await page(request, language, heading: "reset.heading", intro: nil, action: SiteURL.passwordResetToken(language, token: token).path,
                                  fields: [newPasswordField(request, language, error: problem)], submit: "reset.save",
                                  message: "form.fix", status: .unprocessableEntity)
        }
        try await setPassword(password, of: user, request, action: "password.reset") { tx in
            try await (tx as! any SQLDatabase).raw("UPDATE email_tokens SET used_at = \(bind: request.now) WHERE token_hash = \(bind: Tokens.digest(token))").run()
        }
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
        let form = (try? request.content.decode(PasswordForm.self)) ?? PasswordForm()
        var errors = FormErrors()
        let current = form.current ?? ""
        let valid = try await request.application.threadPool.runIfActive { Passwords.verify(current, against: user.passwordHash) }
        errors.check(valid, "current", "password.wrong")
        if let problem = PasswordPolicy.standard.problem(with: form.password ?? "") { errors.byField["password"] = problem }
        guard errors.isEmpty else { return try await renderChange(request, language, errors: errors, status: .unprocessableEntity) }
        try await setPassword(form.password ?? "", of: user, request, action: "password.changed") { _ in }
        // Every other session ended; this one continues under a new id.
        try await request.startSession(user: user)
        return request.redirect(to: SiteURL.account(language).path, redirectType: .normal)
    }

    func setPassword(_ password: String, of user: UserModel, _ request: Request, action: String,
                     also: @escaping @Sendable (any Database) async throws -> Void) async throws {
        let cost = request.application.settings.bcryptCost
        user.passwordHash = try await request.application.threadPool.runIfActive { try Passwords.hash(password, cost: cost) }
        try await request.db.transaction { tx in
            try await user.save(on: tx)
            try await also(tx)
            try await SessionStore(database: tx).deleteAll(of: try user.requireID())
            try await AuditLog(database: tx).record(request.auditEntry(action, target: user.email, user: user))
        }
    }
}
