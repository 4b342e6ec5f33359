import SankofaStore
import Vapor

/// The rate limits (ASVS 6.3.1, 2.4.1), kept in the database so they hold across nodes.
enum Limits {
    static let loginPerAccount = RateLimiter.Limit(10, per: 15 * 60)
    static let loginPerIP = RateLimiter.Limit(50, per: 15 * 60)
    static let registration = RateLimiter.Limit(5, per: 3600)
    static let passwordReset = RateLimiter.Limit(5, per: 3600)
    /// A password, or a second-factor code, asked again of someone who already holds a session
    /// (changing the password, deleting the account, switching two-step sign-in on or off,
    /// changing the address): one count per account for all of them, so that a stolen session
    /// cannot try passwords without end on any of these forms.
    static let reauthentication = RateLimiter.Limit(10, per: 15 * 60)

    /// Counts a hit; over the limit, a 429 page with `Retry-After`.
    static func check(_ request: Request, _ bucket: String, _ limit: RateLimiter.Limit) async throws {
        if let retryAfter = try await RateLimiter(database: request.db).hit(bucket, limit, now: request.now) {
            throw TooManyRequests(retryAfter: retryAfter)
        }
    }

    /// Call before checking a password or code that a signed-in person gives again; every such
    /// form shares the account's count (a 429 page past it).
    static func checkReauthentication(_ request: Request, _ user: UserModel) async throws {
        try await check(request, "reauth:\(try user.requireID().uuidString)", reauthentication)
    }
}

struct TooManyRequests: Error, Sendable {
    var retryAfter: Int
}
