import Fluent
import Foundation

/// The second factor: switching it on (with new recovery codes) and off, and the time step of
/// the last code accepted, so that a code is used once only.
extension UserStore {
    /// `step` is the step of the first code, proof that the authenticator holds `secret`.
    public func enableTwoFactor(_ user: UserModel, secret: String, step: Int, recoveryDigests: [String], audit: AuditLog.Entry) async throws {
        user.totpSecret = secret
        user.totpLastStep = step
        try await database.atomically { tx in
            try await user.save(on: tx)
            try await RecoveryCodes(database: tx).replace(for: try user.requireID(), digests: recoveryDigests)
            try await AuditLog(database: tx).record(audit)
        }
    }

    /// The step is kept although the secret goes: the code just given stays spent.
    public func disableTwoFactor(_ user: UserModel, step: Int, audit: AuditLog.Entry) async throws {
        user.totpSecret = nil
        user.totpLastStep = step
        try await database.atomically { tx in
            try await user.save(on: tx)
            try await RecoveryCodes(database: tx).removeAll(for: try user.requireID())
            try await AuditLog(database: tx).record(audit)
        }
    }

    public func acceptTwoFactorStep(_ user: UserModel, step: Int) async throws {
        user.totpLastStep = step
        try await user.save(on: database)
    }
}
