import SankofaCore
import SankofaStore
import Vapor

/// Applying for membership. The answer to a sent application is the same page whether or not the
/// address has an account already (ASVS 6.3.8): a new address gets a pending account and the link
/// that verifies it; a known one gets a mail telling its owner, and no account. Both pay for a
/// password hash, so that neither answers noticeably sooner. No one is signed in by applying:
/// the applicant signs in, as anyone, with the password they chose.
extension AccountsController {
    /// How often the owner of a known address is told that someone applied with it.
    static let knownAddressNotice = RateLimiter.Limit(1, per: 3600)

    func registerForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        return try await renderRegistration(request, language, RegistrationForm(language: language.rawValue), FormErrors())
    }

    func renderRegistration(_ request: Request, _ language: Language, _ form: RegistrationForm, _ errors: FormErrors,
                            status: HTTPStatus = .ok) async throws -> Response {
        var fields = form.fields(request, language)
        errors.apply(to: &fields, request, language)
        let page = AccountFormPage(
            heading: request.t("account.register.heading", language), intro: request.t("account.register.intro", language),
            action: SiteURL.register(language).path, fields: fields,
            submit: request.t("account.register.submit", language),
            message: errors.isEmpty ? nil : request.t("form.fix", language),
            links: [.init(href: SiteURL.login(language).path, label: request.t("account.login.instead", language))])
        return try await request.render("account/form", page, language: language, title: page.heading, section: .account, status: status,
                                        opensSession: true)
    }

    func register(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await Limits.check(request, "register:source:\(Limits.source(request))", Limits.registration)
        let form = try request.form(RegistrationForm.self)
        let errors = form.validate()
        guard errors.isEmpty else {
            return try await renderRegistration(request, language, form, errors, status: .unprocessableEntity)
        }
        let password = form.password, cost = request.application.settings.bcryptCost
        let hash = try await request.application.threadPool.runIfActive { try Passwords.hash(password, cost: cost) }
        let users = UserStore(database: request.db)
        if let owner = try await users.find(email: form.cleanEmail) {
            try await tellOwner(owner, request)
        } else {
            let user = applicant(form, language, passwordHash: hash)
            let verification = try EmailVerification.link(for: user, request: request)
            try await users.register(user, audit: request.auditEntry("account.registered", target: user.email, user: user),
                                     verification: verification.token, mail: verification.mail, now: request.now)
        }
        let page = AccountFormPage(
            heading: request.t("account.register.heading", language), intro: nil, action: SiteURL.register(language).path, fields: [],
            submit: request.t("account.register.submit", language), message: request.t("account.register.sent", language),
            links: [.init(href: SiteURL.login(language).path, label: request.t("nav.login", language))])
        return try await request.render("account/form", page, language: language, title: page.heading, section: .account, opensSession: true)
    }

    /// A pending account from the form; its id is chosen before it is stored, as the audit line
    /// and the verification link name it.
    func applicant(_ form: RegistrationForm, _ language: Language, passwordHash: String) -> UserModel {
        let user = UserModel()
        user.id = UUID()
        user.email = form.cleanEmail
        user.name = form.cleanName
        user.country = form.cleanCountry
        user.organisation = form.cleanOrganisation
        user.organisationType = form.organisationType
        user.position = form.cleanPosition
        user.motivation = form.cleanMotivation
        user.language = form.language ?? language.rawValue
        user.status = AccountStatus.pending.rawValue
        user.roles = []
        user.passwordHash = passwordHash
        return user
    }

    /// Someone applied with the address of an account: its owner is told (if it was them, they sign
    /// in or reset their password), at most once an hour, so that the form cannot fill a mailbox.
    /// A disabled account is not told: it could do neither.
    func tellOwner(_ owner: UserModel, _ request: Request) async throws {
        guard owner.accountStatus != .disabled,
              try await RateLimiter(database: request.db).hit("register:known:\(owner.email)", Self.knownAddressNotice, now: request.now) == nil
        else { return }
        let language = owner.preferredLanguage, base = request.application.settings.baseURL
        let mail = Outbox.Mail(
            to: owner.email, subject: request.t("mail.registerAttempt.subject", language),
            body: request.t("mail.registerAttempt.body", language, ["name": owner.name, "login": base + SiteURL.login(language).path,
                                                                    "reset": base + SiteURL.passwordReset(language).path]))
        try await Outbox(database: request.db).queue(mail, now: request.now)
    }
}
