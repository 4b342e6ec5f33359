import Fluent
import Foundation
import NIOConcurrencyHelpers
import SankofaCore
import SankofaStore
import Vapor

/// This node's tally of Handbook downloads and searches, in memory: a count by metric, day and
/// language and nothing else (no person, no address, no query text ever reaches it). A request
/// adds to it under a lock and never writes to the database; the tally is added to
/// `usage_counts` (``UsageCounts``) every minute by the node's background loop and once more
/// when the node shuts down, so each node's counts add up with the others'.
final class UsageCounter: Sendable {
    private struct Cell: Hashable {
        var metric: UsageMetric
        /// Whole UTC days since 1970: the day's name is made at the flush, not per request.
        var day: Int
        var language: Language
    }

    private let tally = NIOLockedValueBox<[Cell: Int]>([:])

    init() {}

    /// One more `metric` in `language`, counted for the UTC day of `now`.
    func count(_ metric: UsageMetric, language: Language, now: Date = Date()) {
        let cell = Cell(metric: metric, day: Int(now.timeIntervalSince1970.rounded(.down)) / 86_400, language: language)
        tally.withLockedValue { $0[cell, default: 0] += 1 }
    }

    /// What is tallied and not yet flushed (tests, and the shutdown log).
    var pending: Int { tally.withLockedValue { $0.values.reduce(0, +) } }

    /// Adds the tally to the database and empties it. What was counted meanwhile stays for the
    /// next flush; when the write fails, the taken counts go back into the tally (nothing is lost,
    /// nothing is counted twice: the write is one statement a batch, and the upsert adds).
    func flush(on database: any Database) async throws {
        let taken = tally.withLockedValue { tally -> [Cell: Int] in
            defer { tally = [:] }
            return tally
        }
        guard !taken.isEmpty else { return }
        var counts: [UsageKey: Int] = [:]
        for (cell, n) in taken {
            counts[UsageKey(metric: cell.metric, day: IndicatorPeriods.day(cell.day * 86_400), language: cell.language), default: 0] += n
        }
        do {
            try await UsageCounts(database: database).add(counts)
        } catch {
            tally.withLockedValue { tally in
                for (cell, n) in taken { tally[cell, default: 0] += n }
            }
            throw error
        }
    }
}

extension Application {
    private struct UsageCounterKey: StorageKey { typealias Value = UsageCounter }

    /// The node's usage tally (``useUsageCounter(_:)`` makes it when the application is configured).
    var usageCounter: UsageCounter {
        get {
            if let counter = storage[UsageCounterKey.self] { return counter }
            let counter = UsageCounter()
            storage[UsageCounterKey.self] = counter
            return counter
        }
        set { storage[UsageCounterKey.self] = newValue }
    }
}

/// Makes the node's tally, flushed every minute while serving and once more at shutdown.
func useUsageCounter(_ app: Application, interval: Duration = .seconds(60)) -> UsageCounter {
    let counter = UsageCounter()
    app.usageCounter = counter
    BackgroundLoop.use(app, name: "usage counts", every: interval) { database, _ in
        try await counter.flush(on: database)
    }
    let command = app.environment.arguments.dropFirst().first
    // As the loop: only while serving (tests flush when they choose, other commands count nothing).
    if app.environment != .testing, command == nil || command == "serve" || command?.hasPrefix("-") == true {
        app.lifecycle.use(UsageFlushAtShutdown(counter: counter))
    }
    return counter
}

/// Flushes what the last minute tallied when the node stops. Registered after the loop's handler,
/// so it runs before the databases close (Vapor shuts its handlers down in reverse order, then
/// its storage).
struct UsageFlushAtShutdown: LifecycleHandler {
    let counter: UsageCounter

    func shutdownAsync(_ application: Application) async {
        do {
            try await counter.flush(on: application.db)
        } catch {
            application.logger.error("usage counts: \(counter.pending) not flushed at shutdown: \(String(reflecting: error))")
        }
    }
}

/// Counts the searches made, on `/{lang}/search` and `/api/v1/search`: before the page cache, so
/// that a search answered from it counts as one too. Only a search (a GET with a non-empty `q`)
/// answered 200; the page language, or the API's `lang` (English when not given, as the API reads
/// it). The query's text is never read beyond whether it is empty.
struct UsageCountingMiddleware: PassThroughMiddleware {
    let counter: UsageCounter

    func concerns(_ request: Request) -> Bool { request.method == .GET && PageCacheMiddleware.kind(of: request.urlPath) == .search }

    func respond(to request: Request, chainingTo next: any AsyncResponder) async throws -> Response {
        guard request.method == .GET, PageCacheMiddleware.kind(of: request.url.path) == .search else {
            return try await next.respond(to: request)
        }
        let response = try await next.respond(to: request)
        if response.status == .ok, let language = Self.searchLanguage(request) {
            counter.count(.search, language: language)
        }
        return response
    }

    /// The language a search is counted in; nil when it is no search (no words asked for).
    static func searchLanguage(_ request: Request) -> Language? {
        guard let q = try? request.query.get(String.self, at: "q"), !q.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty
        else { return nil }
        let first = request.url.path.split(separator: "/").first.map(String.init) ?? ""
        if first == "api" { return (try? request.query.get(String.self, at: "lang")).flatMap(Language.init(rawValue:)) ?? .en }
        return Language(rawValue: first)
    }
}
