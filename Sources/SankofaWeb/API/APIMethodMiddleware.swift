import NIOConcurrencyHelpers
import Vapor

/// Holds an API request to the API's operations before anything else reads it, in one pass over
/// one table:
/// - a method the path does not take is a 405 with an `Allow` header naming the methods it does
///   take (RFC 9110 §15.5.6), where the router alone would say 404 (or the CSRF check 403) and
///   make a client believe the resource is missing. Only `/api/v1/…` and `/healthz`: HTML pages
///   keep their translated 404;
/// - every query parameter the OpenAPI document declares for the operation is held to its schema
///   (``OpenAPIDocument``): an empty, mistyped, out-of-range or unlisted value is a 400 naming
///   the parameter, so that the server accepts exactly what the document promises. Parameters the
///   operation does not declare are left to the controller.
struct APIMethodMiddleware: PassThroughMiddleware {
    /// The API's routes: each path's components, the methods registered for it and, by method,
    /// the query parameters the document declares. Read from the application's routes when the
    /// first API request comes, after every controller registered.
    final class Table: @unchecked Sendable {
        struct Entry {
            var path: [PathComponent]
            var methods: Set<String>
            var parameters: [String: [OpenAPIDocument.Parameter]]
        }

        private let lock = NIOLock()
        private let operations: [OpenAPIDocument.Operation]
        private var entries: [Entry]?

        init(operations: [OpenAPIDocument.Operation]) { self.operations = operations }

        /// The routes that match `path` (their methods, and the parameters of each method).
        func entries(for path: [Substring], in app: Application) -> [Entry] {
            let entries = lock.withLock {
                if let entries = self.entries { return entries }
                let built = build(app.routes.all)
                self.entries = built
                return built
            }
            return entries.filter { Self.matches($0.path, path) }
        }

        private func build(_ routes: [Route]) -> [Entry] {
            var byPath: [String: Entry] = [:]
            for route in routes where APIMethodMiddleware.isChecked(route.path.map { Substring($0.description) }) {
                let key = route.path.map(\.description).joined(separator: "/")
                byPath[key, default: Entry(path: route.path, methods: [], parameters: [:])].methods.insert(route.method.rawValue)
            }
            for operation in operations {
                guard let key = byPath.first(where: { Self.declares(operation.segments, $0.value.path) })?.key else { continue }
                byPath[key]?.parameters[operation.method] = operation.parameters
            }
            // The most specific route first (`/experts/countries` before `/experts/:slug`), so that a
            // path both match is held to the constant route's parameters, as the router serves it.
            return byPath.values.sorted { Self.constants($0.path) > Self.constants($1.path) }
        }

        static func constants(_ path: [PathComponent]) -> Int {
            path.filter { if case .constant = $0 { return true } else { return false } }.count
        }

        /// Whether the document's path template (`{slug}` for a parameter) is this route's.
        static func declares(_ segments: [String], _ pattern: [PathComponent]) -> Bool {
            segments.count == pattern.count && zip(segments, pattern).allSatisfy { segment, component in
                if case .constant(let text) = component { return segment == text }
                return segment.hasPrefix("{")
            }
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

    let table: Table

    init(operations: [OpenAPIDocument.Operation]) { table = Table(operations: operations) }

    /// The path's segments as the router splits them (empty ones dropped: `//api//v1` is routed
    /// as `/api/v1`) when the first is `api` or the path is `/healthz`; nil for any other path,
    /// decided without allocating, as every request of the site passes here.
    static func apiSegments(_ path: String) -> [Substring]? {
        let rest = path.utf8.drop { $0 == UInt8(ascii: "/") }
        guard rest.starts(with: "api".utf8) || rest.starts(with: "healthz".utf8) else { return nil }
        let segments = path.split(separator: "/")
        return segments.first == "api" || segments == ["healthz"] ? segments : nil
    }

    static func isChecked(_ segments: [Substring]) -> Bool {
        segments.starts(with: ["api", "v1"]) || segments == ["healthz"]
    }

    func concerns(_ request: Request) -> Bool { Self.apiSegments(request.urlPath) != nil }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard let path = Self.apiSegments(request.urlPath), Self.isChecked(path) else {
            return try await next.respond(to: request)
        }
        let entries = table.entries(for: path, in: request.application)
        var allowed = entries.reduce(into: Set<String>()) { $0.formUnion($1.methods) }
        // Decided before the other middleware: a POST to a read-only path is a 405, not a CSRF
        // refusal, and an unknown path stays the router's 404. Vapor answers HEAD for every GET route.
        if !allowed.isEmpty, !allowed.contains(request.method.rawValue), !(request.method == .HEAD && allowed.contains("GET")) {
            if allowed.contains("GET") { allowed.insert("HEAD") }
            let names = allowed.sorted().joined(separator: ", ")
            let response = try APIError.response(status: .methodNotAllowed, parameter: nil,
                                                 message: "\(request.method.rawValue) is not allowed here; allowed: \(names)",
                                                 request: request)
            response.headers.replaceOrAdd(name: .allow, value: names)
            return response
        }
        let method = request.method == .HEAD ? "GET" : request.method.rawValue
        if path.starts(with: ["api", "v1"]), let declared = entries.lazy.compactMap({ $0.parameters[method] }).first {
            try Self.check(QueryParameters(request), against: declared)
        }
        return try await next.respond(to: request)
    }

    static func check(_ query: QueryParameters, against declared: [OpenAPIDocument.Parameter]) throws {
        for parameter in declared {
            for pair in query.pairs where pair.name == parameter.name {
                switch parameter.schema.problem(pair.value) {
                case .value: throw ParameterError(name: parameter.name, reason: .value, value: pair.value)
                case .range: throw ParameterError(name: parameter.name, reason: .range, value: pair.value)
                case nil: continue
                }
            }
        }
    }
}
