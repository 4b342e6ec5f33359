import AsyncKit
import SankofaCore
import Vapor

/// Turns every error into a page the reader understands, in their language, with the right
/// status: HTML under `/{lang}/`, JSON under `/api/`. Details go to the log, never to the page.
struct ErrorPagesMiddleware: Middleware {
    struct Content: Encodable, Sendable {
        var status: Int
        var heading: String
        var message: String
        var homeHref: String
        var practicesHref: String
    }

    /// A response goes through on the event loop; only an error makes a task, for its page. As an
    /// `AsyncMiddleware` every request paid a task of its own here (see ``PassThroughMiddleware``).
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        next.respond(to: request).flatMapError { error in
            let promise = request.eventLoop.makePromise(of: Response.self)
            promise.completeWithTask { try await page(for: error, request) }
            return promise.futureResult
        }
    }

    func page(for error: any Error, _ request: Request) async throws -> Response {
        if let abort = error as? any AbortError, abort.status == .unauthorized, !request.url.path.hasPrefix("/api/") {
            // A visitor asking for a member's page is sent to sign in.
            return request.redirect(to: SiteURL.login(Self.language(of: request)).path, redirectType: .normal)
        }
        let (status, headline, message) = describe(error, request)
        if status.code >= 500 {
            request.logger.report(error: error)
        } else {
            request.logger.debug("\(status.code) \(request.url.path): \(String(reflecting: error))")
        }
        if request.url.path.hasPrefix("/api/") {
            let response = try APIError.response(status: status, parameter: (error as? ParameterError)?.name, message: message.en, request: request)
            Self.addRetryAfter(error, to: response)
            return response
        }
        let language = Self.language(of: request)
        let content = Content(
            status: Int(status.code), heading: request.t(headline, language),
            message: message.render(request, language), homeHref: SiteURL.home(language).path,
            practicesHref: SiteURL.practices(language).path)
        do {
            let response = try await request.render("errors/error", content, language: language, title: content.heading, status: status)
            Self.addRetryAfter(error, to: response)
            return response
        } catch {
            request.logger.report(error: error)
            return Response(status: status, body: .init(string: "\(status.code) \(status.reasonPhrase)"))
        }
    }

    /// When to ask again: after the rate limit's window, or in a few seconds when the database
    /// was busy.
    static func addRetryAfter(_ error: any Error, to response: Response) {
        if let limited = error as? TooManyRequests {
            response.headers.replaceOrAdd(name: .retryAfter, value: String(limited.retryAfter))
        } else if let refusal = error as? any ExplainedRefusal, let seconds = refusal.retryAfterSeconds {
            response.headers.replaceOrAdd(name: .retryAfter, value: String(seconds))
        } else if error is ConnectionPoolTimeoutError {
            response.headers.replaceOrAdd(name: .retryAfter, value: "5")
        }
    }

    /// A message in the catalog with arguments, renderable in any language (the API uses English).
    struct Message {
        var key: String
        var arguments: [String: String] = [:]
        func render(_ request: Request, _ language: Language) -> String { request.t(key, language, arguments) }
        var en: String { Catalogs.bundled.text(key, .en, arguments) }
    }

    func describe(_ error: any Error, _ request: Request) -> (HTTPStatus, String, Message) {
        switch error {
        case let error as ParameterError:
            let key = switch error.reason {
            case .value: "error.parameter.value"
            case .encoding: "error.parameter.encoding"
            case .range: "error.parameter.range"
            }
            return (.badRequest, "error.badRequest.title", Message(key: key, arguments: ["name": error.name, "value": String(error.value.prefix(60))]))
        case let refusal as any ExplainedRefusal:
            return (refusal.status, refusal.titleKey, Message(key: refusal.messageKey, arguments: refusal.arguments))
        case let limited as TooManyRequests:
            let minutes = String(max(1, (limited.retryAfter + 59) / 60))
            return (.tooManyRequests, "error.tooMany.title", Message(key: "error.tooMany.message", arguments: ["minutes": minutes]))
        case let abort as any AbortError where abort.status == .forbidden:
            return (.forbidden, "error.forbidden.title",
                    Message(key: abort.reason == "csrf" ? "error.csrf.message" : "error.forbidden.message"))
        case let abort as any AbortError where abort.status == .notFound:
            return (.notFound, "error.notFound.title", Message(key: "error.notFound.message"))
        case let abort as any AbortError where abort.status.code < 500:
            return (abort.status, "error.badRequest.title", Message(key: "error.badRequest.message"))
        case is ConnectionPoolTimeoutError:
            // A request waited its turn for the database for a minute (SQLite has one
            // connection for the process): the site is overloaded or a long job holds it, and
            // the request did nothing. A 503 says "try again", which a 500 does not.
            return (.serviceUnavailable, "error.busy.title", Message(key: "error.busy.message"))
        default:
            return (.internalServerError, "error.server.title", Message(key: "error.server.message"))
        }
    }

    /// The error page's language: the URL's prefix when it is one of ours, else the browser's.
    static func language(of request: Request) -> Language {
        let first = request.url.path.split(separator: "/").first.map(String.init) ?? ""
        return Language(rawValue: first) ?? AcceptLanguage.preferred(request.headers.first(name: .acceptLanguage))
    }
}
