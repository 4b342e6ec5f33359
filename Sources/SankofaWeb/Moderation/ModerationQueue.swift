import SankofaCore
import SankofaStore
import Vapor

/// The moderators' queue (`/{lang}/moderation`), and one post's moderation page: each post with
/// its thread, its author, its open flags (reasons counted, notes), and a form to hide or restore
/// it, or to agree or disagree with its flags, with the reason the audit log and the author get.
struct ModerationQueue: Encodable, Sendable {
    struct Reason: Encodable, Sendable { var label: String; var count: Int }

    struct Item: Encodable, Sendable {
        var postID: Int
        var heading: String
        var author: String
        var body: String
        var lang: String
        var dir: String
        var hidden: Bool
        var flags: String?
        var reasons: [Reason]
        var notes: [String]
        var action: String
        var actions: [FormField.Choice]
        var error: String?
        var reason: String
        var postHref: String
        var threadModerationHref: String
        var authorHref: String?
    }

    var heading: String
    var intro: String
    var empty: String?
    var message: String?
    var items: [Item]
    var pagination: Pagination?

    static func item(_ entry: ForumFlags.QueueItem, _ request: Request, _ language: Language, canSilence: Bool,
                     error: String? = nil, reason: String = "") -> Item {
        var actions: [ModerationController.PostAction] = entry.hidden ? [.restore] : [.hide]
        if entry.flagCount > 0 { actions = entry.hidden ? [.restore, .disagree] : [.agree, .disagree] }
        return Item(
            postID: entry.postID,
            heading: request.t("moderation.post.heading", language, ["number": String(entry.number), "thread": entry.threadTitle]),
            author: entry.authorName ?? request.t("moderation.post.noAuthor", language),
            body: entry.body, lang: entry.language.rawValue, dir: entry.language.direction, hidden: entry.hidden,
            flags: entry.flagCount > 0 ? request.t("moderation.flags.count", language, ["count": String(entry.flagCount)]) : nil,
            reasons: entry.reasons.map { Reason(label: request.t($0.reason.labelKey, language), count: $0.count) },
            notes: entry.notes, action: SiteURL.moderationPost(language, post: entry.postID).path,
            actions: actions.map { .init(value: $0.rawValue, label: request.t("moderation.action.\($0.rawValue)", language), selected: false) },
            error: error, reason: reason, postHref: SiteURL.forumPost(language, post: entry.postID).path,
            threadModerationHref: SiteURL.forumThreadModerate(language, thread: entry.threadID).path,
            authorHref: canSilence ? entry.authorID.map { SiteURL.moderationMember(language, user: $0.uuidString).path } : nil)
    }
}
