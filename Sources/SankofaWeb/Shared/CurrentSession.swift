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

    /// An API request with a token acts as the token allows (``AuthenticatedToken``), whatever cookie it also carries.
    var actor: Actor { apiToken?.actor ?? currentSession?.actor ?? .visitor }

    /// The signed-in account, when there is one past its second factor.
    var user: UserModel? { currentSession.flatMap { $0.record.twoFactorPending ? nil : $0.user } }

    /// Throws 403 (or sends a visitor to the login page) unless the policy allows `permission`.
    func require(_ permission: Permission) async throws {
        guard AccessPolicy.allows(actor, permission) else {
            try await recordDenial(detail: "\(permission)")
            throw actor.isSignedIn ? Abort(.forbidden) : Abort(.unauthorized)
        }
    }

    /// The client's address: the TCP peer, or the address a trusted proxy forwarded for
    /// (`SANKOFA_TRUSTED_PROXIES`, see `TrustedProxies`). Nil when the peer is unknown (requests
    /// made in memory by the tests).
    var clientAddress: IPAddress? {
        guard let peer = remoteAddress?.ipAddress.flatMap({ IPAddress($0) }) else { return nil }
        return application.settings.trustedProxies.client(peer: peer, forwardedFor: headers[.xForwardedFor])
    }

    /// The client's address as sessions and the audit log record it.
    var clientIP: String { clientAddress?.description ?? "unknown" }

    func auditEntry(_ action: String, target: String, detail: String = "", user: UserModel? = nil) -> AuditLog.Entry {
        let who = user ?? currentSession?.user
        return AuditLog.Entry(at: Int(Date().timeIntervalSince1970), actorID: who?.id?.uuidString, actorEmail: who?.email,
                              action: action, target: target, detail: detail, ip: clientIP)
    }

    var now: Int { Int(Date().timeIntervalSince1970) }
}
