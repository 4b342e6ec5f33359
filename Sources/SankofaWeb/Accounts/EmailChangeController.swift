import SankofaCore
import SankofaStore
import Vapor

/// Changing the account's address: the new address and the password (re-authentication, ASVS
/// 7.5.1); a link mailed to the new address, whose page confirms by a POST (a mail scanner fetching
/// it changes nothing); then the change, and a notice to the old address (ASVS 6.3.7). An address
/// that belongs to another account gets the same answer and no mail: the form tells nothing about
/// who has an account.
struct EmailChangeController: RouteCollection {
    static let lifetime = 24 * 3600

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.emailChange, use: form)
        routes.post(.emailChange, use: ask)
        routes.get(.emailChangeToken, use: confirmForm)
        routes.post(.emailChangeToken, use: confirm)
    }

    struct ChangeForm: FormInput {
        var email: String
        var password: String

        init(_ body: FormBody) {
            email = FormText.clean(body.text("email"), limit: 254).lowercased()
            password = body.text("password")
        }
    }

    func form(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        return try await render(request, language, email: "", errors: FormErrors())
    }

    func render(_ request: Request, _ language: Language, email: String, errors: FormErrors, message: String? = nil,
                status: HTTPStatus = .ok) async throws -> Response {
        var fields = [FormField("email", label: request.t("email.change.new", language), value: email, type: "email", autocomplete: "email", maxLength: 254),
                      FormField("password", label: request.t("password.current", language), type: "password",
                                autocomplete: "current-password", maxLength: PasswordPolicy.maximumLength)]
        errors.apply(to: &fields, request, language)
        let page = AccountFormPage(
            heading: request.t("email.change.heading", language), intro: message == nil ? request.t("email.change.intro", language) : nil,
            action: SiteURL.emailChange(language).path, fields: message == nil ? fields : [], submit: request.t("email.change.submit", language),
            message: message.map { request.t($0, language) } ?? (errors.isEmpty ? nil : request.t("form.fix", language)),
            links: [.init(href: SiteURL.account(language).path, label: request.t("nav.account", language))])
        return try await request.render("account/form", page, language: language, title: page.heading, section: .account, status: status)
    }

    func ask(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeOwnAccount)
        guard let user = request.user else { throw Abort(.unauthorized) }
        let form = try request.form(ChangeForm.self)
        var errors = FormErrors()
        errors.check(EmailAddress.isValid(form.email), "email", "error.email")
        errors.check(form.email != user.email, "email", "email.change.same")
        errors.check(try await request.reauthenticates(user, password: form.password), "password", "password.wrong")
        guard errors.isEmpty else { return try await render(request, language, email: form.email, errors: errors, status: .unprocessableEntity) }
        if try await UserStore(database: request.db).find(email: form.email) == nil {
            let change = try EmailLink.make(.change, for: user, to: form.email, lifetime: Self.lifetime, path: { .emailChangeToken($0, token: $1) },
                                            subject: "mail.emailChange.subject", body: "mail.emailChange.body", request: request)
            try await EmailTokens(database: request.db).sendChange(
                change.token, to: form.email, mail: change.mail,
                audit: request.auditEntry("email.change_requested", target: user.email, detail: form.email, user: user), now: request.now)
        }
        return try await render(request, language, email: "", errors: FormErrors(), message: "email.change.sent")
    }

    /// The link's page: says which address the account gets, with the button that confirms.
    func confirmForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let token = request.parameters.get("token") ?? ""
        guard token.count <= 100, let pending = try await EmailTokens(database: request.db).pendingChange(Tokens.digest(token), now: request.now)
        else { throw Abort(.notFound) }
        let page = VerifyEmailPage(heading: request.t("email.change.heading", language),
                                   intro: request.t("email.change.confirm.intro", language, ["email": pending.newEmail]),
                                   action: SiteURL.emailChangeToken(language, token: token).path, submit: request.t("email.change.confirm", language))
        return try await request.render("account/verify-email", page, language: language, title: page.heading, section: .account,
                                        opensSession: true)
    }

    func confirm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let token = request.parameters.get("token") ?? ""
        let tokens = EmailTokens(database: request.db)
        guard token.count <= 100, let pending = try await tokens.pendingChange(Tokens.digest(token), now: request.now) else { throw Abort(.notFound) }
        let user = pending.user, old = user.email, lang = user.preferredLanguage
        let notice = Outbox.Mail(to: old, subject: request.t("mail.emailChanged.subject", lang),
                                 body: request.t("mail.emailChanged.body", lang, ["name": user.name, "email": pending.newEmail]))
        let outcome = try await tokens.applyChange(Tokens.digest(token), of: user, to: pending.newEmail, notice: notice,
                                                   audit: request.auditEntry("email.changed", target: old, detail: pending.newEmail, user: user),
                                                   now: request.now)
        guard outcome == .changed else { throw Abort(.notFound) }
        let page = AccountFormPage(
            heading: request.t("email.change.heading", language), intro: nil, action: "", fields: [], submit: "",
            message: request.t("email.change.done", language, ["email": pending.newEmail]),
            links: [request.user == nil ? .init(href: SiteURL.login(language).path, label: request.t("nav.login", language))
                                        : .init(href: SiteURL.account(language).path, label: request.t("nav.account", language))])
        return try await request.render("account/form", page, language: language, title: page.heading, section: .account)
    }
}
