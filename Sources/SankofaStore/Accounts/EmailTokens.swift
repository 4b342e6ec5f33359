import Fluent
import Foundation
import SQLKit

/// The single-use links sent by e-mail (an address to verify, a password to reset). The table
/// holds a digest of the token the link carries, never the token; a token opens its account
/// once, and only until it expires.
public struct EmailTokens: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    public enum Purpose: String, Sendable {
        /// `change`: a new address for an account, kept with the token (`new_email`).
        case verify, reset, change
    }

    public struct Token: Sendable {
        public var digest: String
        public var purpose: Purpose
        public var userID: UUID
        /// Unix seconds.
        public var expiresAt: Int

        public init(digest: String, purpose: Purpose, userID: UUID, expiresAt: Int) {
            self.digest = digest
            self.purpose = purpose
            self.userID = userID
            self.expiresAt = expiresAt
        }
    }

    /// Stores the token and queues the mail carrying its link (with the audit line, when given)
    /// together: no link is mailed without its token. The mail holds the link's token apart from
    /// its body (``Outbox/Mail/linkToken``) and is not sent once the token has expired.
    public func send(_ token: Token, mail: Outbox.Mail, audit: AuditLog.Entry? = nil, now: Int) async throws {
        guard mail.linkToken != nil else { throw Outbox.TokenInBody() }
        var mail = mail
        mail.linkExpiresAt = token.expiresAt
        try await database.atomically { [mail] tx in
            try await (tx as! any SQLDatabase).raw("""
                INSERT INTO email_tokens (token_hash, purpose, user_id, expires_at)
                VALUES (\(bind: token.digest), \(bind: token.purpose.rawValue), \(bind: token.userID), \(bind: token.expiresAt))
                """).run()
            try await Outbox(database: tx).queue(mail, now: now)
            if let audit { try await AuditLog(database: tx).record(audit) }
        }
    }

    /// The account a token opens when it is known, unused and unexpired at `now`.
    public func account(for digest: String, _ purpose: Purpose, now: Int) async throws -> UserModel? {
        guard let row = try await sql.raw("""
            SELECT user_id FROM email_tokens WHERE token_hash = \(bind: digest) AND purpose = \(bind: purpose.rawValue)
            AND used_at IS NULL AND expires_at > \(bind: now)
            """).first()
        else { return nil }
        return try await UserStore(database: database).find(id: try row.decode(column: "user_id", as: UUID.self))
    }

    /// Marks the address of the token's account verified and spends the token; nil when the
    /// token opens no account.
    public func confirmEmail(_ digest: String, now: Int) async throws -> UserModel? {
        try await database.atomically { tx in
            let tokens = EmailTokens(database: tx)
            guard let user = try await tokens.account(for: digest, .verify, now: now) else { return nil }
            try await tokens.spend(digest, now: now)
            user.emailVerifiedAt = Date()
            try await user.save(on: tx)
            return user
        }
    }

    /// Sets the new password (already hashed) of the account a reset token opens, spends the
    /// token and voids the account's other reset links; every session of the account ends. False,
    /// and nothing changed, when the token was spent meanwhile (by a rival request: the spending
    /// is conditional, so only one of two requests with one token at the same moment gets it).
    public func resetPassword(_ digest: String, of user: UserModel, to hash: String, audit: AuditLog.Entry, now: Int) async throws -> Bool {
        try await database.atomically { tx in
            let tokens = EmailTokens(database: tx)
            guard try await tokens.spend(digest, .reset, now: now) == user.id else { return false }
            try await tokens.voidAll(.reset, of: try user.requireID(), now: now)
            // The link reached the address: it is verified too (an applicant whose verification
            // link expired confirms their address this way).
            if user.emailVerifiedAt == nil { user.emailVerifiedAt = Date() }
            try await UserStore(database: tx).changePassword(of: user, to: hash, audit: audit)
            return true
        }
    }

    /// Spends a live token of `purpose`; its account's id when this call spent it.
    func spend(_ digest: String, _ purpose: Purpose, now: Int) async throws -> UUID? {
        try await sql.raw("""
            UPDATE email_tokens SET used_at = \(bind: now)
            WHERE token_hash = \(bind: digest) AND purpose = \(bind: purpose.rawValue) AND used_at IS NULL AND expires_at > \(bind: now)
            RETURNING user_id
            """).first()?.decode(column: "user_id", as: UUID.self)
    }

    /// Spends every live token of `purpose` of an account.
    func voidAll(_ purpose: Purpose, of userID: UUID, now: Int) async throws {
        try await sql.raw("""
            UPDATE email_tokens SET used_at = \(bind: now) WHERE user_id = \(bind: userID) AND purpose = \(bind: purpose.rawValue) AND used_at IS NULL
            """).run()
    }

    func spend(_ digest: String, now: Int) async throws {
        try await sql.raw("UPDATE email_tokens SET used_at = \(bind: now) WHERE token_hash = \(bind: digest)").run()
    }
}
