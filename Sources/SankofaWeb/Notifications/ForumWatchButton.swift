import SankofaCore
import SankofaStore
import Vapor

/// What `forum/watch-button.leaf` shows on a thread's or category's page for a signed-in member:
/// the three levels (watch, normal, mute) as buttons of one form, the current one marked.
struct ForumWatchButton: Encodable, Sendable {
    struct Choice: Encodable, Sendable {
        var value: String
        var label: String
        var current: Bool
    }

    var heading: String
    var action: String
    var choices: [Choice]

    /// Nil for visitors and accounts that are not members.
    static func make(_ request: Request, _ language: Language, target: ForumWatches.Target, action: SiteURL) async throws -> ForumWatchButton? {
        guard request.actor.isMember, let userID = request.user?.id else { return nil }
        let level = try await ForumWatches(database: request.db).level(of: userID, for: target)
        let heading: String
        if case .thread = target { heading = "notification.watch.heading" } else { heading = "notification.watch.category.heading" }
        return ForumWatchButton(
            heading: request.t(heading, language), action: action.path,
            choices: [("watching", ForumWatches.Level.watching), ("normal", nil), ("muted", .muted)].map { value, choice in
                Choice(value: value, label: request.t("notification.watch.\(value)", language), current: choice == level)
            })
    }

    static func thread(_ request: Request, _ language: Language, _ threadID: Int) async throws -> ForumWatchButton? {
        try await make(request, language, target: .thread(threadID), action: .forumWatchThread(language, thread: threadID))
    }

    static func category(_ request: Request, _ language: Language, id: Int, slug: String) async throws -> ForumWatchButton? {
        try await make(request, language, target: .category(id), action: .forumWatchCategory(language, slug: slug))
    }
}
