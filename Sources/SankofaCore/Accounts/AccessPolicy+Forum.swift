/// The forum's permissions, decided with the rest in ``AccessPolicy`` (``Permission/forum(_:)``).
/// Every case names what the rule needs from the record (its category's visibility, whether the
/// reader is an active member of the category's group, the thread's state), so a controller asks
/// with what it read and the object × role test can walk every combination.
public enum ForumPermission: Sendable, Equatable {
    /// Read a category and what it holds (threads, posts, attachments, counts, feed entries).
    case read(ForumVisibility, inGroup: Bool)
    /// Start a thread in a category. Silenced members and visitors may not.
    case startThread(ForumVisibility, inGroup: Bool, silenced: Bool)
    /// Reply in a thread; a locked or closed thread takes replies from moderators only.
    case reply(ForumVisibility, inGroup: Bool, silenced: Bool, threadOpen: Bool)
    /// Change a post: its author while the thread is open and they are not silenced (an edit is
    /// writing too), and moderators who can read it.
    case editPost(ForumVisibility, inGroup: Bool, authorID: String?, silenced: Bool, threadOpen: Bool)
    /// Read a post that a moderator hid: moderators who can read the category, and its author.
    case readHiddenPost(ForumVisibility, inGroup: Bool, authorID: String?)
    /// See a post's earlier versions.
    case seeEditHistory(ForumVisibility, inGroup: Bool)
    /// Flag a post for the moderators: members who can read it.
    case flag(ForumVisibility, inGroup: Bool)
    /// Hide and restore posts; lock, pin, move and close threads. Moderators (and admins) who can
    /// read the category, and the owners of a working group in that group's categories.
    case moderate(ForumVisibility, inGroup: Bool, groupRole: GroupRole?)
    /// Silence a member for a time, and read the moderators' queue of flags.
    case moderateMembers
    /// Create, translate and order categories open to visitors or members.
    case manageCategories
    /// Create a working group.
    case createGroup
    /// See that a group exists (name, purpose): listed groups everyone, hidden ones the people
    /// it invited or who belong to it, and admins (who manage every group).
    case seeGroup(listed: Bool, state: GroupMembershipState?)
    /// Change a group, its categories and its members: its active owners, editors and admins.
    case manageGroup(role: GroupRole?, state: GroupMembershipState?)
    /// Invite someone to a group: its owners, editors and admins, and focal points who belong to it.
    case inviteToGroup(role: GroupRole?, state: GroupMembershipState?)
    /// Ask to join a listed group one has no standing with yet.
    case askToJoin(listed: Bool, state: GroupMembershipState?)
}

extension AccessPolicy {
    static func allows(_ actor: Actor, forum permission: ForumPermission) -> Bool {
        switch permission {
        case .read(let visibility, let inGroup):
            return reads(actor, visibility, inGroup)
        case .startThread(let visibility, let inGroup, let silenced):
            return actor.isMember && !silenced && reads(actor, visibility, inGroup)
        case .reply(let visibility, let inGroup, let silenced, let open):
            guard actor.isMember, reads(actor, visibility, inGroup) else { return false }
            return open ? !silenced : isModerator(actor)
        case .editPost(let visibility, let inGroup, let author, let silenced, let open):
            guard reads(actor, visibility, inGroup) else { return false }
            return isModerator(actor) || (owns(actor, author) && open && !silenced)
        case .readHiddenPost(let visibility, let inGroup, let author):
            return reads(actor, visibility, inGroup) && (isModerator(actor) || owns(actor, author))
        case .seeEditHistory(let visibility, let inGroup):
            return reads(actor, visibility, inGroup) && isModerator(actor)
        case .flag(let visibility, let inGroup):
            return actor.isMember && reads(actor, visibility, inGroup)
        case .moderate(let visibility, let inGroup, let role):
            guard reads(actor, visibility, inGroup) else { return false }
            return isModerator(actor) || (visibility == .group && role == .owner)
        case .moderateMembers:
            return isModerator(actor)
        case .manageCategories, .createGroup:
            return isStaff(actor) || (permission == .createGroup && actor.has(.focalPoint))
        case .seeGroup(let listed, let state):
            return listed || (state != nil && actor.isMember) || actor.has(.admin)
        case .manageGroup(let role, let state):
            return isStaff(actor) || (actor.isMember && state == .active && role == .owner)
        case .inviteToGroup(let role, let state):
            if allows(actor, forum: .manageGroup(role: role, state: state)) { return true }
            return actor.has(.focalPoint) && state == .active
        case .askToJoin(let listed, let state):
            return actor.isMember && listed && state == nil
        }
    }

    /// Moderators and admins.
    public static func isModerator(_ actor: Actor) -> Bool { actor.has(.moderator) || actor.has(.admin) }

    /// Reading is the gate of every other forum permission: a group's records reach its active
    /// members only (staff included: what happens in a working group stays in it).
    private static func reads(_ actor: Actor, _ visibility: ForumVisibility, _ inGroup: Bool) -> Bool {
        switch visibility {
        case .visitors: return true
        case .members: return actor.isMember
        case .group: return actor.isMember && inGroup
        }
    }
}
