import Fluent
import Foundation
import SankofaCore

/// What a forum write sets off in its own transaction, so that a post, its search document and the
/// notifications it causes are saved together or not at all. Each feature adds its step here:
/// the search index (ForumSearch), the notifications fan-out (ForumFanOut).
public enum ForumHooks {
    public enum Change: String, Sendable {
        case created, edited, hidden, restored, moved, threadStateChanged
    }

    public struct PostEvent: Sendable {
        public var change: Change
        public var postID: Int
        public var threadID: Int
        public var actorID: UUID?
        public var now: Int

        public init(change: Change, postID: Int, threadID: Int, actorID: UUID?, now: Int) {
            self.change = change
            self.postID = postID
            self.threadID = threadID
            self.actorID = actorID
            self.now = now
        }
    }

    /// Called by every store write of a post or thread, inside its transaction (`database` is the
    /// transaction).
    public static func afterWrite(_ event: PostEvent, on database: any Database) async throws {
        try await ForumSearch(database: database).afterWrite(event)
        try await ForumFanOut(database: database).afterWrite(event)
    }
}
