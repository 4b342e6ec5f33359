import Fluent
import NIOConcurrencyHelpers
import SankofaStore
import Vapor

/// How many API requests a client may make per window: a source address without a token, or a
/// token (a higher figure). nil: no limit (`SANKOFA_API_RATE_ANONYMOUS=0`, for benchmarks).
public struct APIRateLimits: Sendable, Equatable {
    public var anonymous: Int?
    public var token: Int?
    public var window: Int

    public init(anonymous: Int?, token: Int?, window: Int = 60) {
        self.anonymous = anonymous
        self.token = token
        self.window = window
    }

    public static let standard = APIRateLimits(anonymous: 60, token: 600)
    public static let off = APIRateLimits(anonymous: nil, token: nil)
}

/// The API's rate limits, shared by every node through the database without a database write
/// per request.
///
/// Why this scheme: a node counts its requests in memory, per bucket and fixed window, and once a
/// second (``flush(on:now:)``, on a ``BackgroundLoop``) adds them to the shared `rate_limits`
/// rows in one batched upsert that also returns each bucket's total over all nodes. A request is
/// decided in memory: allowed while the bucket's last known total plus what this node counted
/// since is under the limit. The cost is one statement a second per node, however busy it is;
/// the price is approximation: what other nodes counted is seen up to a second late (learnt when
/// this node flushes the same bucket), so a client spread over N nodes may overshoot by at most
/// about a second of its requests on each of the other nodes, and a fixed window allows a burst
/// across its boundary. Refused requests are not counted, so a refused client gets back in at
/// the next window. A limit checked against the database on each request (like ``RateLimiter``
/// for sign-in) would be exact but would write a row per API call, the very load it guards.
final class APIRateLimiter: Sendable {
    struct Decision: Sendable, Equatable {
        var allowed: Bool
        var limit: Int
        var remaining: Int
        /// Seconds until the window ends (`RateLimit-Reset`, and `Retry-After` when refused).
        var reset: Int
    }

    private struct State {
        var limits: APIRateLimits
        var windowStart = 0
        /// Hits not yet added to the database, by window start and bucket.
        var pending: [Int: [String: Int]] = [:]
        /// Each bucket's total as the database last told it (this window).
        var known: [String: Int] = [:]
        /// Tokens used since the last flush, for their `last_used_at`.
        var usedTokens: Set<Int> = []
    }

    private let state: NIOLockedValueBox<State>

    init(limits: APIRateLimits) {
        state = NIOLockedValueBox(State(limits: limits))
    }

    var limits: APIRateLimits {
        get { state.withLockedValue { $0.limits } }
        set { state.withLockedValue { $0.limits = newValue } }
    }

    /// Counts one request on `bucket` (`token: true` for a token's, with the token's id) unless it
    /// is over its limit; nil when the bucket has no limit.
    func hit(_ bucket: String, token: Int? = nil, now: Int) -> Decision? {
        state.withLockedValue { state in
            if let token { state.usedTokens.insert(token) }
            guard let limit = token == nil ? state.limits.anonymous : state.limits.token, limit > 0 else { return nil }
            let window = state.limits.window, start = now - now % window
            if start != state.windowStart {
                state.windowStart = start
                state.known = [:]
            }
            let used = (state.known[bucket] ?? 0) + (state.pending[start]?[bucket] ?? 0)
            let reset = max(1, start + window - now)
            guard used < limit else { return Decision(allowed: false, limit: limit, remaining: 0, reset: reset) }
            state.pending[start, default: [:]][bucket, default: 0] += 1
            return Decision(allowed: true, limit: limit, remaining: limit - used - 1, reset: reset)
        }
    }

    /// Adds the hits counted since the last flush to the database and learns every node's totals
    /// for them; marks the tokens used. Hits of a window already over are still added (another
    /// node may read the previous window), but teach nothing.
    func flush(on database: any Database, now: Int) async throws {
        let (pending, used, current) = state.withLockedValue { state in
            defer { state.pending = [:]; state.usedTokens = [] }
            return (state.pending, state.usedTokens, state.windowStart)
        }
        for (start, hits) in pending.sorted(by: { $0.key < $1.key }) {
            let totals = try await APIRateCounts(database: database).add(hits, windowStart: start)
            guard start == current else { continue }
            state.withLockedValue { state in
                guard state.windowStart == start else { return }
                for (bucket, total) in totals {
                    // What was counted here after the snapshot is still pending: the total is
                    // without it, and the two add up in `hit`.
                    state.known[bucket] = max(state.known[bucket] ?? 0, total)
                }
            }
        }
        try await APITokens(database: database).markUsed(used, now: now)
    }
}

extension Application {
    private struct APIRateLimiterKey: StorageKey { typealias Value = APIRateLimiter }

    /// The node's API rate limiter, made by `configure` from the settings' limits.
    var apiRateLimiter: APIRateLimiter {
        get {
            if let limiter = storage[APIRateLimiterKey.self] { return limiter }
            let limiter = APIRateLimiter(limits: settings.apiRateLimits)
            storage[APIRateLimiterKey.self] = limiter
            return limiter
        }
        set { storage[APIRateLimiterKey.self] = newValue }
    }
}

/// Makes the node's limiter from the settings and flushes it every second while serving.
func useAPIRateLimiter(_ app: Application) -> APIRateLimiter {
    let limiter = APIRateLimiter(limits: app.settings.apiRateLimits)
    app.apiRateLimiter = limiter
    BackgroundLoop.use(app, name: "api-rate-limits", every: .seconds(1)) { database, now in
        try await limiter.flush(on: database, now: now)
    }
    return limiter
}
