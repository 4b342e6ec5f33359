import NIOConcurrencyHelpers
import SankofaCore
import SankofaStore
import Vapor

/// Rendered bytes of anonymous HTML pages, per (path and query, data version): templating is paid
/// once per page and change, not per request. The version check is one indexed read, so a write on
/// any node invalidates every node's cache at once. Requests carrying credentials are never cached.
final class PageCache: Sendable {
    struct Entry: Sendable {
        var version: Int
        var body: ByteBuffer
        var headers: HTTPHeaders
    }

    /// Bound on entries; past it the cache starts again empty (simple, and a full refill is cheap).
    let capacity: Int
    private let entries = NIOLockedValueBox<[String: Entry]>([:])

    init(capacity: Int = 5_000) {
        self.capacity = capacity
    }

    func get(_ key: String, version: Int) -> Entry? {
        entries.withLockedValue { $0[key] }.flatMap { $0.version == version ? $0 : nil }
    }

    func put(_ key: String, _ entry: Entry) {
        entries.withLockedValue { entries in
            if entries.count >= capacity { entries.removeAll(keepingCapacity: true) }
            entries[key] = entry
        }
    }
}

struct PageCacheMiddleware: AsyncMiddleware {
    let cache: PageCache

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET, Self.isPage(request.url.path),
              request.headers.first(name: .cookie) == nil, request.headers.first(name: .authorization) == nil
        else { return try await next.respond(to: request) }

        // The day is part of the key: course pages move a course to "past" when its date goes by.
        // Whole days since 1970 in UTC: the same boundary as ISODay, without a calendar a request.
        let day = Int(Date().timeIntervalSince1970) / 86_400
        let key = "\(day) " + request.url.path + "?" + (request.url.query ?? "")
        let version = try await DataVersion.current(on: request.db)
        if let entry = cache.get(key, version: version) {
            return Response(status: .ok, headers: entry.headers, body: .init(buffer: entry.body))
        }
        let response = try await next.respond(to: request)
        // A response that opens a session (a form's CSRF token) belongs to one visitor only.
        if response.status == .ok, response.headers[.setCookie].isEmpty, let body = response.body.buffer {
            cache.put(key, .init(version: version, body: body, headers: response.headers))
        }
        return response
    }

    /// HTML pages live under a two-letter language prefix. Search result pages are left out:
    /// each query is its own page, so caching them would only churn the cache.
    static func isPage(_ path: String) -> Bool {
        let parts = path.split(separator: "/")
        return parts.first?.count == 2 && !(parts.count > 1 && parts[1] == "search")
    }
}
