import Fluent
import Foundation
import SQLKit

/// A change of address: a link mailed to the new address carries a token stored with that address
/// (purpose `change`); the account's address changes only when the link's page is confirmed.
extension EmailTokens {
    /// Stores the link's token with the new address and queues its mail, voiding any change
    /// asked for before: one change waits at a time.
    public func sendChange(_ token: Token, to newEmail: String, mail: Outbox.Mail, audit: AuditLog.Entry, now: Int) async throws {
        try await database.atomically { tx in
            let tokens = EmailTokens(database: tx)
            try await tokens.voidAll(.change, of: token.userID, now: now)
            try await tokens.send(token, mail: mail, audit: audit, now: now)
            try await tokens.sql.raw("UPDATE email_tokens SET new_email = \(bind: newEmail) WHERE token_hash = \(bind: token.digest)").run()
        }
    }

    /// The account and the new address a live change link names.
    public func pendingChange(_ digest: String, now: Int) async throws -> (user: UserModel, newEmail: String)? {
        guard let row = try await sql.raw("""
            SELECT user_id, new_email FROM email_tokens WHERE token_hash = \(bind: digest) AND purpose = \(bind: Purpose.change.rawValue)
            AND used_at IS NULL AND expires_at > \(bind: now)
            """).first(),
            let newEmail = try row.decode(column: "new_email", as: String?.self),
            let user = try await UserStore(database: database).find(id: try row.decode(column: "user_id", as: UUID.self))
        else { return nil }
        return (user, newEmail)
    }

    public enum ChangeOutcome: Sendable, Equatable {
        case changed
        /// The link was spent or expired meanwhile.
        case gone
        /// Another account took the address after the link was sent (the link is spent).
        case taken
    }

    /// Gives the account of the link its new address, verified by this very link, spends the link
    /// and voids every other link the account has (mailed to the old address), and queues the
    /// notice to the old address, with the audit line, all at once.
    public func applyChange(_ digest: String, of user: UserModel, to newEmail: String, notice: Outbox.Mail, audit: AuditLog.Entry,
                            now: Int) async throws -> ChangeOutcome {
        let id = try user.requireID()
        do {
            return try await change(digest, of: user, id: id, to: newEmail, notice: notice, audit: audit, now: now)
        } catch let error as any DatabaseError where error.isConstraintFailure {
            // Two accounts confirming the same new address at the same moment both find it free;
            // the unique index stops the second, whose transaction is undone: it is taken.
            return .taken
        }
    }

    private func change(_ digest: String, of user: UserModel, id: UUID, to newEmail: String, notice: Outbox.Mail, audit: AuditLog.Entry,
                        now: Int) async throws -> ChangeOutcome {
        try await database.atomically { tx in
            let tokens = EmailTokens(database: tx)
            guard try await tokens.spend(digest, .change, now: now) == id else { return .gone }
            guard try await UserStore(database: tx).find(email: newEmail) == nil else { return .taken }
            for purpose in [Purpose.verify, .reset, .change] { try await tokens.voidAll(purpose, of: id, now: now) }
            user.email = newEmail
            user.emailVerifiedAt = Date()
            try await user.save(on: tx)
            try await Outbox(database: tx).queue(notice, now: now)
            try await AuditLog(database: tx).record(audit)
            return .changed
        }
    }
}
