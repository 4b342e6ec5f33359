import SankofaCore
import SankofaStore
import Vapor

/// Proof that an applicant owns their address: a single-use link, stored as a digest, valid a day.
enum EmailVerification {
    static let lifetime = 24 * 3600

    /// A new link for `user`: the token to store and the mail that carries it, in the user's language.
    static func link(for user: UserModel, request: Request) throws -> (token: EmailTokens.Token, mail: Outbox.Mail) {
        let token = Tokens.random()
        let language = user.preferredLanguage
        let link = request.application.settings.baseURL + SiteURL.verifyEmail(language, token: token).path
        return (EmailTokens.Token(digest: Tokens.digest(token), purpose: .verify, userID: try user.requireID(), expiresAt: request.now + lifetime),
                Outbox.Mail(to: user.email, subject: request.t("mail.verify.subject", language),
                            body: request.t("mail.verify.body", language, ["name": user.name, "link": link])))
    }
}
