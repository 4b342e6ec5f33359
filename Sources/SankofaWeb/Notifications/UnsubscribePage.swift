/// `notifications/unsubscribe`: the page of a forum mail's unsubscribe link, in the member's
/// language, with the button that stops the mail (a link followed by a mail scanner changes
/// nothing); after it, the confirmation. A page of its own, without the site's layout: its address
/// has no language prefix for the language switcher to keep, and its reader may have no session.
struct UnsubscribePage: Encodable, Sendable {
    var lang: String
    var dir: String
    var stylesheet: String
    var title: String
    var text: String
    var action: String?
    var submit: String
    var settingsHref: String
    var settingsLabel: String
}
