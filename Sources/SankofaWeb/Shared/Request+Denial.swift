import SankofaStore
import Vapor

extension Request {
    /// Records a refused request (ASVS 16.3.2) without letting anyone fill the append-only audit
    /// log with them (ASVS 2.4.1): 200 anonymous requests for an admin page made 200 lines there,
    /// which could never be pruned. A visitor's refusal is counted per route and hour
    /// (`DeniedRequests`, which admins read and which is pruned): it names nobody, and its address
    /// is anyone's to choose. A member's is evidence and gets its audit line, up to
    /// `Limits.deniedLinesPerAccount` an hour for the account and `Limits.deniedLinesPerSource` for
    /// its address (accounts are cheap to register); past either, it is counted under the
    /// member's address.
    func recordDenial(detail: String) async throws {
        guard let user else {
            return try await DeniedRequests(database: db).count(route: routePattern, now: now)
        }
        let limiter = RateLimiter(database: db)
        if try await limiter.hit("denied:account:\(try user.requireID())", Limits.deniedLinesPerAccount, now: now) == nil,
           try await limiter.hit("denied:source:\(Limits.source(self))", Limits.deniedLinesPerSource, now: now) == nil {
            try await AuditLog(database: db).record(auditEntry("access.denied", target: url.path, detail: detail))
        } else {
            try await DeniedRequests(database: db).count(route: routePattern, actor: user.email, now: now)
        }
    }

    /// The route's pattern (`GET /:lang/admin/audit`): a bounded set, unlike the paths asked for.
    var routePattern: String {
        guard let route else { return "\(method) (no route)" }
        return "\(method) /" + route.path.map(\.description).joined(separator: "/")
    }
}
