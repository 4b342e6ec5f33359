import Vapor

/// An `AsyncMiddleware` that most requests do not concern. Vapor runs every `AsyncMiddleware` in a
/// Task of its own, with a promise and a future bridged each way, even when it only hands the
/// request on: six of them before the page cache answered a visitor's page, each a task and thread
/// hops (the profile of the anonymous practice page under wrk). Here a request the middleware does
/// not concern goes to the next responder directly, on the event loop; the others run the async
/// `respond(to:chainingTo:)` exactly as before.
protocol PassThroughMiddleware: AsyncMiddleware {
    /// Whether `respond(to:chainingTo:)` has anything to do for `request`; false hands it on
    /// untouched. Cheap and allocation-free: it runs for every request.
    func concerns(_ request: Request) -> Bool
}

extension PassThroughMiddleware {
    func respond(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        concerns(request) ? respondInTask(to: request, chainingTo: next) : next.respond(to: request)
    }
}

extension AsyncMiddleware {
    /// What Vapor does for every `AsyncMiddleware`: its async `respond(to:chainingTo:)` in a task.
    func respondInTask(to request: Request, chainingTo next: any Responder) -> EventLoopFuture<Response> {
        let promise = request.eventLoop.makePromise(of: Response.self)
        promise.completeWithTask {
            try await self.respond(to: request, chainingTo: AsyncBasicResponder { try await next.respond(to: $0).get() })
        }
        return promise.futureResult
    }
}

extension Request {
    private struct PathKey: StorageKey { typealias Value = String }

    /// `url.path`, worked out once a request. Vapor's getter copies the URI under a lock and
    /// searches the path for `%3B` with Foundation each time: 5% of the server's CPU on a cached
    /// page, asked by five middlewares in turn (the profile). Nothing in the app changes `url`.
    var urlPath: String {
        if let path = storage[PathKey.self] { return path }
        let path = url.path
        storage[PathKey.self] = path
        return path
    }
}
