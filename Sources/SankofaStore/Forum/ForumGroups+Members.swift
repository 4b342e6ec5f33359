import Fluent
import Foundation
import SankofaCore
import SQLKit

extension ForumGroups {
    /// A person with a standing in a group, named as the members' list shows them.
    public struct Member: Sendable, Equatable {
        public var userID: UUID
        public var name: String
        public var handle: String?
        public var role: GroupRole
        public var state: GroupMembershipState
        public var since: Int
    }

    /// Everyone with a standing in the group: owners first, then members, each by name; invited
    /// and asking people too (the owners' page shows them apart).
    public func members(of groupID: Int) async throws -> [Member] {
        try await sql.raw("""
            SELECT m.user_id, m.role, m.state, m.created_at, u.name, f.handle FROM forum_group_members m
            JOIN users u ON u.id = m.user_id LEFT JOIN forum_members f ON f.user_id = m.user_id
            WHERE m.group_id = \(bind: groupID)
            ORDER BY CASE m.role WHEN 'owner' THEN 0 ELSE 1 END, u.name, u.email
            """).all().compactMap { row in
            guard let role = GroupRole(rawValue: try row.decode(column: "role", as: String.self)),
                  let state = GroupMembershipState(rawValue: try row.decode(column: "state", as: String.self)) else { return nil }
            return Member(userID: try row.decode(column: "user_id", as: UUID.self), name: try row.decode(column: "name", as: String.self),
                          handle: try row.decode(column: "handle", as: String?.self), role: role, state: state,
                          since: try row.decode(column: "created_at", as: Int.self))
        }
    }

    /// One person's standing with a group, nil when they have none.
    public func standing(of userID: UUID, in groupID: Int) async throws -> (role: GroupRole, state: GroupMembershipState)? {
        guard let row = try await sql.raw("""
            SELECT role, state FROM forum_group_members WHERE group_id = \(bind: groupID) AND user_id = \(bind: userID)
            """).first(),
              let role = GroupRole(rawValue: try row.decode(column: "role", as: String.self)),
              let state = GroupMembershipState(rawValue: try row.decode(column: "state", as: String.self)) else { return nil }
        return (role, state)
    }

    /// The active owners, who hear of requests to join.
    public func owners(of groupID: Int) async throws -> [UUID] {
        try await sql.raw("""
            SELECT user_id FROM forum_group_members WHERE group_id = \(bind: groupID) AND role = 'owner' AND state = 'active'
            """).all().map { try $0.decode(column: "user_id", as: UUID.self) }
    }

    /// The vetted member an invitation names: by e-mail address (any case) or by forum handle
    /// (with or without its `@`). Nil for anyone else: no account, an applicant, a disabled account.
    public func invitee(named text: String) async throws -> UserModel? {
        let name = text.trimmingCharacters(in: .whitespaces)
        guard !name.isEmpty, name.count <= 320 else { return nil }
        let user: UserModel?
        if name.contains("@"), !name.hasPrefix("@") {
            user = try await UserModel.query(on: database).filter(\.$email == name.lowercased()).first()
        } else {
            let handle = name.hasPrefix("@") ? String(name.dropFirst()) : name
            guard let row = try await sql.raw("SELECT user_id FROM forum_members WHERE LOWER(handle) = \(bind: handle.lowercased())").first()
            else { return nil }
            user = try await UserModel.find(try row.decode(column: "user_id", as: UUID.self), on: database)
        }
        return user.flatMap { $0.actor.isMember ? $0 : nil }
    }
}
