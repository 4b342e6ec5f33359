import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The pages a cooperation notice's e-mail links to, absolute: made by the web layer, which knows
/// the site's address and its routes (as ``ForumMailLinks`` are).
public struct CooperationLinks: Sendable {
    public var request: @Sendable (Language, Int) -> String
    public var exchange: @Sendable (Language, Int) -> String
    /// The person's notifications, for a notice that points at neither (or at a request they may not read).
    public var notifications: @Sendable (Language) -> String
    /// The person's invitations, where an invitation is answered.
    public var invitations: @Sendable (Language) -> String

    public init(request: @escaping @Sendable (Language, Int) -> String, exchange: @escaping @Sendable (Language, Int) -> String,
                notifications: @escaping @Sendable (Language) -> String, invitations: @escaping @Sendable (Language) -> String) {
        self.request = request
        self.exchange = exchange
        self.notifications = notifications
        self.invitations = invitations
    }
}

extension CooperationLinks {
    /// The site's links, set once by the web layer when the application boots (its base URL and
    /// route table), so that every store writing a notice, in a request or a background loop, links
    /// to the same pages. Until then, site-relative paths.
    public static var site: CooperationLinks {
        get { box.lock.withLock { box.links } }
        set { box.lock.withLock { box.links = newValue } }
    }

    /// Site-relative paths (the web layer's route table has the same patterns; a test compares them).
    public static let paths = CooperationLinks(request: { "/\($0.rawValue)/requests/\($1)" },
                                               exchange: { "/\($0.rawValue)/exchanges/\($1)" },
                                               notifications: { "/\($0.rawValue)/notifications" },
                                               invitations: { "/\($0.rawValue)/invitations" })

    private final class Box: @unchecked Sendable {
        let lock = NSLock()
        var links = CooperationLinks.paths
    }
    private static let box = Box()
}

/// The cooperation cycle's notices: each person told gets the in-app notification and ONE e-mail in
/// their own language, written in the caller's transaction. These are about the person's own
/// requests and exchanges, so they are mailed whatever the forum's e-mail settings say, and the
/// notification is marked mailed at once: the forum's digests never mail it a second time.
public struct CooperationNotices: Sendable {
    public let database: any Database
    public let links: CooperationLinks
    public var catalogs = Catalogs.bundled
    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// `links` default to the site's (``CooperationLinks/site``, set when the application boots).
    public init(database: any Database, links: CooperationLinks = .site) {
        self.database = database
        self.links = links
    }

    /// Tells `userIDs` (the actor left out: nobody is told of what they did) of something about a
    /// request or an exchange. `detail` is a short text the notice shows (a status, a reason).
    public func tell(userIDs: [UUID], kind: NotificationKind, actorID: UUID?, requestID: Int?, exchangeID: Int?,
                     detail: String, now: Int) async throws {
        try await tell(userIDs: userIDs, kind: kind, actorID: actorID, requestID: requestID, exchangeID: exchangeID,
                       detail: { _ in detail }, now: now)
    }

    /// As above, with a detail in each reader's language (a status's name).
    public func tell(userIDs: [UUID], kind: NotificationKind, actorID: UUID?, requestID: Int?, exchangeID: Int?,
                     detail: @Sendable (Language) -> String, now: Int) async throws {
        var seen = Set<UUID>()
        let people = userIDs.filter { $0 != actorID && seen.insert($0).inserted }
        guard !people.isEmpty else { return }
        // The request is read once for every recipient: its title, and what `mayRead` asks of it.
        let lookup = RequestLookup(database: database)
        var request: RequestFacts?
        if let requestID { request = try await lookup.request(requestID) }
        let title = requestID != nil ? request?.title ?? "" : try await exchangeTitle(exchangeID)
        var actorName: String?
        if let actorID {
            actorName = try await sql.raw("SELECT name FROM users WHERE id = \(bind: actorID)").first()?.decode(column: "name", as: String.self)
        }
        let recipients = try await sql.raw("""
            SELECT id, email, name, language FROM users WHERE id IN (\(binds: people)) AND status = 'active'
            """).all()
        for row in recipients {
            let userID = try row.decode(column: "id", as: UUID.self)
            let language = Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en
            let text = detail(language)
            try await sql.raw("""
                INSERT INTO notifications (user_id, kind, actor_id, request_id, exchange_id, detail, created_at, mailed_at)
                VALUES (\(bind: userID), \(bind: kind.rawValue), \(bind: actorID), \(bind: requestID), \(bind: exchangeID),
                        \(bind: String(text.prefix(2000))), \(bind: now), \(bind: now))
                """).run()
            // A request's title and page reach only those the policy lets read it: an expert invited to
            // a request kept to staff and the focal point learns of it from the invitation's message.
            var readable = requestID == nil
            if let request { readable = try await lookup.mayRead(request, userID: userID) }
            let values = ["name": try row.decode(column: "name", as: String.self),
                          "title": readable ? title : catalogs.text("cooperation.request.withheld", language),
                          "actor": actorName ?? catalogs.text("notification.someone", language), "detail": text]
            let link = kind == .matchInvitation ? links.invitations(language)
                : readable ? (requestID.map { links.request(language, $0) } ?? exchangeID.map { links.exchange(language, $0) } ?? links.notifications(language))
                : links.notifications(language)
            let body = catalogs.text("cooperation.mail.\(kind.rawValue).body", language, values) + "\n\n" + link + "\n\n"
                + catalogs.text("cooperation.mail.footer", language)
            let subject = catalogs.text("cooperation.mail.\(kind.rawValue).subject", language, values)
            try await Outbox(database: database).queue(
                Outbox.Mail(to: try row.decode(column: "email", as: String.self), subject: String(subject.prefix(200)), body: body), now: now)
        }
    }

    private func exchangeTitle(_ exchangeID: Int?) async throws -> String {
        if let exchangeID {
            return try await sql.raw("SELECT title FROM exchanges WHERE id = \(bind: exchangeID)").first()?.decode(column: "title", as: String.self) ?? ""
        }
        return ""
    }
}

