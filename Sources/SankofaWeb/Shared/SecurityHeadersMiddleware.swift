import Vapor

/// Headers on every response: no inline script or style may run, nothing frames the site,
/// and browsers are told not to sniff types. HSTS only where the site is served over HTTPS.
struct SecurityHeadersMiddleware: AsyncMiddleware {
    static let contentSecurityPolicy =
        "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
    let https: Bool

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let response = try await next.respond(to: request)
        let headers = [
            ("Content-Security-Policy", Self.contentSecurityPolicy),
            ("X-Content-Type-Options", "nosniff"),
            ("Referrer-Policy", "strict-origin-when-cross-origin"),
            ("X-Frame-Options", "DENY"),
        ]
        // A response's own policy (a forum attachment's `sandbox`) is kept beside the site's: a
        // browser enforces both.
        let ownPolicy = response.headers.first(name: "Content-Security-Policy")
        for (name, value) in headers { response.headers.replaceOrAdd(name: name, value: value) }
        if let ownPolicy { response.headers.add(name: "Content-Security-Policy", value: ownPolicy) }
        if https { response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains") }
        return response
    }
}
