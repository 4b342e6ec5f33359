import Foundation
import Vapor

/// The outermost middleware: gives each request its id (the `X-Request-Id` header of every
/// answer, and the `request-id` of every log line about it), writes one log line when it is
/// answered, and counts it in ``SiteMetrics``.
///
/// The line holds the route's pattern, never the path as sent: paths carry e-mail tokens and
/// password-reset links (`/account/verify/{token}`), and the query string, never logged, holds
/// what people search for. Vapor's own per-request line ("GET /path", `RouteLoggingMiddleware`)
/// is not used: `configure` replaces Vapor's default middleware, which is where it lives, so
/// this line is the only one and the raw path is logged nowhere.
struct RequestLogMiddleware: Middleware {
    let metrics: SiteMetrics

    /// Future-based, not an `AsyncMiddleware`: Vapor runs each of those in a task of its own with
    /// futures bridged each way (PassThroughMiddleware), and this one sees every request.
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let start = DispatchTime.now().uptimeNanoseconds
        let id = RequestID.adopt(request)
        return next.respond(to: request).map { response in
            response.headers.replaceOrAdd(name: .xRequestId, value: id)
            finish(request, id: id, status: response.status.code, start: start)
            return response
        }.flatMapErrorThrowing { error in
            // ErrorPagesMiddleware turns errors into pages; one that still escapes is Vapor's 500.
            finish(request, id: id, status: (error as? any AbortError)?.status.code ?? 500, start: start)
            throw error
        }
    }

    private func finish(_ request: Request, id: String, status: UInt, start: UInt64) {
        let elapsed = DispatchTime.now().uptimeNanoseconds &- start
        let route = request.route
        metrics.request(route: route, method: request.method, status: status, nanoseconds: elapsed)
        // The metadata is built only when the level lets the line through.
        request.logger.info("request", metadata: [
            "method": .string(request.method.rawValue),
            "route": .string(route.map(SiteMetrics.pattern) ?? SiteMetrics.unmatched),
            "status": .stringConvertible(status),
            "duration_ms": .string(Self.milliseconds(elapsed)),
        ])
    }

    /// `12.345`: milliseconds with three decimals, without a formatter.
    static func milliseconds(_ nanoseconds: UInt64) -> String {
        let micros = nanoseconds / 1000
        let fraction = String(micros % 1000)
        return "\(micros / 1000)." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }
}

/// Request ids: the client's `X-Request-Id` when it is one a log can hold safely (1 to 64 of
/// `A-Z a-z 0-9 - _`: no spaces, quotes or line breaks to forge log lines with), else a new one.
enum RequestID {
    static let maxLength = 64

    /// The request's id, also set as its logger's `request-id` (Vapor puts there the client's
    /// header as sent, or a UUID when there is none).
    static func adopt(_ request: Request) -> String {
        if let incoming = request.headers.first(name: .xRequestId) {
            if isAcceptable(incoming) { return incoming }  // Vapor's metadata already holds it
            let id = UUID().uuidString
            request.logger[metadataKey: "request-id"] = .string(id)
            return id
        }
        if case .string(let id)? = request.logger[metadataKey: "request-id"] { return id }
        let id = UUID().uuidString
        request.logger[metadataKey: "request-id"] = .string(id)
        return id
    }

    static func isAcceptable(_ id: String) -> Bool {
        let bytes = id.utf8
        return !bytes.isEmpty && bytes.count <= maxLength && bytes.allSatisfy { byte in
            (byte >= 0x30 && byte <= 0x39) || (byte >= 0x41 && byte <= 0x5a) || (byte >= 0x61 && byte <= 0x7a) || byte == 0x2d || byte == 0x5f
        }
    }
}
