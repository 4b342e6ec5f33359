import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// A member's notifications: the list (what they may read now only), marking one or all read.
struct NotificationsController: RouteCollection {
    static let perPage = 30

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.notifications, use: list)
        routes.post(.notificationRead, use: read)
        routes.post(.notificationsReadAll, use: readAll)
    }

    /// The signed-in member: notifications are the forum's, for members only.
    static func member(_ request: Request) async throws -> UUID {
        try await request.require(.forum(.read(.members, inGroup: false)))
        guard let id = request.user?.id else { throw Abort(.unauthorized) }
        return id
    }

    func list(_ request: Request) async throws -> Response {
        let language = try request.language()
        let userID = try await Self.member(request)
        let query = try QueryParameters(request)
        let page = max(1, min(query.first("page").flatMap(Int.init) ?? 1, 10_000))
        let notifications = Notifications(database: request.db)
        let (items, total) = try await notifications.list(for: userID, limit: Self.perPage, offset: (page - 1) * Self.perPage)
        let unread = try await notifications.unreadCount(for: userID)
        let base = SiteURL.notifications(language).path
        let view = NotificationsPage(
            heading: request.t("notification.heading", language),
            items: items.map { item in
                NotificationsPage.Item(
                    text: item.sentence(language, request.application.catalogs),
                    href: NotificationText.href(item, language),
                    when: DateFormatting.dateTime(Date(timeIntervalSince1970: TimeInterval(item.createdAt)), language),
                    unread: item.readAt == nil, readAction: SiteURL.notificationRead(language, id: item.id).path)
            },
            unreadCount: unread, readAllAction: SiteURL.notificationsReadAll(language).path,
            settingsHref: SiteURL.notificationSettings(language).path,
            pagination: Pagination(page: page, perPage: Self.perPage, total: total, base: base, query: query, language: language, request: request))
        return try await request.render("notifications/index", view, language: language, title: view.heading, section: .account)
    }

    func read(_ request: Request) async throws -> Response {
        let language = try request.language()
        let userID = try await Self.member(request)
        guard let id = request.parameters.get("notification").flatMap(Int.init) else { throw Abort(.notFound) }
        try await Notifications(database: request.db).markRead(id: id, userID: userID, now: request.now)
        return request.redirect(to: SiteURL.notifications(language).path, redirectType: .normal)
    }

    func readAll(_ request: Request) async throws -> Response {
        let language = try request.language()
        let userID = try await Self.member(request)
        try await Notifications(database: request.db).markAllRead(userID: userID, now: request.now)
        return request.redirect(to: SiteURL.notifications(language).path, redirectType: .normal)
    }
}

/// Where a notification leads.
enum NotificationText {
    static func href(_ item: Notifications.Item, _ language: Language) -> String {
        if let post = item.postID { return SiteURL.forumPost(language, post: post).path }
        if let thread = item.threadID { return SiteURL.forumThread(language, thread: thread).path }
        if let slug = item.groupSlug { return SiteURL.group(language, slug: slug).path }
        if item.groupID != nil { return SiteURL.groups(language).path }
        if item.kind == .matchInvitation { return SiteURL.invitations(language).path }
        if let request = item.requestID { return SiteURL.request(language, id: request).path }
        if let exchange = item.exchangeID { return SiteURL.exchange(language, id: exchange).path }
        return SiteURL.notifications(language).path
    }
}
