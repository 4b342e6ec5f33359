import Foundation
import SankofaCore

/// What the forum's mail says, in the member's language, and the links it carries. The links are
/// made by the web layer (it knows the site's address and signs the unsubscribe links), passed in
/// as ``ForumMailLinks``.
public struct ForumMailLinks: Sendable {
    /// The page a notification leads to (a post's permalink, a group's page), absolute.
    public var notification: @Sendable (Language, Notifications.Item) -> String
    /// The member's e-mail settings page, absolute.
    public var settings: @Sendable (Language) -> String
    /// The one-click unsubscribe address for a member (signed), absolute.
    public var unsubscribe: @Sendable (UUID) -> String

    public init(notification: @escaping @Sendable (Language, Notifications.Item) -> String,
                settings: @escaping @Sendable (Language) -> String, unsubscribe: @escaping @Sendable (UUID) -> String) {
        self.notification = notification
        self.settings = settings
        self.unsubscribe = unsubscribe
    }
}

extension Notifications.Item {
    /// The notification as a sentence, "Amina replied in “Seed banks”": on the page and in mail.
    public func sentence(_ language: Language, _ catalogs: Catalogs) -> String {
        catalogs.text(kind.labelKey, language, ["actor": actorName ?? catalogs.text("notification.someone", language),
                                                "title": threadTitle ?? "", "detail": detail])
    }
}

enum ForumMailText {
    static func line(_ item: Notifications.Item, _ language: Language, _ catalogs: Catalogs) -> String {
        item.sentence(language, catalogs)
    }

    /// The mail of one notification, sent as it happens.
    static func immediate(_ item: Notifications.Item, to recipient: Recipient, links: ForumMailLinks, catalogs: Catalogs) -> Outbox.Mail {
        let language = recipient.language
        let text = line(item, language, catalogs)
        let body = text + "\n\n" + links.notification(language, item) + "\n\n" + footer(recipient, links: links, catalogs: catalogs)
        return mail(to: recipient, subject: text, body: body, links: links)
    }

    /// A digest: every notification of the period, newest first (at most `shown`, then how many more).
    static func digest(_ items: [Notifications.Item], total: Int, period: ForumDigests.Period, to recipient: Recipient,
                       links: ForumMailLinks, catalogs: Catalogs) -> Outbox.Mail {
        let language = recipient.language
        let subject = catalogs.plural("notification.digest.subject.\(period.kind.rawValue)", count: total, language)
        var lines = [catalogs.text("notification.digest.intro", language, ["name": recipient.name]), ""]
        for item in items {
            lines.append("- " + line(item, language, catalogs))
            lines.append("  " + links.notification(language, item))
        }
        if total > items.count {
            lines += ["", catalogs.plural("notification.digest.more", count: total - items.count, language)]
        }
        let body = lines.joined(separator: "\n") + "\n\n" + footer(recipient, links: links, catalogs: catalogs)
        return mail(to: recipient, subject: subject, body: body, links: links)
    }

    static func footer(_ recipient: Recipient, links: ForumMailLinks, catalogs: Catalogs) -> String {
        catalogs.text("notification.mail.footer", recipient.language,
                      ["settings": links.settings(recipient.language), "unsubscribe": links.unsubscribe(recipient.userID)])
    }

    /// With `List-Unsubscribe` and its one-click POST (RFC 8058).
    static func mail(to recipient: Recipient, subject: String, body: String, links: ForumMailLinks) -> Outbox.Mail {
        Outbox.Mail(to: recipient.email, subject: String(subject.prefix(200)), body: body,
                    headers: [("List-Unsubscribe", "<\(links.unsubscribe(recipient.userID))>"),
                              ("List-Unsubscribe-Post", "List-Unsubscribe=One-Click")])
    }

    struct Recipient: Sendable {
        var userID: UUID
        var email: String
        var name: String
        var language: Language
    }
}
