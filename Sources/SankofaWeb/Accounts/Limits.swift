import SankofaCore
import SankofaStore
import Vapor

/// The rate limits (ASVS 6.3.1, 2.4.1), kept in the database so they hold across nodes. A source
/// is the client's address (`Request.clientAddress`, which believes `X-Forwarded-For` only from
/// trusted proxies), or its /64 for IPv6, as one subscriber usually holds a whole /64.
enum Limits {
    /// Sign-in attempts from one source, whatever the accounts.
    static let signInPerSource = RateLimiter.Limit(50, per: 15 * 60)
    /// Attempts on one account from one source: the guessing a stranger can do from where they are,
    /// without closing the account to its owner elsewhere (ASVS 6.1.1's malicious lockout).
    static let signInPerAccountAndSource = RateLimiter.Limit(10, per: 15 * 60)
    /// Attempts on one account from all sources, slower: guessing spread over many addresses. Past
    /// it the account cannot be signed in to for a while, by its owner either, who is told by
    /// e-mail (`signInPausedNotice`).
    static let signInPerAccount = RateLimiter.Limit(100, per: 3600)
    static let registration = RateLimiter.Limit(5, per: 3600)
    static let passwordReset = RateLimiter.Limit(5, per: 3600)
    /// A password, or a second-factor code, asked again of someone who already holds a session
    /// (changing the password, deleting the account, switching two-step sign-in on or off,
    /// changing the address): one count per account for all of them, so that a stolen session
    /// cannot try passwords without end on any of these forms.
    static let reauthentication = RateLimiter.Limit(10, per: 15 * 60)
    /// Audit lines for a member's refused requests, per account and per source (`recordDenial`).
    static let deniedLinesPerAccount = RateLimiter.Limit(20, per: 3600)
    static let deniedLinesPerSource = RateLimiter.Limit(60, per: 3600)

    /// Counts a hit; over the limit, a 429 page with `Retry-After`.
    static func check(_ request: Request, _ bucket: String, _ limit: RateLimiter.Limit) async throws {
        if let retryAfter = try await RateLimiter(database: request.db).hit(bucket, limit, now: request.now) {
            throw TooManyRequests(retryAfter: retryAfter)
        }
    }

    /// The key of the request's source in rate-limit buckets.
    static func source(_ request: Request) -> String {
        guard let address = request.clientAddress else { return "unknown" }
        return address.isIPv4 ? address.description : "\(address.network(prefix: 64))/64"
    }

    /// Call before checking a password or code that a signed-in person gives again; every such
    /// form shares the account's count (a 429 page past it).
    static func checkReauthentication(_ request: Request, _ user: UserModel) async throws {
        try await check(request, "reauth:\(try user.requireID().uuidString)", reauthentication)
    }

    /// Before a sign-in attempt on `email`: the source's limit, then the account's from this
    /// source, then the account's from everywhere. Each is counted only once the ones before it
    /// let the attempt through, so a source already refused spends nothing of the account's.
    /// Buckets start with the source: the limiter keeps 200 characters of a name, and an address
    /// may be longer.
    static func checkSignIn(_ request: Request, email: String) async throws {
        let source = source(request)
        try await check(request, "login:source:\(source)", signInPerSource)
        try await check(request, "login:source-account:\(source):\(email)", signInPerAccountAndSource)
        do {
            try await check(request, "login:account:\(email)", signInPerAccount)
        } catch let limited as TooManyRequests {
            try await signInPausedNotice(request, email: email)
            throw limited
        }
    }

    /// Tells the owner, once a window, in their language, that their account's sign-in is paused
    /// (ASVS 6.3.5): they learn of the guessing, and why they may find themselves refused.
    static func signInPausedNotice(_ request: Request, email: String) async throws {
        guard let user = try await UserStore(database: request.db).find(email: email), user.accountStatus != .disabled,
              try await RateLimiter(database: request.db).hit("login:paused-notice:\(email)", .init(1, per: signInPerAccount.window),
                                                              now: request.now) == nil
        else { return }
        let language = user.preferredLanguage
        let mail = Outbox.Mail(
            to: user.email, subject: request.t("mail.signInPaused.subject", language),
            body: request.t("mail.signInPaused.body", language, [
                "name": user.name, "minutes": String(signInPerAccount.window / 60),
                "link": request.application.settings.baseURL + SiteURL.passwordReset(language).path,
            ]))
        try await AuditLog(database: request.db).record(request.auditEntry("login.paused", target: user.email),
                                                        telling: mail, now: request.now)
    }
}

struct TooManyRequests: Error, Sendable {
    var retryAfter: Int
}
