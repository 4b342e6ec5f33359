import NIOConcurrencyHelpers
import Vapor

/// Answers a request to an API path with a method that path does not take with 405 and an
/// `Allow` header naming the methods it does take (RFC 9110 §15.5.6), where the router alone would
/// say 404 (or the CSRF check 403) and make a client believe the resource is missing. Only `/api/v1/…` and `/healthz`:
/// HTML pages keep their translated 404.
struct APIMethodMiddleware: AsyncMiddleware {
    /// The API's routes: each path's components and the methods registered for it. Read from the
    /// application's routes when the first request comes, after every controller registered.
    final class Table: @unchecked Sendable {
        private let lock = NIOLock()
        private var routes: [(path: [PathComponent], methods: Set<String>)]?

        func methods(for path: [Substring], in app: Application) -> Set<String> {
            let routes = lock.withLock {
                if let routes = self.routes { return routes }
                var byPath: [String: (path: [PathComponent], methods: Set<String>)] = [:]
                for route in app.routes.all where APIMethodMiddleware.isAPI(route.path.map(\.description)) {
                    let key = route.path.map(\.description).joined(separator: "/")
                    byPath[key, default: (route.path, [])].methods.insert(route.method.rawValue)
                }
                let built = Array(byPath.values)
                self.routes = built
                return built
            }
            var allowed: Set<String> = []
            for route in routes where Self.matches(route.path, path) { allowed.formUnion(route.methods) }
            return allowed
        }

        static func matches(_ pattern: [PathComponent], _ path: [Substring]) -> Bool {
            var i = 0
            for component in pattern {
                switch component {
                case .catchall: return i < path.count
                case .constant(let text):
                    guard i < path.count, path[i] == text else { return false }
                case .parameter, .anything:
                    guard i < path.count else { return false }
                }
                i += 1
            }
            return i == path.count
        }
    }

    let table = Table()

    static func isAPI(_ components: [String]) -> Bool {
        (components.count >= 2 && components[0] == "api" && components[1] == "v1") || components == ["healthz"]
    }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        let path = request.url.path.split(separator: "/", omittingEmptySubsequences: true)
        guard Self.isAPI(path.prefix(2).map(String.init)) || path == ["healthz"] else {
            return try await next.respond(to: request)
        }
        var allowed = table.methods(for: path, in: request.application)
        // Decided before the other middleware: a POST to a read-only path is a 405, not a CSRF
        // refusal, and an unknown path stays the router's 404.
        guard !allowed.isEmpty, !allowed.contains(request.method.rawValue) else {
            return try await next.respond(to: request)
        }
        // Vapor answers HEAD for every GET route.
        if allowed.contains("GET") {
            if request.method == .HEAD { return try await next.respond(to: request) }
            allowed.insert("HEAD")
        }
        let names = allowed.sorted().joined(separator: ", ")
        let response = try APIError.response(status: .methodNotAllowed, parameter: nil,
                                             message: "\(request.method.rawValue) is not allowed here; allowed: \(names)",
                                             request: request)
        response.headers.replaceOrAdd(name: .allow, value: names)
        return response
    }
}
