import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The forum's posting and flagging limits (``PostingLimits``), counted in the database's rate
/// limiter so they hold across nodes. The posting controllers call ``checkPost(userID:links:now:)``
/// before writing a post, the flag form ``checkFlag(userID:now:)``; past a limit, ``Limited``.
public struct ForumTrust: Sendable {
    public let database: any Database
    public let limits: PostingLimits

    public init(database: any Database, limits: PostingLimits = .standard) {
        self.database = database
        self.limits = limits
    }

    /// A limit met: the page says which, and when to try again (`retryAfter` seconds; 0 for the
    /// links of one post, which waiting does not change).
    public struct Limited: Error, Sendable, Equatable {
        public var exceeded: PostingLimits.Exceeded
        public var limit: Int
        public var retryAfter: Int
    }

    /// Where a member stands: new or not, silenced until when.
    public struct Standing: Sendable, Equatable {
        public var isNew: Bool
        public var silencedUntil: Int?
        public var silenceReason: String?

        public func silenced(at now: Int) -> Bool { silencedUntil.map { $0 > now } ?? false }
    }

    public func standing(of userID: UUID, now: Int) async throws -> Standing {
        let row = try await sql.raw("""
            SELECT post_count, first_post_at, silenced_until, silence_reason FROM forum_members WHERE user_id = \(bind: userID)
            """).first()
        let count = try row?.decode(column: "post_count", as: Int.self) ?? 0
        let first = try row?.decode(column: "first_post_at", as: Int?.self)
        return Standing(isNew: limits.isNew(postCount: count, firstPostAt: first, now: now),
                        silencedUntil: try row?.decode(column: "silenced_until", as: Int?.self),
                        silenceReason: try row?.decode(column: "silence_reason", as: String?.self))
    }

    /// Before a post (a new thread's first post or a reply) with `links` links in its text: the
    /// new member's links per post, everyone's posts per hour, the new member's posts per day.
    /// Each counted limit is counted only once the ones before let the post through.
    public func checkPost(userID: UUID, links: Int, now: Int) async throws {
        let standing = try await standing(of: userID, now: now)
        if standing.isNew, links > limits.newLinksPerPost {
            throw Limited(exceeded: .newMemberLinks, limit: limits.newLinksPerPost, retryAfter: 0)
        }
        try await count("forum:posts:hour:\(userID)", .init(limits.postsPerHour, per: 3600), .postsPerHour, now)
        if standing.isNew {
            try await count("forum:posts:day:\(userID)", .init(limits.newPostsPerDay, per: 24 * 3600), .newMemberPosts, now)
        }
    }

    /// Before a flag.
    public func checkFlag(userID: UUID, now: Int) async throws {
        try await count("forum:flags:\(userID)", .init(limits.flagsPerDay, per: 24 * 3600), .flagsPerDay, now)
    }

    private func count(_ bucket: String, _ limit: RateLimiter.Limit, _ exceeded: PostingLimits.Exceeded, _ now: Int) async throws {
        if let retryAfter = try await RateLimiter(database: database).hit(bucket, limit, now: now) {
            throw Limited(exceeded: exceeded, limit: limit.hits, retryAfter: retryAfter)
        }
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }
}
