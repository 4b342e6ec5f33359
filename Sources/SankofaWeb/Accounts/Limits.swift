import SankofaStore
import Vapor

/// The rate limits (ASVS 2.2.1), kept in the database so they hold across nodes.
enum Limits {
    static let loginPerAccount = RateLimiter.Limit(10, per: 15 * 60)
    static let loginPerIP = RateLimiter.Limit(50, per: 15 * 60)
    static let registration = RateLimiter.Limit(5, per: 3600)
    static let passwordReset = RateLimiter.Limit(5, per: 3600)

    /// Counts a hit; over the limit, a 429 page with `Retry-After`.
    static func check(_ request: Request, _ bucket: String, _ limit: RateLimiter.Limit) async throws {
        if let retryAfter = try await RateLimiter(database: request.db).hit(bucket, limit, now: request.now) {
            throw TooManyRequests(retryAfter: retryAfter)
        }
    }
}

struct TooManyRequests: Error, Sendable {
    var retryAfter: Int
}
