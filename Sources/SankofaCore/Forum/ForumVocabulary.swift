/// Who may read a forum category (and so every thread, post, attachment and search hit in it).
public enum ForumVisibility: String, CaseIterable, Codable, Sendable {
    /// Visitors read it; members post in it.
    case visitors
    /// Vetted members read and post.
    case members
    /// The active members of one working group only: nothing of it reaches anyone else.
    case group

    public var labelKey: String { "forum.visibility.\(rawValue)" }
}

/// What a category is about: a theme of the taxonomy, a region, or a general subject.
public enum ForumCategoryKind: String, CaseIterable, Codable, Sendable {
    case general, theme, region
    public var labelKey: String { "forum.kind.\(rawValue)" }
}

/// A member's place in a working group. Owners invite, accept requests and manage the group.
public enum GroupRole: String, CaseIterable, Codable, Sendable {
    case owner, member
    public var labelKey: String { "group.role.\(rawValue)" }
}

/// Where a person stands with a working group: only `active` members read it.
public enum GroupMembershipState: String, CaseIterable, Codable, Sendable {
    /// Invited by an owner, an editor or a focal point; becomes active when the person accepts.
    case invited
    /// Asked to join; becomes active when an owner accepts.
    case requested
    case active
}

/// How a member receives forum notifications by e-mail (in-app notifications always appear).
public enum EmailMode: String, CaseIterable, Codable, Sendable {
    case immediate, daily, weekly, off
    public var labelKey: String { "notification.email.\(rawValue)" }
}

/// Why a member flags a post for the moderators.
public enum FlagReason: String, CaseIterable, Codable, Sendable {
    case spam, offensive, offTopic, unsafe, other
    public var labelKey: String { "moderation.reason.\(rawValue)" }
}

/// What an in-app notification tells. The cooperation cycle adds its own kinds here.
public enum NotificationKind: String, CaseIterable, Codable, Sendable {
    case reply, mention, quote, watchedThread, watchedCategory, groupInvitation, groupRequest, groupAccepted, moderation
    // The cooperation cycle's (rows carry `request_id` or `exchange_id`).
    case requestStep, requestComment, matchInvitation, invitationAnswer, exchangeUpdate, contributionAdded
    case outcomeReportDue, outcomeReportFiled, followUpDue, publicSummaryAgreed
    public var labelKey: String { "notification.kind.\(rawValue)" }
}

/// Who one forum record reaches: the audience stored beside a thread's search document and used by
/// every list, count, feed and digest, so a group's records are filtered the same way everywhere.
public enum ForumAudience: Sendable, Hashable {
    case visitors
    case members
    case group(Int)

    public init(visibility: ForumVisibility, groupID: Int?) {
        switch visibility {
        case .visitors: self = .visitors
        case .members: self = .members
        case .group: self = .group(groupID ?? -1)
        }
    }

    /// The stored form: `visitors`, `members`, `group:12`.
    public var key: String {
        switch self {
        case .visitors: return "visitors"
        case .members: return "members"
        case .group(let id): return "group:\(id)"
        }
    }

    /// The audiences `reader` belongs to: what a query filters records by.
    public static func keys(for actor: Actor, groupIDs: Set<Int>) -> [String] {
        var keys = ["visitors"]
        if actor.isMember {
            keys.append("members")
            keys += groupIDs.sorted().map { "group:\($0)" }
        }
        return keys
    }
}
