import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Who reads the forum: the actor and their standing in every working group, read once per
/// request. Every forum query filters by ``audienceKeys`` (the same keys stored beside search
/// documents), and every permission asks with ``inGroup(_:)`` / ``role(in:)``, so a person who
/// leaves a group loses everything of it on their next request.
public struct ForumReader: Sendable {
    public let actor: Actor
    /// Group id → (role, state) for every group the person has a standing with.
    public let standing: [Int: (role: GroupRole, state: GroupMembershipState)]

    public init(actor: Actor, standing: [Int: (role: GroupRole, state: GroupMembershipState)] = [:]) {
        self.actor = actor
        self.standing = standing
    }

    /// Reads the standing of `actor` (nothing for visitors and accounts that are not members).
    public static func load(_ actor: Actor, on database: any Database) async throws -> ForumReader {
        guard actor.isMember, let id = actor.userID.flatMap(UUID.init(uuidString:)) else { return ForumReader(actor: actor) }
        let rows = try await (database as! any SQLDatabase).raw("""
            SELECT group_id, role, state FROM forum_group_members WHERE user_id = \(bind: id)
            """).all()
        var standing: [Int: (role: GroupRole, state: GroupMembershipState)] = [:]
        for row in rows {
            guard let role = GroupRole(rawValue: try row.decode(column: "role", as: String.self)),
                  let state = GroupMembershipState(rawValue: try row.decode(column: "state", as: String.self)) else { continue }
            standing[try row.decode(column: "group_id", as: Int.self)] = (role, state)
        }
        return ForumReader(actor: actor, standing: standing)
    }

    /// The groups whose records this person reads: those they are an active member of.
    public var groupIDs: Set<Int> { Set(standing.filter { $0.value.state == .active }.keys) }

    public func inGroup(_ groupID: Int?) -> Bool { groupID.map { standing[$0]?.state == .active } ?? false }
    public func role(in groupID: Int?) -> GroupRole? { groupID.flatMap { standing[$0]?.role } }
    public func state(in groupID: Int?) -> GroupMembershipState? { groupID.flatMap { standing[$0]?.state } }

    /// The audiences whose records this person reads (`visitors`, `members`, `group:N`).
    public var audienceKeys: [String] { ForumAudience.keys(for: actor, groupIDs: groupIDs) }

    /// Whether this person reads a category of `visibility` belonging to `groupID`.
    public func reads(_ visibility: ForumVisibility, groupID: Int?) -> Bool {
        AccessPolicy.allows(actor, .forum(.read(visibility, inGroup: inGroup(groupID))))
    }
}
