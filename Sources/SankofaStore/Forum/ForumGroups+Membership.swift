import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Changes to who belongs to a group. Each runs in one transaction with its audit line and the
/// notifications it causes, so a change, its record and the people told of it go together. Who
/// may make a change is the controller's question to the access policy; this file keeps the
/// group's own rules: one standing per person, a group never left without an active owner.
extension ForumGroups {
    /// Invites a vetted member (``invitee(named:)``); they become a member when they accept.
    public func invite(_ userID: UUID, to group: Group, by actorID: UUID?, audit: AuditLog.Entry, now: Int) async throws {
        try await database.atomically { database in
            let store = try await ForumGroups.locked(group.id, on: database)
            guard try await store.standing(of: userID, in: group.id) == nil else { throw ForumGroupError.alreadyThere }
            try await store.insert(userID, group.id, state: .invited, invitedBy: actorID, now: now)
            try await Notifications(database: database).add(.init(userID: userID, kind: .groupInvitation, actorID: actorID,
                                                                   groupID: group.id, detail: group.name, now: now))
            try await AuditLog(database: database).record(audit)
        }
    }

    /// The invited person's answer: a member now, or no standing at all. The inviter hears of a yes.
    public func answerInvitation(of userID: UUID, to group: Group, accept: Bool, audit: AuditLog.Entry, now: Int) async throws {
        try await database.atomically { database in
            let store = try await ForumGroups.locked(group.id, on: database)
            guard try await store.standing(of: userID, in: group.id)?.state == .invited else { throw ForumGroupError.notFound }
            if accept {
                let inviter = try await store.sql.raw("""
                    SELECT invited_by FROM forum_group_members WHERE group_id = \(bind: group.id) AND user_id = \(bind: userID)
                    """).first()?.decode(column: "invited_by", as: UUID?.self)
                try await store.setState(userID, group.id, .active)
                if let inviter, inviter != userID {
                    try await Notifications(database: database).add(.init(userID: inviter, kind: .groupAccepted, actorID: userID,
                                                                           groupID: group.id, detail: group.name, now: now))
                }
            } else {
                try await store.delete(userID, group.id)
            }
            try await AuditLog(database: database).record(audit)
        }
    }

    /// A member asks to join a listed group; its active owners hear of it.
    public func askToJoin(_ userID: UUID, group: Group, audit: AuditLog.Entry, now: Int) async throws {
        try await database.atomically { database in
            let store = try await ForumGroups.locked(group.id, on: database)
            guard try await store.standing(of: userID, in: group.id) == nil else { throw ForumGroupError.alreadyThere }
            try await store.insert(userID, group.id, state: .requested, invitedBy: nil, now: now)
            for owner in try await store.owners(of: group.id) {
                try await Notifications(database: database).add(.init(userID: owner, kind: .groupRequest, actorID: userID,
                                                                       groupID: group.id, detail: group.name, now: now))
            }
            try await AuditLog(database: database).record(audit)
        }
    }

    /// The person takes back their request to join: no standing any more, and the owners' notices of
    /// it go too, so no one is left answering a request that is not there.
    public func withdrawRequest(of userID: UUID, from group: Group, audit: AuditLog.Entry) async throws {
        try await database.atomically { database in
            let store = try await ForumGroups.locked(group.id, on: database)
            guard try await store.standing(of: userID, in: group.id)?.state == .requested else { throw ForumGroupError.notFound }
            try await store.delete(userID, group.id)
            try await store.sql.raw("""
                DELETE FROM notifications WHERE group_id = \(bind: group.id) AND actor_id = \(bind: userID)
                  AND kind = \(bind: NotificationKind.groupRequest.rawValue)
                """).run()
            try await AuditLog(database: database).record(audit)
        }
    }

    /// An owner's answer to a request: the person is a member now (and told so), or has no standing.
    public func answerRequest(of userID: UUID, to group: Group, accept: Bool, by actorID: UUID?, audit: AuditLog.Entry, now: Int) async throws {
        try await database.atomically { database in
            let store = try await ForumGroups.locked(group.id, on: database)
            guard try await store.standing(of: userID, in: group.id)?.state == .requested else { throw ForumGroupError.notFound }
            if accept {
                try await store.setState(userID, group.id, .active)
                try await Notifications(database: database).add(.init(userID: userID, kind: .groupAccepted, actorID: actorID,
                                                                       groupID: group.id, detail: group.name, now: now))
            } else {
                try await store.delete(userID, group.id)
            }
            try await AuditLog(database: database).record(audit)
        }
    }

    /// Makes an active member an owner, or an owner a member again (not the last active owner).
    public func setRole(_ role: GroupRole, of userID: UUID, in group: Group, audit: AuditLog.Entry) async throws {
        try await database.atomically { database in
            let store = try await ForumGroups.locked(group.id, on: database)
            guard let standing = try await store.standing(of: userID, in: group.id), standing.state == .active else {
                throw ForumGroupError.notFound
            }
            if standing.role == .owner, role == .member, try await store.owners(of: group.id) == [userID] { throw ForumGroupError.lastOwner }
            try await store.sql.raw("""
                UPDATE forum_group_members SET role = \(bind: role.rawValue) WHERE group_id = \(bind: group.id) AND user_id = \(bind: userID)
                """).run()
            try await AuditLog(database: database).record(audit)
        }
    }

    /// Takes away a person's standing (a member, an invitation, a request): they lose the group at
    /// once. The last active owner is not removed.
    public func remove(_ userID: UUID, from group: Group, audit: AuditLog.Entry) async throws {
        try await database.atomically { database in
            let store = try await ForumGroups.locked(group.id, on: database)
            guard try await store.standing(of: userID, in: group.id) != nil else { throw ForumGroupError.notFound }
            if try await store.owners(of: group.id) == [userID] { throw ForumGroupError.lastOwner }
            try await store.delete(userID, group.id)
            try await AuditLog(database: database).record(audit)
        }
    }

    /// A member leaves. The last active owner names a `successor` among the active members, who
    /// becomes an owner in the same transaction; without one, ``ForumGroupError/lastOwner``.
    public func leave(_ userID: UUID, group: Group, successor: UUID?, audit: AuditLog.Entry) async throws {
        try await database.atomically { database in
            let store = try await ForumGroups.locked(group.id, on: database)
            guard try await store.standing(of: userID, in: group.id) != nil else { throw ForumGroupError.notFound }
            if try await store.owners(of: group.id) == [userID] {
                guard let successor else { throw ForumGroupError.lastOwner }
                guard successor != userID, try await store.standing(of: successor, in: group.id)?.state == .active else {
                    throw ForumGroupError.invalidSuccessor
                }
                try await store.sql.raw("""
                    UPDATE forum_group_members SET role = 'owner' WHERE group_id = \(bind: group.id) AND user_id = \(bind: successor)
                    """).run()
            }
            try await store.delete(userID, group.id)
            try await AuditLog(database: database).record(audit)
        }
    }

    /// The store in transaction `database`, holding the group's row until it ends (PostgreSQL; SQLite
    /// runs one transaction at a time): two owners stepping down at once cannot both pass the
    /// last-owner check, and the same invitation sent twice at once is "already there", not a
    /// clash on the primary key.
    static func locked(_ groupID: Int, on database: any Database) async throws -> ForumGroups {
        let sql = database as! any SQLDatabase
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT id FROM forum_groups WHERE id = \(bind: groupID) FOR UPDATE").run()
        }
        return ForumGroups(database: database)
    }

    private func insert(_ userID: UUID, _ groupID: Int, state: GroupMembershipState, invitedBy: UUID?, now: Int) async throws {
        try await sql.raw("""
            INSERT INTO forum_group_members (group_id, user_id, role, state, invited_by, created_at)
            VALUES (\(bind: groupID), \(bind: userID), 'member', \(bind: state.rawValue), \(bind: invitedBy), \(bind: now))
            """).run()
    }

    private func setState(_ userID: UUID, _ groupID: Int, _ state: GroupMembershipState) async throws {
        try await sql.raw("""
            UPDATE forum_group_members SET state = \(bind: state.rawValue) WHERE group_id = \(bind: groupID) AND user_id = \(bind: userID)
            """).run()
    }

    /// Ends a standing and what it left behind: the person's watches on the group's categories and
    /// threads, and their notifications of the group (``ForumReader`` reads standing per request,
    /// so the pages close at once; this keeps nothing of the group waiting in their lists or mail).
    private func delete(_ userID: UUID, _ groupID: Int) async throws {
        let categories = "SELECT id FROM forum_categories WHERE group_id = \(groupID)"
        let threads = "SELECT t.id FROM forum_threads t JOIN forum_categories c ON c.id = t.category_id WHERE c.group_id = \(groupID)"
        try await sql.raw("DELETE FROM forum_group_members WHERE group_id = \(bind: groupID) AND user_id = \(bind: userID)").run()
        try await sql.raw("""
            DELETE FROM forum_watches WHERE user_id = \(bind: userID) AND ((target_kind = 'category' AND target_id IN (\(unsafeRaw: categories)))
              OR (target_kind = 'thread' AND target_id IN (\(unsafeRaw: threads))))
            """).run()
        try await sql.raw("""
            DELETE FROM notifications WHERE user_id = \(bind: userID) AND (group_id = \(bind: groupID) OR thread_id IN (\(unsafeRaw: threads)))
            """).run()
    }
}
