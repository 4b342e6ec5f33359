/// `notifications/settings`: how the member receives the forum's notifications by e-mail.
struct NotificationSettingsPage: Encodable, Sendable {
    struct Choice: Encodable, Sendable {
        var value: String
        var label: String
        var checked: Bool
    }

    var heading: String
    var intro: String
    var action: String
    var choices: [Choice]
    var message: String?
    var listHref: String
}
