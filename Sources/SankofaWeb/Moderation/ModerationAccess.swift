import SankofaCore
import SankofaStore
import Vapor

/// Who reaches the moderation desk and what it shows them. Forum moderators (and admins) moderate
/// the categories open to visitors and members, and the groups they are active members of; a
/// group's owners moderate their group's categories. Nobody sees a group's posts from outside it.
enum ModerationAccess {
    /// The reader's queue scope; a 403 (a visitor: the login page) when it is empty.
    static func scope(_ request: Request) async throws -> (ForumFlags.Scope, ForumReader) {
        let reader = try await request.forumReader()
        let groups = reader.groupIDs.filter { id in
            AccessPolicy.allows(request.actor, .forum(.moderate(.group, inGroup: true, groupRole: reader.role(in: id))))
        }
        let scope = ForumFlags.Scope(openCategories: AccessPolicy.allows(request.actor, .forum(.moderateMembers)), groupIDs: groups)
        if !scope.openCategories && scope.groupIDs.isEmpty { try await request.require(.forum(.moderateMembers)) }
        return (scope, reader)
    }

    /// Post `:post`, which the reader moderates: a 404 for one they may not read (a hidden post
    /// reads as its category does for moderators), a 403 for one they read but may not moderate.
    static func post(_ request: Request) async throws -> ForumLookup.PostAccess {
        let (_, reader) = try await scope(request)
        guard let id = request.parameters.get("post").flatMap(Int.init),
              let post = try await ForumLookup(database: request.db).post(id) else { throw Abort(.notFound) }
        try await require(request, reader, post.thread)
        return post
    }

    static func thread(_ request: Request) async throws -> ForumLookup.ThreadAccess {
        let (_, reader) = try await scope(request)
        guard let id = request.parameters.get("thread").flatMap(Int.init),
              let thread = try await ForumLookup(database: request.db).thread(id) else { throw Abort(.notFound) }
        try await require(request, reader, thread)
        return thread
    }

    static func require(_ request: Request, _ reader: ForumReader, _ thread: ForumLookup.ThreadAccess) async throws {
        guard reader.reads(thread.visibility, groupID: thread.groupID) else { throw Abort(.notFound) }
        try await request.require(.forum(.moderate(thread.visibility, inGroup: reader.inGroup(thread.groupID),
                                                   groupRole: reader.role(in: thread.groupID))))
    }

    /// The moderator's reason: required, and at most 500 characters.
    static let reasonLimit = 500

    /// The audit line of an action: `forum.<action>` on `post:12`, `thread:3` or `member:<id>`.
    static func act(_ request: Request, _ action: String, target: String, reason: String) -> ForumModeration.Act {
        ForumModeration.Act(moderatorID: request.user?.id, reason: reason,
                            audit: request.auditEntry("forum.\(action)", target: target, detail: reason), now: request.now)
    }
}
