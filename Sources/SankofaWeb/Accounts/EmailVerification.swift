import SankofaCore
import SankofaStore
import Vapor

/// A mail carrying a single-use link: the token to store (as its digest) and the mail, in the
/// account's language, whose stored body holds the link with ``Outbox/linkTokenMarker`` in the
/// token's place. The token goes beside the body and into it only when the mail is sent, so that
/// no one reading the outbox (admins, the person's data export, a backup) finds a live link.
enum EmailLink {
    static func make(_ purpose: EmailTokens.Purpose, for user: UserModel, to address: String? = nil, lifetime: Int,
                     path: (Language, String) -> SiteURL, subject: String, body: String, arguments: [String: String] = [:],
                     request: Request) throws -> (token: EmailTokens.Token, mail: Outbox.Mail) {
        let token = Tokens.random()
        let language = user.preferredLanguage
        let link = request.application.settings.baseURL + path(language, Outbox.linkTokenMarker).path
        let text = request.t(body, language, arguments.merging(["name": user.name, "link": link]) { $1 })
        return (EmailTokens.Token(digest: Tokens.digest(token), purpose: purpose, userID: try user.requireID(), expiresAt: request.now + lifetime),
                Outbox.Mail(to: address ?? user.email, subject: request.t(subject, language), body: text, linkToken: token))
    }
}

/// Proof that an applicant owns their address: a single-use link, stored as a digest, valid a day.
/// The link opens a page whose button confirms (a POST): mail scanners that fetch links verify nothing.
enum EmailVerification {
    static let lifetime = 24 * 3600

    /// A new link for `user`: the token to store and the mail that carries it, in the user's language.
    static func link(for user: UserModel, request: Request) throws -> (token: EmailTokens.Token, mail: Outbox.Mail) {
        try EmailLink.make(.verify, for: user, lifetime: lifetime, path: { .verifyEmail($0, token: $1) },
                           subject: "mail.verify.subject", body: "mail.verify.body", request: request)
    }
}

/// The link's page and its button. The page asks; only the POST, from the page with its CSRF
/// token, verifies the address (ASVS 3.5.3): a mail scanner fetching the link changes nothing.
extension AccountsController {
    func verifyForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let token = request.parameters.get("token") ?? ""
        guard token.count <= 100, try await EmailTokens(database: request.db).account(for: Tokens.digest(token), .verify, now: request.now) != nil
        else { throw Abort(.notFound) }
        let page = VerifyEmailPage(heading: request.t("verify.heading", language), intro: request.t("verify.intro", language),
                                   action: SiteURL.verifyEmail(language, token: token).path, submit: request.t("verify.submit", language))
        return try await request.render("account/verify-email", page, language: language, title: page.heading, section: .account,
                                        opensSession: true)
    }

    /// Marks the address verified, once, and says so.
    func verify(_ request: Request) async throws -> Response {
        let language = try request.language()
        let token = request.parameters.get("token") ?? ""
        guard token.count <= 100, let user = try await EmailTokens(database: request.db).confirmEmail(Tokens.digest(token), now: request.now)
        else { throw Abort(.notFound) }
        try await AuditLog(database: request.db).record(request.auditEntry("email.verified", target: user.email, user: user))
        let page = AccountFormPage(
            heading: request.t("verify.heading", language), intro: nil, action: "", fields: [], submit: "",
            message: request.t("verify.done", language),
            links: [request.user == nil ? .init(href: SiteURL.login(language).path, label: request.t("nav.login", language))
                                        : .init(href: SiteURL.account(language).path, label: request.t("nav.account", language))])
        return try await request.render("account/form", page, language: language, title: page.heading, section: .account)
    }
}
