/// `notifications/index`: the member's notifications, newest first, unread ones marked, each
/// leading to its post; mark one or all read. Only what the member may read now is listed.
struct NotificationsPage: Encodable, Sendable {
    struct Item: Encodable, Sendable {
        var text: String
        var href: String
        var when: String
        var unread: Bool
        var readAction: String
    }

    var heading: String
    var items: [Item]
    var unreadCount: Int
    var readAllAction: String
    var settingsHref: String
    var pagination: Pagination
}
