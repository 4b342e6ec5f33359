import Fluent
import Foundation
import SQLKit

/// The second factor: the secret offered while it is set up, switching it on (with new recovery
/// codes) and off, and the time step of the last code accepted. Each change is a conditional
/// update whose row count decides: two requests with one code at the same moment cannot both pass.
extension UserStore {
    fileprivate var sql: any SQLDatabase { database as! any SQLDatabase }

    /// The secret waiting to be confirmed, made now (by `make`) when there is none. It stays the
    /// same until two-step sign-in is on, so a page reloaded does not undo what the phone holds.
    public func pendingTwoFactorSecret(of user: UserModel, make: @Sendable () -> String) async throws -> String {
        let id = try user.requireID()
        try await sql.raw("""
            UPDATE users SET totp_pending_secret = \(bind: make()) WHERE id = \(bind: id) AND totp_pending_secret IS NULL
            """).run()
        let secret = try await sql.raw("SELECT totp_pending_secret FROM users WHERE id = \(bind: id)").first()?
            .decode(column: "totp_pending_secret", as: String?.self)
        guard let secret else { throw FluentError.noResults }
        return secret
    }

    /// Switches the second factor on with the pending `secret`, which the code of `step` proved the
    /// authenticator holds; stores the recovery codes' hashes and ends every session of the account
    /// (the caller opens a new one). False when the pending secret changed or the factor is
    /// already on (another request got there first): nothing is changed then.
    public func enableTwoFactor(_ user: UserModel, secret: String, step: Int, recoveryHashes: [String], audit: AuditLog.Entry) async throws -> Bool {
        let id = try user.requireID()
        let enabled = try await database.atomically { tx in
            let store = UserStore(database: tx)
            guard try await store.sql.raw("""
                UPDATE users SET totp_secret = totp_pending_secret, totp_pending_secret = NULL, totp_last_step = \(bind: step)
                WHERE id = \(bind: id) AND totp_secret IS NULL AND totp_pending_secret = \(bind: secret) RETURNING id
                """).first() != nil
            else { return false }
            try await RecoveryCodes(database: tx).replace(for: id, hashes: recoveryHashes)
            try await SessionStore(database: tx).deleteAll(of: id)
            try await AuditLog(database: tx).record(audit)
            return true
        }
        if enabled { try await reload(user) }
        return enabled
    }

    /// Switches the second factor off, the code of `step` spent; every session of the account ends.
    /// The step is kept although the secret goes: the code just given stays spent.
    public func disableTwoFactor(_ user: UserModel, step: Int, audit: AuditLog.Entry) async throws -> Bool {
        let id = try user.requireID()
        let disabled = try await database.atomically { tx in
            let store = UserStore(database: tx)
            guard try await store.spendStep(step, of: id) else { return false }
            try await store.sql.raw("UPDATE users SET totp_secret = NULL WHERE id = \(bind: id)").run()
            try await RecoveryCodes(database: tx).removeAll(for: id)
            try await SessionStore(database: tx).deleteAll(of: id)
            try await AuditLog(database: tx).record(audit)
            return true
        }
        if disabled { try await reload(user) }
        return disabled
    }

    /// New recovery codes in place of the old ones, the code of `step` spent.
    public func replaceRecoveryCodes(of user: UserModel, step: Int, hashes: [String], audit: AuditLog.Entry) async throws -> Bool {
        let id = try user.requireID()
        let replaced = try await database.atomically { tx in
            guard try await UserStore(database: tx).spendStep(step, of: id) else { return false }
            try await RecoveryCodes(database: tx).replace(for: id, hashes: hashes)
            try await AuditLog(database: tx).record(audit)
            return true
        }
        if replaced { try await reload(user) }
        return replaced
    }

    /// Spends the time step of a code just checked; false when that step or a later one was
    /// already spent, by this request's rival too.
    public func acceptTwoFactorStep(_ user: UserModel, step: Int) async throws -> Bool {
        guard try await spendStep(step, of: try user.requireID()) else { return false }
        try await reload(user)
        return true
    }

    func spendStep(_ step: Int, of id: UUID) async throws -> Bool {
        try await sql.raw("""
            UPDATE users SET totp_last_step = \(bind: step)
            WHERE id = \(bind: id) AND totp_secret IS NOT NULL AND (totp_last_step IS NULL OR totp_last_step < \(bind: step)) RETURNING id
            """).first() != nil
    }

    /// The account as stored after a raw update, so the request goes on with what is true.
    func reload(_ user: UserModel) async throws {
        guard let fresh = try await UserModel.find(try user.requireID(), on: database) else { return }
        user.totpSecret = fresh.totpSecret
        user.totpLastStep = fresh.totpLastStep
        user.totpPendingSecret = fresh.totpPendingSecret
    }
}
