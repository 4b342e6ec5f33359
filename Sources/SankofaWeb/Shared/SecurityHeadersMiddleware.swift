import Vapor

/// Headers on every response: no inline script or style may run, nothing frames the site,
/// and browsers are told not to sniff types. HSTS only where the site is served over HTTPS.
struct SecurityHeadersMiddleware: Middleware {
    static let contentSecurityPolicy =
        "default-src 'self'; object-src 'none'; base-uri 'self'; frame-ancestors 'none'; form-action 'self'"
    static let headers = [
        ("Content-Security-Policy", contentSecurityPolicy),
        ("X-Content-Type-Options", "nosniff"),
        ("Referrer-Policy", "strict-origin-when-cross-origin"),
        ("X-Frame-Options", "DENY"),
    ]
    let https: Bool

    /// On the event loop, as the response's future completes: it only adds headers, and an
    /// `AsyncMiddleware` would cost every request a task of its own (see ``PassThroughMiddleware``).
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).map { response in
            // A response's own policy (a forum attachment's `sandbox`) is kept beside the site's: a
            // browser enforces both.
            let ownPolicy = response.headers.first(name: "Content-Security-Policy")
            for (name, value) in Self.headers { response.headers.replaceOrAdd(name: name, value: value) }
            if let ownPolicy { response.headers.add(name: "Content-Security-Policy", value: ownPolicy) }
            if https { response.headers.replaceOrAdd(name: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains") }
            return response
        }
    }
}
