import Foundation
import SankofaCore
import Testing

/// The forum's permissions on their own, walked as a table: every kind of category × every kind of
/// reader (with or without standing in the category's group). The HTTP side is the forum's
/// object × role tests in SankofaWebTests.
@Suite("Forum access policy")
struct ForumPolicyTests {
    static let ownID = "C0000000-0000-0000-0000-000000000003"
    static func actor(_ roles: Set<Role>, status: AccountStatus = .active, id: String = "D0000000-0000-0000-0000-000000000004") -> Actor {
        Actor(userID: id, status: status, roles: roles, country: "NE")
    }

    /// name → (actor, is an active member of the category's group).
    static let readers: [(String, Actor, Bool)] = [
        ("visitor", .visitor, false),
        ("pending", actor([], status: .pending), false),
        ("member", actor([.member]), false),
        ("groupMember", actor([.member]), true),
        ("disabledGroupMember", actor([.member], status: .disabled), true),
        ("focalPoint", actor([.member, .focalPoint]), false),
        ("editor", actor([.member, .editor]), false),
        ("moderator", actor([.member, .moderator]), false),
        ("groupModerator", actor([.member, .moderator]), true),
        ("admin", actor([.member, .admin]), false),
    ]

    static let everyone: Set<String> = Set(readers.map(\.0))
    static let members: Set<String> = ["member", "groupMember", "focalPoint", "editor", "moderator", "groupModerator", "admin"]
    static let inGroup: Set<String> = ["groupMember", "groupModerator"]

    /// Visibility → who reads, who starts threads, who moderates.
    static let table: [ForumVisibility: (read: Set<String>, start: Set<String>, moderate: Set<String>)] = [
        .visitors: (everyone, members, ["moderator", "groupModerator", "admin"]),
        .members: (members, members, ["moderator", "groupModerator", "admin"]),
        .group: (inGroup, inGroup, ["groupModerator"]),
    ]

    @Test("Every category visibility × every reader: read, start a thread, flag, moderate")
    func categoriesByReader() {
        #expect(Set(Self.table.keys) == Set(ForumVisibility.allCases), "every visibility has a line")
        for (visibility, allowed) in Self.table {
            for (name, actor, inGroup) in Self.readers {
                #expect(AccessPolicy.allows(actor, .forum(.read(visibility, inGroup: inGroup))) == allowed.read.contains(name), "read \(visibility) as \(name)")
                #expect(AccessPolicy.allows(actor, .forum(.startThread(visibility, inGroup: inGroup, silenced: false))) == allowed.start.contains(name),
                        "start in \(visibility) as \(name)")
                #expect(AccessPolicy.allows(actor, .forum(.flag(visibility, inGroup: inGroup))) == allowed.start.contains(name), "flag in \(visibility) as \(name)")
                #expect(AccessPolicy.allows(actor, .forum(.moderate(visibility, inGroup: inGroup, groupRole: nil))) == allowed.moderate.contains(name),
                        "moderate \(visibility) as \(name)")
            }
        }
    }

    @Test("Silenced members may not post; a locked thread takes replies from moderators only")
    func silenceAndLocks() {
        let member = Self.actor([.member]), moderator = Self.actor([.member, .moderator])
        #expect(!AccessPolicy.allows(member, .forum(.startThread(.members, inGroup: false, silenced: true))))
        #expect(!AccessPolicy.allows(member, .forum(.reply(.members, inGroup: false, silenced: true, threadOpen: true))))
        #expect(AccessPolicy.allows(member, .forum(.reply(.members, inGroup: false, silenced: false, threadOpen: true))))
        #expect(!AccessPolicy.allows(member, .forum(.reply(.members, inGroup: false, silenced: false, threadOpen: false))))
        #expect(AccessPolicy.allows(moderator, .forum(.reply(.members, inGroup: false, silenced: false, threadOpen: false))))
    }

    @Test("A post is changed by its author while the thread is open, and by moderators who can read it")
    func editingPosts() {
        let author = Self.actor([.member], id: Self.ownID), other = Self.actor([.member]), moderator = Self.actor([.member, .moderator])
        #expect(AccessPolicy.allows(author, .forum(.editPost(.members, inGroup: false, authorID: Self.ownID, silenced: false, threadOpen: true))))
        #expect(!AccessPolicy.allows(author, .forum(.editPost(.members, inGroup: false, authorID: Self.ownID, silenced: false, threadOpen: false))))
        #expect(!AccessPolicy.allows(other, .forum(.editPost(.members, inGroup: false, authorID: Self.ownID, silenced: false, threadOpen: true))))
        #expect(AccessPolicy.allows(moderator, .forum(.editPost(.members, inGroup: false, authorID: Self.ownID, silenced: false, threadOpen: false))))
        // An edit is writing: a silenced author waits like for a new post.
        #expect(!AccessPolicy.allows(author, .forum(.editPost(.members, inGroup: false, authorID: Self.ownID, silenced: true, threadOpen: true))))
        // An author who left the group no longer reads, so no longer edits, what they wrote there.
        #expect(!AccessPolicy.allows(author, .forum(.editPost(.group, inGroup: false, authorID: Self.ownID, silenced: false, threadOpen: true))))
        #expect(!AccessPolicy.allows(moderator, .forum(.seeEditHistory(.group, inGroup: false))))
        #expect(AccessPolicy.allows(author, .forum(.readHiddenPost(.members, inGroup: false, authorID: Self.ownID))))
        #expect(!AccessPolicy.allows(other, .forum(.readHiddenPost(.members, inGroup: false, authorID: Self.ownID))))
    }

    @Test("Groups: hidden ones seen by those with a standing and admins; owners, staff and focal-point members invite")
    func groups() {
        let member = Self.actor([.member]), focal = Self.actor([.member, .focalPoint]), editor = Self.actor([.member, .editor])
        let admin = Self.actor([.member, .admin])
        #expect(AccessPolicy.allows(.visitor, .forum(.seeGroup(listed: true, state: nil))))
        #expect(!AccessPolicy.allows(member, .forum(.seeGroup(listed: false, state: nil))))
        #expect(!AccessPolicy.allows(editor, .forum(.seeGroup(listed: false, state: nil))))
        #expect(AccessPolicy.allows(member, .forum(.seeGroup(listed: false, state: .invited))))
        #expect(AccessPolicy.allows(admin, .forum(.seeGroup(listed: false, state: nil))))
        #expect(AccessPolicy.allows(member, .forum(.inviteToGroup(role: .owner, state: .active))))
        #expect(!AccessPolicy.allows(member, .forum(.inviteToGroup(role: .member, state: .active))))
        #expect(!AccessPolicy.allows(member, .forum(.inviteToGroup(role: .owner, state: .invited))))
        #expect(AccessPolicy.allows(focal, .forum(.inviteToGroup(role: .member, state: .active))))
        #expect(!AccessPolicy.allows(focal, .forum(.inviteToGroup(role: nil, state: nil))))
        #expect(AccessPolicy.allows(editor, .forum(.inviteToGroup(role: nil, state: nil))))
        #expect(AccessPolicy.allows(member, .forum(.askToJoin(listed: true, state: nil))))
        #expect(!AccessPolicy.allows(member, .forum(.askToJoin(listed: false, state: nil))))
        #expect(!AccessPolicy.allows(member, .forum(.askToJoin(listed: true, state: .requested))))
        #expect(AccessPolicy.allows(focal, .forum(.createGroup)))
        #expect(!AccessPolicy.allows(member, .forum(.createGroup)))
        #expect(AccessPolicy.allows(editor, .forum(.manageCategories)))
        #expect(!AccessPolicy.allows(Self.actor([.member, .moderator]), .forum(.manageCategories)))
    }

    @Test("Audience keys: visitors read the open audience only; members add members and their groups")
    func audiences() {
        #expect(ForumAudience.keys(for: .visitor, groupIDs: [3]) == ["visitors"])
        #expect(ForumAudience.keys(for: Self.actor([.member]), groupIDs: [7, 3]) == ["visitors", "members", "group:3", "group:7"])
        #expect(ForumAudience.keys(for: Self.actor([.member], status: .disabled), groupIDs: [3]) == ["visitors"])
        #expect(ForumAudience(visibility: .group, groupID: 5).key == "group:5")
    }
}
