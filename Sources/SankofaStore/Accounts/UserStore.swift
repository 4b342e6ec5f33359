import Fluent
import Foundation
import SankofaCore

/// Accounts: looked up by id or address, listed for the admins, created and changed. Every change
/// that needs an audit line writes it in the same transaction, so no change goes unrecorded.
public struct UserStore: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    public func find(id: UUID) async throws -> UserModel? {
        try await UserModel.find(id, on: database)
    }

    /// The account with this address (stored lowercased; the caller lowercases what was typed).
    public func find(email: String) async throws -> UserModel? {
        try await UserModel.query(on: database).filter(\.$email == email).first()
    }

    /// The newest accounts first, at most `limit`.
    public func latest(limit: Int) async throws -> [UserModel] {
        try await UserModel.query(on: database).sort(\.$createdAt, .descending).limit(limit).all()
    }

    public func create(_ user: UserModel, audit: AuditLog.Entry) async throws {
        try await database.atomically { tx in
            try await user.create(on: tx)
            try await AuditLog(database: tx).record(audit)
        }
    }

    /// A new applicant, with the link that verifies their address: the account, its audit line,
    /// the link's token and the mail carrying it are written together or not at all.
    public func register(_ user: UserModel, audit: AuditLog.Entry, verification: EmailTokens.Token, mail: Outbox.Mail, now: Int) async throws {
        try await database.atomically { tx in
            try await UserStore(database: tx).create(user, audit: audit)
            try await EmailTokens(database: tx).send(verification, mail: mail, now: now)
        }
    }

    /// Saves a change to what the account may do or how it signs in (roles, status, password)
    /// with its audit line, and ends every session of the account, at once: after a change of
    /// privilege or credentials the next sign-in gets a new session id. Every change of status
    /// goes through here, so the directory follows it here too.
    public func saveEndingSessions(_ user: UserModel, audit: AuditLog.Entry) async throws {
        try await database.atomically { tx in
            try await user.save(on: tx)
            try await SessionStore(database: tx).deleteAll(of: try user.requireID())
            // A disabled account's profile leaves the directory and search at once; enabled, it returns.
            try await ExpertStore(database: tx).followStatus(ofOwner: try user.requireID())
            try await AuditLog(database: tx).record(audit)
        }
    }

    /// A new password (already hashed); every session of the account ends.
    public func changePassword(of user: UserModel, to hash: String, audit: AuditLog.Entry) async throws {
        user.passwordHash = hash
        try await saveEndingSessions(user, audit: audit)
    }
}
