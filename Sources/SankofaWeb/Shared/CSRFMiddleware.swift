import Foundation
import Vapor

/// Every request that changes state must carry the session's CSRF token in its form (`csrf`) and
/// come from our own origin by its `Origin` or `Referer` (ASVS 4.2.2, 50.3). Either missing or
/// wrong is a 403 page.
struct CSRFMiddleware: PassThroughMiddleware {
    let baseURL: String

    func concerns(_ request: Request) -> Bool { [.POST, .PUT, .PATCH, .DELETE].contains(request.method) }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard [.POST, .PUT, .PATCH, .DELETE].contains(request.method) else {
            return try await next.respond(to: request)
        }
        if request.route?.userInfo[AnySendableHashable(Self.exemptKey)] != nil { return try await next.respond(to: request) }
        guard sameOrigin(request), let session = request.currentSession else { throw Abort(.forbidden, reason: "csrf") }
        // A body larger than one network read arrives as a stream: collected here, once the
        // session is known, up to the route's limit (the forum's forms with files allow more).
        if request.body.data == nil {
            _ = try await request.body.collect(max: BodyLimit.of(request)).get()
        }
        guard let token = Self.token(request),
              Tokens.equal(token, session.record.csrfToken)
        else {
            throw Abort(.forbidden, reason: "csrf")
        }
        return try await next.respond(to: request)
    }

    /// Marks the one route posted without a session or token: the one-click unsubscribe (RFC 8058),
    /// which mail programs post for the reader; its signed link is its proof (UnsubscribeController).
    static let exemptKey = "sankofa.csrfExempt"

    /// The form's `csrf` field, from a urlencoded or a multipart form alike.
    static func token(_ request: Request) -> String? {
        if request.headers.contentType?.type == "multipart" { return (try? FormBody(request))?.fields.first("csrf") }
        return try? request.content.get(String.self, at: "csrf")
    }

    /// The request's Origin, or else its Referer, names our site. Browsers send at least one of
    /// them on a cross-site form post; a request with neither is refused.
    func sameOrigin(_ request: Request) -> Bool {
        let ours = Self.origin(of: baseURL)
        let host = request.headers.first(name: .host).map { "\(request.url.scheme ?? "http")://\($0)" }
        if let origin = request.headers.first(name: .origin), origin != "null" {
            return origin == ours || origin == host
        }
        if let referer = request.headers.first(name: .referer) {
            let refererOrigin = Self.origin(of: referer)
            return refererOrigin == ours || refererOrigin == host
        }
        return false
    }

    static func origin(of url: String) -> String {
        guard let components = URLComponents(string: url), let scheme = components.scheme, let host = components.host else { return "" }
        return components.port.map { "\(scheme)://\(host):\($0)" } ?? "\(scheme)://\(host)"
    }
}
