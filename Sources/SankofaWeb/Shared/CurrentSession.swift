import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The request's session and account, loaded once by `SessionMiddleware`.
struct CurrentSession: Sendable {
    var record: SessionRecord
    var user: UserModel?

    /// Who is asking, for the access policy; a session still waiting for its second factor is a visitor.
    var actor: Actor {
        guard let user, !record.twoFactorPending else { return .visitor }
        return user.actor
    }
}

extension Request {
    private struct CurrentSessionKey: StorageKey { typealias Value = CurrentSession }

    var currentSession: CurrentSession? {
        get { storage[CurrentSessionKey.self] }
        set { storage[CurrentSessionKey.self] = newValue }
    }

    var actor: Actor { currentSession?.actor ?? .visitor }

    /// The signed-in account, when there is one past its second factor.
    var user: UserModel? { currentSession.flatMap { $0.record.twoFactorPending ? nil : $0.user } }

    /// Throws 403 (or sends a visitor to the login page) unless the policy allows `permission`.
    func require(_ permission: Permission) async throws {
        guard AccessPolicy.allows(actor, permission) else {
            try await AuditLog(database: db).record(auditEntry("access.denied", target: url.path, detail: "\(permission)"))
            throw actor.isSignedIn ? Abort(.forbidden) : Abort(.unauthorized)
        }
    }

    var clientIP: String {
        headers.first(name: .xForwardedFor)?.split(separator: ",").first.map { $0.trimmingCharacters(in: .whitespaces) }
            ?? remoteAddress?.ipAddress ?? "unknown"
    }

    func auditEntry(_ action: String, target: String, detail: String = "", user: UserModel? = nil) -> AuditLog.Entry {
        let who = user ?? currentSession?.user
        return AuditLog.Entry(at: Int(Date().timeIntervalSince1970), actorID: who?.id?.uuidString, actorEmail: who?.email,
                              action: action, target: target, detail: detail, ip: clientIP)
    }

    var now: Int { Int(Date().timeIntervalSince1970) }
}
