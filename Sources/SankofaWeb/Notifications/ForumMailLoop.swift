import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The forum's mail from the application's own background loop: every minute, the notifications
/// of members who want them as they happen; from ``digestHour`` (UTC) each day the daily digests,
/// and from that hour each Monday the weekly ones. Every node may run it: a digest's row in
/// `forum_digests` and a notification's `mailed_at` are the claims, and the outbox's sender then
/// sends each message once. `sankofa forum digest --period daily|weekly` builds the same by hand.
actor ForumMailLoop {
    static let digestHour = 6

    let database: @Sendable () -> any Database
    let baseURL: String
    let logger: Logger
    private var loop: Task<Void, Never>?

    init(database: @escaping @Sendable () -> any Database, baseURL: String, logger: Logger) {
        self.database = database
        self.baseURL = baseURL
        self.logger = logger
    }

    /// One pass at `now`: immediate mail, then the digests that are due.
    func runOnce(now: Int) async throws {
        let digests = try await Self.digests(database(), baseURL: baseURL)
        try await digests.sendImmediate(now: now)
        for kind in ForumDigests.Kind.allCases where Self.isDue(kind, now: now) {
            try await digests.build(ForumDigests.Period(kind, at: now), now: now)
        }
    }

    /// From the digest hour on the day (daily), or on Monday (weekly), until the period ends.
    static func isDue(_ kind: ForumDigests.Kind, now: Int) -> Bool {
        var calendar = Calendar(identifier: .iso8601)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let parts = calendar.dateComponents([.hour, .weekday], from: Date(timeIntervalSince1970: TimeInterval(now)))
        let afterHour = (parts.hour ?? 0) >= digestHour
        switch kind {
        case .daily: return afterHour
        case .weekly: return parts.weekday != 2 || afterHour
        }
    }

    /// The digest builder with the site's links: permalinks, the settings page, signed unsubscribe links.
    static func digests(_ database: any Database, baseURL: String) async throws -> ForumDigests {
        let secret = try await SiteSecrets(database: database).value(named: "unsubscribe")
        let links = ForumMailLinks(
            // The same page as the notifications list links to, absolute.
            notification: { language, item in baseURL + NotificationText.href(item, language) },
            settings: { baseURL + SiteURL.notificationSettings($0).path },
            unsubscribe: { baseURL + SiteURL.unsubscribe(token: UnsubscribeToken.make(userID: $0, secret: secret)).path })
        return ForumDigests(database: database, links: links)
    }

    func start(every interval: Duration) {
        guard loop == nil else { return }
        loop = Task { [weak self, logger] in
            while !Task.isCancelled {
                do { try await self?.runOnce(now: Int(Date().timeIntervalSince1970)) } catch {
                    logger.error("forum mail: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    func stop() async {
        loop?.cancel()
        await loop?.value
        loop = nil
    }
}

struct ForumMailLifecycle: LifecycleHandler {
    let loop: ForumMailLoop
    let interval: Duration

    func didBootAsync(_ application: Application) async throws { await loop.start(every: interval) }
    func shutdownAsync(_ application: Application) async { await loop.stop() }
}

/// When the application serves (not for `migrate` and the other commands), queues the forum's
/// mail every minute, with or without SMTP (without it the mail waits in the outbox, as all does).
func startForumMail(_ app: Application, interval: Duration = .seconds(60)) {
    let command = app.environment.arguments.dropFirst().first
    // Tests run the builders themselves, at the moments they choose.
    guard app.environment != .testing, command == nil || command == "serve" || command?.hasPrefix("-") == true else { return }
    let databases = app.databases, logger = app.logger, group = app.eventLoopGroup
    let loop = ForumMailLoop(database: { databases.database(logger: logger, on: group.any())! }, baseURL: app.settings.baseURL, logger: logger)
    app.lifecycle.use(ForumMailLifecycle(loop: loop, interval: interval))
}

/// `sankofa forum digest`: builds the digests of the current day or week now (those already
/// built, by this node or another, are skipped); returns how many members were done.
public func buildForumDigests(_ app: Application, period kind: ForumDigests.Kind, now: Int) async throws -> Int {
    let digests = try await ForumMailLoop.digests(app.db, baseURL: app.settings.baseURL)
    return try await digests.build(ForumDigests.Period(kind, at: now), now: now)
}
