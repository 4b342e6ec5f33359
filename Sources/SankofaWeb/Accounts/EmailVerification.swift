import Fluent
import SankofaCore
import SankofaStore
import SQLKit
import Vapor

/// Proof that an applicant owns their address: a single-use link, stored as a digest, valid a day.
enum EmailVerification {
    static let lifetime = 24 * 3600

    static func send(to user: UserModel, request: Request, on database: any Database) async throws {
        let token = Tokens.random()
        try await (database as! any SQLDatabase).raw("""
            INSERT INTO email_tokens (token_hash, purpose, user_id, expires_at)
            VALUES (\(bind: Tokens.digest(token)), 'verify', \(bind: try user.requireID()), \(bind: request.now + lifetime))
            """).run()
        let language = user.preferredLanguage
        let link = request.application.settings.baseURL + SiteURL.verifyEmail(language, token: token).path
        try await Outbox(database: database).queue(
            to: user.email,
            subject: request.t("mail.verify.subject", language),
            body: request.t("mail.verify.body", language, ["name": user.name, "link": link]),
            now: request.now)
    }

    /// Marks the address verified when the token is known, unused and unexpired; consumes it.
    static func confirm(_ token: String, request: Request) async throws -> UserModel? {
        let sql = request.db as! any SQLDatabase
        let digest = Tokens.digest(token)
        guard let row = try await sql.raw("""
            SELECT user_id FROM email_tokens WHERE token_hash = \(bind: digest) AND purpose = 'verify'
            AND used_at IS NULL AND expires_at > \(bind: request.now)
            """).first(),
            let user = try await UserModel.find(try row.decode(column: "user_id", as: UUID.self), on: request.db)
        else { return nil }
        try await sql.raw("UPDATE email_tokens SET used_at = \(bind: request.now) WHERE token_hash = \(bind: digest)").run()
        user.emailVerifiedAt = Date()
        try await user.save(on: request.db)
        return user
    }
}
