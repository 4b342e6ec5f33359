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
/// The loop itself is a ``BackgroundLoop``.
enum ForumMailLoop {
    static let digestHour = 6

    /// One pass at `now`: immediate mail, then the digests that are due.
    static func runOnce(_ database: any Database, baseURL: String, now: Int) async throws {
        let digests = try await Self.digests(database, baseURL: baseURL)
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
}

/// When the application serves (not for `migrate` and the other commands), queues the forum's
/// mail every minute, with or without SMTP (without it the mail waits in the outbox, as all does).
func startForumMail(_ app: Application, interval: Duration = .seconds(60)) {
    let baseURL = app.settings.baseURL
    BackgroundLoop.use(app, name: "forum mail", every: interval) { database, now in
        try await ForumMailLoop.runOnce(database, baseURL: baseURL, now: now)
    }
}

/// `sankofa forum digest`: builds the digests of the current day or week now (those already
/// built, by this node or another, are skipped); returns how many members were done.
public func buildForumDigests(_ app: Application, period kind: ForumDigests.Kind, now: Int) async throws -> Int {
    let digests = try await ForumMailLoop.digests(app.db, baseURL: app.settings.baseURL)
    return try await digests.build(ForumDigests.Period(kind, at: now), now: now)
}
