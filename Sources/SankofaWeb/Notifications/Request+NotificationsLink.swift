import SankofaCore
import SankofaStore
import Vapor

extension Request {
    /// The header's "Notifications (3)" for a signed-in member: one indexed count of the unread
    /// notifications they may still read. Nil for visitors and accounts that are not members.
    func notificationsLink(_ language: Language) async throws -> Layout.Link? {
        guard actor.isMember, let id = user?.id else { return nil }
        let unread = try await Notifications(database: db).unreadCount(for: id)
        let label = unread == 0 ? t("notification.heading", language)
            : application.catalogs.plural("notification.header.unread", count: unread, language)
        let href = SiteURL.notifications(language).path
        return Layout.Link(href: href, label: label, current: url.path == href)
    }
}
