import NIOConcurrencyHelpers
import SankofaCore
import SankofaStore
import Vapor

/// Rendered bytes of anonymous responses, per (path and query, data version): templating and
/// searching are paid once per page and change, not per request. The version check is one indexed
/// read, so a write on any node invalidates every node's cache at once.
///
/// Bounded in bytes and roughly least-recently-used, in two generations: entries go into the young
/// one; a hit in the old one moves the entry back to the young one; when the young one holds half
/// the budget, the old one is dropped and the young one becomes old. O(1) a request, never more
/// than the budget (plus one entry), and what is read often survives a rotation.
final class PageCache: Sendable {
    struct Entry: Sendable {
        var version: Int
        var body: ByteBuffer
        var headers: HTTPHeaders

        /// Approximate memory held: the body's storage and the header lines.
        var bytes: Int { body.capacity + headers.reduce(0) { $0 + $1.name.utf8.count + $1.value.utf8.count + 4 } }
    }

    private struct Generations {
        var young: [String: Entry] = [:]
        var old: [String: Entry] = [:]
        var youngBytes = 0
    }

    /// Budget in bytes (keys included).
    let budget: Int
    private let state = NIOLockedValueBox(Generations())

    init(budget: Int) {
        self.budget = budget
    }

    func get(_ key: String, version: Int) -> Entry? {
        var dropped: [String: Entry] = [:]
        defer { withExtendedLifetime(dropped) {} }  // a dropped generation is freed after the lock
        return state.withLockedValue { state in
            if let entry = state.young[key] { return entry.version == version ? entry : nil }
            guard let entry = state.old.removeValue(forKey: key), entry.version == version else { return nil }
            dropped = insert(key, entry, into: &state)
            return entry
        }
    }

    func put(_ key: String, _ entry: Entry) {
        // The body is copied to a buffer of its own size: the one it was written into may have
        // grown to twice that, and would be held as long as the entry.
        var entry = entry
        entry.body = ByteBuffer(bytes: entry.body.readableBytesView)
        // A response bigger than a generation would empty the cache for itself alone.
        guard key.utf8.count + entry.bytes <= budget / 2 else { return }
        var dropped: [String: Entry] = [:]
        state.withLockedValue { dropped = insert(key, entry, into: &$0) }
        withExtendedLifetime(dropped) {}
    }

    /// Entries and bytes held, for tests.
    var usage: (entries: Int, bytes: Int) {
        state.withLockedValue { state in
            let all = state.young.merging(state.old) { young, _ in young }
            return (all.count, all.reduce(0) { $0 + $1.key.utf8.count + $1.value.bytes })
        }
    }

    /// Returns the generation dropped by a rotation (empty if none), for the caller to free
    /// outside the lock: thousands of buffers freed while holding it would stall every request.
    private func insert(_ key: String, _ entry: Entry, into state: inout Generations) -> [String: Entry] {
        if let previous = state.young[key] { state.youngBytes -= key.utf8.count + previous.bytes }
        state.old[key] = nil
        state.young[key] = entry
        state.youngBytes += key.utf8.count + entry.bytes
        guard state.youngBytes > budget / 2 else { return [:] }
        let dropped = state.old
        state.old = state.young
        state.young = [:]
        state.youngBytes = 0
        return dropped
    }
}

/// Serves anonymous GETs of HTML pages, of the JSON API and of search results (HTML and JSON) from
/// a ``PageCache``. Searches get a cache of their own: every query is its own page, and a stream of
/// distinct queries must not push the catalogue's pages out. Only requests without credentials (no
/// cookie, no `Authorization`) are served or stored, so a cached answer is always the visitor's
/// answer: a member may see more of the directory than a visitor, and is never answered from here.
struct PageCacheMiddleware: PassThroughMiddleware {
    let pages: PageCache
    /// `nil` when search results are not cached (`SANKOFA_SEARCH_CACHE=0`, for measuring searches).
    let searches: PageCache?
    /// Hits, misses and the wait for the data version (`SiteMetrics`).
    let metrics: SiteMetrics

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET,
              request.headers.first(name: .cookie) == nil, request.headers.first(name: .authorization) == nil,
              let kind = Self.kind(of: request.url.path), let cache = cache(for: kind)
        else { return try await next.respond(to: request) }

        // The day is part of the key: course pages move a course to "past" when its date goes by.
        // Whole days since 1970 in UTC: the same boundary as ISODay, without a calendar a request.
        let day = Int(Date().timeIntervalSince1970) / 86_400
        let key = "\(day) " + request.urlPath + "?" + (request.url.query ?? "")
        let version = try await metrics.timeDatabaseWait { try await DataVersion.current(on: request.db) }
        let entry = cache.get(key, version: version)
        metrics.cache(kind, hit: entry != nil)
        if let entry {
            return Response(status: .ok, headers: entry.headers, body: .init(buffer: entry.body))
        }
        let response = try await next.respond(to: request)
        // A response that opens a session (a form's CSRF token) belongs to one visitor only.
        // Nor one that says it is private (a forum attachment: large, and its post may be hidden).
        if response.status == .ok, response.headers[.setCookie].isEmpty, let body = response.body.buffer,
           response.headers.first(name: .cacheControl)?.contains("private") != true {
            cache.put(key, .init(version: version, body: body, headers: response.headers))
        }
        return response
    }

    func cache(for path: String) -> PageCache? { cache(for: Self.kind(of: path)) }

    func cache(for kind: Kind?) -> PageCache? {
        switch kind {
        case .page: pages
        case .search: searches
        case nil: nil
        }
    }

    /// What `respond` serves or stores: a visitor's GET of a page, an API answer or a search.
    func concerns(_ request: Request) -> Bool {
        request.method == .GET && request.headers.first(name: .cookie) == nil
            && request.headers.first(name: .authorization) == nil && cache(for: request.urlPath) != nil
    }

    enum Kind { case page, search }

    /// HTML pages live under a two-letter language prefix, the JSON API under `/api/v1/` (lists and
    /// records: a visitor's answer depends on the path, the query and the data only, as a page's
    /// does); searches are `/{lang}/search` and `/api/v1/search`.
    static func kind(of path: String) -> Kind? {
        // The first three segments and how many there are (empty ones skipped, as `split` would),
        // without an array: this runs for every request, twice.
        var parts: (Substring, Substring, Substring) = ("", "", ""), count = 0
        var rest = path[...]
        while let start = rest.utf8.firstIndex(where: { $0 != UInt8(ascii: "/") }) {
            let end = rest.utf8[start...].firstIndex(of: UInt8(ascii: "/")) ?? rest.endIndex
            switch count {
            case 0: parts.0 = rest[start..<end]
            case 1: parts.1 = rest[start..<end]
            case 2: parts.2 = rest[start..<end]
            default: break
            }
            count += 1
            rest = rest[end...]
        }
        if count >= 3, parts.0 == "api", parts.1 == "v1" { return count == 3 && parts.2 == "search" ? .search : .page }
        guard count >= 1, parts.0.count == 2 else { return nil }
        return count > 1 && parts.1 == "search" ? .search : .page
    }
}
