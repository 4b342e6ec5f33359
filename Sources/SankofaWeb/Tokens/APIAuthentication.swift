import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `/api/v1/`: a personal access token (`Authorization: Bearer skf_…`) makes the request its
/// owner's, limited to the token's scopes, and every request is counted against a rate limit: a
/// token's own, or the source address's (lower) without one. Runs before the page cache, so a
/// cached answer is counted like any other, and answers its refusals itself in JSON, with the
/// `RateLimit-*` headers on every API answer.
struct APIAuthenticationMiddleware: PassThroughMiddleware {
    let limiter: APIRateLimiter

    func concerns(_ request: Request) -> Bool { request.urlPath.hasPrefix("/api/") }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.url.path.hasPrefix("/api/") else { return try await next.respond(to: request) }
        let bucket: String, tokenID: Int?
        if let credential = request.headers.first(name: .authorization) {
            guard let token = try await Self.authenticate(credential, request) else {
                return try Self.refusal(.unauthorized, "The API token is unknown, revoked or expired, or its owner's account is disabled.", request,
                                        headers: ["WWW-Authenticate": "Bearer realm=\"sankofa\", error=\"invalid_token\""])
            }
            // A token reads; it never writes, whatever its owner could do signed in.
            guard [.GET, .HEAD].contains(request.method) else {
                return try Self.refusal(.forbidden, "An API token may only read (GET).", request, headers: [:])
            }
            request.apiToken = token
            bucket = "api:token:\(token.id)"
            tokenID = token.id
        } else {
            bucket = "api:source:\(Limits.source(request))"
            tokenID = nil
        }
        let decision = limiter.hit(bucket, token: tokenID, now: request.now)
        if let decision, !decision.allowed {
            return try Self.refusal(.tooManyRequests, "Too many requests; try again in \(decision.reset) seconds.", request,
                                    headers: Self.headers(decision).merging(["Retry-After": String(decision.reset)]) { $1 })
        }
        let response = try await next.respond(to: request)
        if let decision {
            for (name, value) in Self.headers(decision) { response.headers.replaceOrAdd(name: name, value: value) }
        }
        return response
    }

    /// The token named by an `Authorization` value, when it is live and its owner's account is not
    /// disabled; nil for anything else (a malformed value, another scheme included).
    static func authenticate(_ credential: String, _ request: Request) async throws -> AuthenticatedToken? {
        let parts = credential.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, parts[0].lowercased() == "bearer" else { return nil }
        let secret = parts[1].trimmingCharacters(in: .whitespaces)
        guard APITokenSecret.isWellFormed(secret),
              let token = try await APITokens(database: request.db).find(secretHash: APITokenSecret.hash(secret)),
              token.isLive(now: request.now),
              let owner = try await UserStore(database: request.db).find(id: token.userID), owner.accountStatus != .disabled
        else { return nil }
        return AuthenticatedToken(id: token.id, scopes: Set(token.scopes), owner: owner.actor)
    }

    static func headers(_ decision: APIRateLimiter.Decision) -> [String: String] {
        ["RateLimit-Limit": String(decision.limit), "RateLimit-Remaining": String(decision.remaining), "RateLimit-Reset": String(decision.reset)]
    }

    static func refusal(_ status: HTTPStatus, _ message: String, _ request: Request, headers: [String: String]) throws -> Response {
        let response = try APIError.response(status: status, parameter: nil, message: message, request: request)
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        response.headers.replaceOrAdd(name: .cacheControl, value: "no-store")
        return response
    }
}

/// The token a request came with, and what it lets the request read.
struct AuthenticatedToken: Sendable {
    var id: Int
    var scopes: Set<APITokenScope>
    /// The owner's account as the access policy sees it now.
    var owner: Actor

    /// Who the request acts as: a vetted member (never more: no staff role, no ownership) while
    /// the token has `directory:read` and the owner is a vetted member; otherwise a visitor, as
    /// `public:read` reads only public data.
    var actor: Actor {
        guard scopes.contains(.directoryRead), owner.isMember,
              AccessPolicy.allows(owner, .indicators(.grantTokenScope(.directoryRead))) else { return .visitor }
        return Actor(userID: nil, status: .active, roles: [.member], country: nil)
    }
}

extension Request {
    private struct APITokenKey: StorageKey { typealias Value = AuthenticatedToken }

    /// The API token the request authenticated with (``APIAuthenticationMiddleware``).
    var apiToken: AuthenticatedToken? {
        get { storage[APITokenKey.self] }
        set { storage[APITokenKey.self] = newValue }
    }
}
