/// How much a member may post and flag, in the manner of Discourse's trust levels, kept to two
/// levels the member can understand: new, and everyone else.
///
/// A member is new until both their first post is `newForSeconds` old (3 days) and they have
/// written `newUntilPosts` posts (10). Either alone is cheap for a spammer: an account registered
/// and left to age for days, or ten posts written in an hour. Together they ask for a few days'
/// real taking part, which a vetted member reaches in their first week. A new member may write
/// `newPostsPerDay` posts a day (10: enough for a lively first discussion, little for a flood) with
/// at most `newLinksPerPost` links each (3: a newcomer's post rarely needs more, spam always does).
/// Everyone: `postsPerHour` (60, a post a minute, which no one writing by hand reaches) and
/// `flagsPerDay` (20: flags cost moderators' time).
public struct PostingLimits: Sendable, Equatable {
    public var newForSeconds: Int
    public var newUntilPosts: Int
    public var newPostsPerDay: Int
    public var newLinksPerPost: Int
    public var postsPerHour: Int
    public var flagsPerDay: Int

    public static let standard = PostingLimits(newForSeconds: 3 * 24 * 3600, newUntilPosts: 10, newPostsPerDay: 10,
                                               newLinksPerPost: 3, postsPerHour: 60, flagsPerDay: 20)

    public init(newForSeconds: Int, newUntilPosts: Int, newPostsPerDay: Int, newLinksPerPost: Int, postsPerHour: Int, flagsPerDay: Int) {
        self.newForSeconds = newForSeconds
        self.newUntilPosts = newUntilPosts
        self.newPostsPerDay = newPostsPerDay
        self.newLinksPerPost = newLinksPerPost
        self.postsPerHour = postsPerHour
        self.flagsPerDay = flagsPerDay
    }

    /// Whether a member with `postCount` posts, the first at `firstPostAt`, is still new at `now`.
    public func isNew(postCount: Int, firstPostAt: Int?, now: Int) -> Bool {
        guard let firstPostAt else { return true }
        return postCount < newUntilPosts || now - firstPostAt < newForSeconds
    }

    /// Which limit a post or flag met.
    public enum Exceeded: String, Sendable, Equatable {
        case newMemberLinks, newMemberPosts, postsPerHour, flagsPerDay

        /// The catalog key of the page that explains it.
        public var messageKey: String { "moderation.limit.\(rawValue)" }
    }
}
