import SankofaCore
import SankofaStore
import Vapor

/// A group as one request sees it: the group, the reader (standing read from the database on
/// this request, so a person removed a moment ago is an outsider now) and their standing in it.
struct GroupAccess: Sendable {
    var group: ForumGroups.Group
    var reader: ForumReader

    var role: GroupRole? { reader.role(in: group.id) }
    var state: GroupMembershipState? { reader.state(in: group.id) }
    var isActiveMember: Bool { reader.inGroup(group.id) }
    var userID: UUID? { reader.actor.userID.flatMap(UUID.init(uuidString:)) }

    func allows(_ permission: ForumPermission) -> Bool { AccessPolicy.allows(reader.actor, .forum(permission)) }
    var mayManage: Bool { allows(.manageGroup(role: role, state: state)) }
    /// The group's categories (their names, their threads) are its content: managed by those who
    /// manage it from inside. Staff outside manage its membership only, never read what it holds.
    var managesContent: Bool { mayManage && isActiveMember }
    var mayInvite: Bool { allows(.inviteToGroup(role: role, state: state)) }
}

extension Request {
    /// The group of the path's `:group`, when the reader may know it exists (``ForumPermission/seeGroup``);
    /// anything else, a hidden group included, is a 404, as for a group that does not exist.
    func visibleGroup() async throws -> GroupAccess {
        guard let slug = parameters.get("group"), let group = try await ForumGroups(database: db).find(slug: slug) else {
            throw Abort(.notFound)
        }
        let access = GroupAccess(group: group, reader: try await forumReader())
        guard access.allows(.seeGroup(listed: group.listed, state: access.state)) else { throw Abort(.notFound) }
        return access
    }

    /// Group pages past the list need a vetted member (a visitor is sent to sign in, an applicant
    /// refused) before anything about the group is looked up.
    func requireForumMember() async throws {
        try await require(.forum(.read(.members, inGroup: false)))
    }
}

extension ForumGroupError {
    /// The catalogue key of the message that explains the refusal, and its status.
    var message: (key: String, status: HTTPStatus) {
        switch self {
        case .notFound: ("group.error.notFound", .notFound)
        case .unknownInvitee: ("group.error.unknownInvitee", .unprocessableEntity)
        case .alreadyThere: ("group.error.alreadyThere", .conflict)
        case .lastOwner: ("group.error.lastOwner", .conflict)
        case .invalidSuccessor: ("group.error.invalidSuccessor", .unprocessableEntity)
        }
    }
}
