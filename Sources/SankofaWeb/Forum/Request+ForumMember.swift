import SankofaCore
import SankofaStore
import Vapor

extension Request {
    private struct ForumMemberKey: StorageKey { typealias Value = ForumMembers.Member }

    /// The signed-in member's forum row, made on their first visit, with this request counted as
    /// activity (a new visit after half an hour away); nil for visitors and accounts that are not
    /// members. Read once per request.
    func forumMember() async throws -> ForumMembers.Member? {
        if let member = storage[ForumMemberKey.self] { return member }
        guard actor.isMember, let user, let id = user.id else { return nil }
        let members = ForumMembers(database: db)
        let member = try await members.recordVisit(try await members.ensure(id, name: user.name, now: now), now: now)
        storage[ForumMemberKey.self] = member
        return member
    }

    /// A numeric path parameter (`:thread`, `:post`); anything else is a 404.
    func forumID(_ name: String) throws -> Int {
        guard let text = parameters.get(name), let id = Int(text), id > 0 else { throw Abort(.notFound) }
        return id
    }
}
