import Foundation
import NIOConcurrencyHelpers
import Prometheus
import SankofaStore
import Vapor

/// The application's metrics, in one Prometheus registry that the application holds, so that
/// every application has its own (the tests make hundreds in one process, and swift-metrics'
/// `MetricsSystem.bootstrap` may be called once a process). `sankofa serve` also hands this
/// registry to swift-metrics (``bootstrapMetricsSystem(_:)``), so a library that records
/// through swift-metrics lands in the same `/metrics`.
///
/// Series are made once and kept: a request looks its counter and histogram up by the route
/// object and status (one short lock, no string built), and only the first request of a route
/// and status builds the label strings.
final class SiteMetrics: Sendable {
    /// The route label of requests that matched no route: one series, whatever the path, so a
    /// client sending random paths cannot grow the metrics without bound.
    static let unmatched = "unmatched"

    let registry: PrometheusCollectorRegistry

    /// Request durations: from 1 ms (a cached page) to 10 s (a database waited for).
    static let requestBuckets: [Duration] = [1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10000].map { .milliseconds($0) }

    private struct SeriesKey: Hashable {
        var route: ObjectIdentifier?
        var method: Int
        var status: UInt
    }

    private struct RouteKey: Hashable {
        var route: ObjectIdentifier?
        var method: Int
    }

    /// Methods as labels: the standard ones, and `OTHER` for whatever else a client may send
    /// (the router matches any method to no route, so a method is the client's choice).
    private static let methods = ["GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "OTHER"]

    private static func methodIndex(_ method: HTTPMethod) -> Int {
        switch method {
        case .GET: 0
        case .HEAD: 1
        case .POST: 2
        case .PUT: 3
        case .DELETE: 4
        case .PATCH: 5
        case .OPTIONS: 6
        default: 7
        }
    }

    private struct Series {
        var counters: [SeriesKey: Counter] = [:]
        var histograms: [RouteKey: DurationHistogram] = [:]
    }

    private let series = NIOLockedValueBox(Series())
    private let cacheHits: [PageCacheMiddleware.Kind: Counter]
    private let cacheMisses: [PageCacheMiddleware.Kind: Counter]
    private let searches: [SearchInterface: DurationHistogram]
    /// See ``timeDatabaseWait(_:)`` for what it measures.
    let databaseWait: DurationHistogram
    private let outbox: [String: Gauge]
    private let outboxFailedAttempts: Gauge
    private let digests: [ForumDigests.Kind: Gauge]

    enum SearchInterface: String, CaseIterable { case html, api }

    init() {
        let registry = PrometheusCollectorRegistry()
        self.registry = registry
        let cacheName = { (kind: PageCacheMiddleware.Kind) in kind == .page ? "pages" : "searches" }
        cacheHits = Dictionary(uniqueKeysWithValues: [PageCacheMiddleware.Kind.page, .search].map { kind in
            (kind, registry.makeCounter(descriptor: Self.name("page_cache_hits", "total", "Anonymous answers served from the page cache, by cache (pages or searches)"),
                                        labels: [("cache", cacheName(kind))]))
        })
        cacheMisses = Dictionary(uniqueKeysWithValues: [PageCacheMiddleware.Kind.page, .search].map { kind in
            (kind, registry.makeCounter(descriptor: Self.name("page_cache_misses", "total", "Anonymous answers the page cache did not hold (rendered, then stored if cacheable), by cache"),
                                        labels: [("cache", cacheName(kind))]))
        })
        searches = Dictionary(uniqueKeysWithValues: SearchInterface.allCases.map { interface in
            (interface, registry.makeDurationHistogram(
                descriptor: Self.name("search_duration", "seconds", "Time the search index took to answer a search (with its spelling correction), by interface (html or api); cached answers are not searched"),
                labels: [("interface", interface.rawValue)],
                buckets: [1, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000].map { .milliseconds($0) }))
        })
        databaseWait = registry.makeDurationHistogram(
            descriptor: Self.name("db_pool_wait", "seconds", "Time an anonymous GET waited for its first database answer (the data version read): the wait for a pooled connection plus one single-row indexed read"),
            labels: [],
            buckets: [0.1, 0.5, 1, 5, 10, 50, 100, 500, 1000, 5000].map { .milliseconds($0) })
        outbox = Dictionary(uniqueKeysWithValues: ["waiting", "failing", "given_up"].map { state in
            (state, registry.makeGauge(descriptor: Self.name("outbox_messages", "", "Outbox messages by state, read from the database at scrape time: waiting (not sent yet), failing (waiting, last attempt failed), given_up"),
                                       labels: [("state", state)]))
        })
        outboxFailedAttempts = registry.makeGauge(descriptor: Self.name("outbox_failed_attempts", "", "Failed delivery attempts recorded on the messages the outbox keeps, read at scrape time"), labels: [])
        digests = Dictionary(uniqueKeysWithValues: ForumDigests.Kind.allCases.map { kind in
            (kind, registry.makeGauge(descriptor: Self.name("forum_digests", "", "Forum digests queued to the outbox (one per member and period) that the database holds, by period, read at scrape time"),
                                      labels: [("period", kind.rawValue)]))
        })
    }

    private static func name(_ metric: String, _ unit: String, _ help: String) -> MetricNameDescriptor {
        MetricNameDescriptor(namespace: "sankofa", metricName: metric, unitName: unit, helpText: help)
    }

    /// One answered request. `route` is the matched route (nil when none matched).
    func request(route: Route?, method: HTTPMethod, status: UInt, nanoseconds: UInt64) {
        let method = Self.methodIndex(method)
        let key = SeriesKey(route: route.map(ObjectIdentifier.init), method: method, status: status)
        let routeKey = RouteKey(route: key.route, method: method)
        var (counter, histogram) = series.withLockedValue { ($0.counters[key], $0.histograms[routeKey]) }
        if counter == nil || histogram == nil {
            (counter, histogram) = makeSeries(key, routeKey, pattern: route.map(Self.pattern) ?? Self.unmatched)
        }
        counter!.increment()
        histogram!.record(Duration.nanoseconds(Int64(clamping: nanoseconds)))
    }

    /// The route's path pattern as the router lists it (`/:lang/practices/:slug`).
    static func pattern(_ route: Route) -> String {
        "/" + route.path.map(\.description).joined(separator: "/")
    }

    /// Made outside the series lock (the registry takes its own), then stored; a second request
    /// racing the first gets the same series back from the registry.
    private func makeSeries(_ key: SeriesKey, _ routeKey: RouteKey, pattern: String) -> (Counter, DurationHistogram) {
        let method = Self.methods[key.method]
        let counter = registry.makeCounter(
            descriptor: Self.name("http_requests", "total", "HTTP requests answered, by route pattern (unmatched: no route), method and status"),
            labels: [("route", pattern), ("method", method), ("status", String(key.status))])
        let histogram = registry.makeDurationHistogram(
            descriptor: Self.name("http_request_duration", "seconds", "Time from a request's arrival in the application to its answer, by route pattern and method"),
            labels: [("route", pattern), ("method", method)], buckets: Self.requestBuckets)
        series.withLockedValue {
            $0.counters[key] = counter
            $0.histograms[routeKey] = histogram
        }
        return (counter, histogram)
    }

    func cache(_ kind: PageCacheMiddleware.Kind, hit: Bool) {
        (hit ? cacheHits : cacheMisses)[kind]?.increment()
    }

    /// Runs a search and records how long it took.
    func timeSearch<T>(_ interface: SearchInterface, _ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        defer { searches[interface]?.record(ContinuousClock.now - start) }
        return try await body()
    }

    /// Runs the first database read of a request and records how long it took. Fluent's pools
    /// (async-kit's, and the one shared SQLite connection of `SQLiteWithReads`) tell nobody how long
    /// a connection was waited for, so this is the nearest honest measure: the data version read
    /// is one indexed row, microseconds once a connection is there, so what this histogram shows
    /// beyond a millisecond is time spent waiting for the connection.
    func timeDatabaseWait<T>(_ body: () async throws -> T) async rethrows -> T {
        let start = ContinuousClock.now
        defer { databaseWait.record(ContinuousClock.now - start) }
        return try await body()
    }

    /// The figures read from the database when `/metrics` is scraped.
    func update(_ counts: OperationsCounts) {
        outbox["waiting"]?.set(Double(counts.outboxWaiting))
        outbox["failing"]?.set(Double(counts.outboxFailing))
        outbox["given_up"]?.set(Double(counts.outboxGivenUp))
        outboxFailedAttempts.set(Double(counts.outboxFailedAttempts))
        digests[.daily]?.set(Double(counts.digestsDaily))
        digests[.weekly]?.set(Double(counts.digestsWeekly))
    }
}

extension Application {
    private struct SiteMetricsKey: StorageKey { typealias Value = SiteMetrics }

    /// Made by `configure`; middleware receive it once there rather than looking it up per request.
    var siteMetrics: SiteMetrics {
        get {
            if let metrics = storage[SiteMetricsKey.self] { return metrics }
            let metrics = SiteMetrics()
            storage[SiteMetricsKey.self] = metrics
            return metrics
        }
        set { storage[SiteMetricsKey.self] = newValue }
    }
}
