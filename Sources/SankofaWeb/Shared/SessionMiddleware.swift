import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// Loads the session named by the cookie (database-backed, idle and absolute timeouts), and
/// offers `startSession` to open or replace one. Cookie: HttpOnly, SameSite=Lax; Secure with the
/// `__Host-` prefix when the site is served over HTTPS.
struct SessionMiddleware: AsyncMiddleware {
    let settings: AppSettings

    var cookieName: String { settings.https ? "__Host-sankofa_session" : "sankofa_session" }

    /// Without a session cookie there is nothing to load: the answer's cookie and cache headers are
    /// set on the event loop, without a task of its own (see ``PassThroughMiddleware``).
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        guard sessionToken(request) != nil else { return next.respond(to: request).map { finish($0, request) } }
        return respondInTask(to: request, chainingTo: next)
    }

    func sessionToken(_ request: Request) -> String? {
        guard let token = request.cookies[cookieName]?.string, !token.isEmpty, token.count <= 100 else { return nil }
        return token
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        if let token = sessionToken(request) {
            let store = SessionStore(database: request.db, idle: settings.sessionIdle, absolute: settings.sessionAbsolute)
            if let record = try await store.find(Tokens.digest(token), now: request.now) {
                let user = try await record.userID.asyncFlatMap { try await UserStore(database: request.db).find(id: $0) }
                if user?.accountStatus == .disabled {
                    try await store.delete(record.tokenHash)
                } else {
                    request.currentSession = CurrentSession(record: record, user: user)
                    try await store.touch(record, now: request.now)
                }
            }
        }
        return finish(try await next.respond(to: request), request)
    }

    func finish(_ response: Response, _ request: Request) -> Response {
        if let token = request.newSessionToken {
            response.cookies[cookieName] = cookie(token, maxAge: settings.sessionAbsolute)
        } else if request.sessionEnded {
            response.cookies[cookieName] = cookie("", maxAge: 0)
        }
        if request.currentSession != nil {
            // Pages for a signed-in reader are theirs alone: no shared cache keeps them.
            response.headers.replaceOrAdd(name: .cacheControl, value: "private, no-store")
        }
        return response
    }

    func cookie(_ value: String, maxAge: Int) -> HTTPCookies.Value {
        HTTPCookies.Value(string: value, maxAge: maxAge, path: "/", isSecure: settings.https, isHTTPOnly: true, sameSite: .lax)
    }
}

extension Request {
    private struct NewTokenKey: StorageKey { typealias Value = String }
    private struct EndedKey: StorageKey { typealias Value = Bool }

    fileprivate(set) var newSessionToken: String? {
        get { storage[NewTokenKey.self] }
        set { storage[NewTokenKey.self] = newValue }
    }

    fileprivate(set) var sessionEnded: Bool {
        get { storage[EndedKey.self] ?? false }
        set { storage[EndedKey.self] = newValue }
    }

    /// Opens a session for `user` (nil: an anonymous session that only carries a CSRF token),
    /// always under a new token: the old session, if any, is deleted, so an id fixed before login
    /// is worthless after it (ASVS 3.2.1).
    @discardableResult
    func startSession(user: UserModel?, twoFactorPending: Bool = false) async throws -> SessionRecord {
        let settings = application.settings
        let store = SessionStore(database: db, idle: settings.sessionIdle, absolute: settings.sessionAbsolute)
        if let old = currentSession { try await store.delete(old.record.tokenHash) }
        let token = Tokens.random()
        let record = SessionRecord(
            tokenHash: Tokens.digest(token), userID: user?.id, csrfToken: Tokens.random(), twoFactorPending: twoFactorPending,
            createdAt: now, lastSeenAt: now, ip: clientIP, userAgent: headers.first(name: .userAgent) ?? "")
        try await store.create(record)
        // Housekeeping, now and then: expired sessions and spent rate-limit windows.
        if Int.random(in: 0..<50) == 0 {
            try await store.prune(now: now)
            // Two of the longest windows (a day): the sliding count reads the previous window too.
            try await RateLimiter(database: db).prune(before: now - 2 * 24 * 3600)
            // Counts of refused requests are for watching trends, not evidence: 90 days.
            try await DeniedRequests(database: db).prune(before: now - 90 * 24 * 3600)
        }
        currentSession = CurrentSession(record: record, user: user)
        newSessionToken = token
        return record
    }

    func endSession() async throws {
        if let old = currentSession {
            try await SessionStore(database: db).delete(old.record.tokenHash)
        }
        currentSession = nil
        newSessionToken = nil
        sessionEnded = true
    }
}

extension Optional {
    func asyncFlatMap<T>(_ transform: (Wrapped) async throws -> T?) async rethrows -> T? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
