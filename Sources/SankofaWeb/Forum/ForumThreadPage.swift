import SankofaCore
import SankofaStore
import Vapor

/// `forum/thread`: a page of a thread's posts, 20 at a time, then the reply form for those who
/// may reply (or why they may not). Small on purpose: no script, no images, one stylesheet.
struct ForumThreadPage: Encodable, Sendable {
    var heading: String
    var lang: String
    var dir: String
    var category: String
    var categoryHref: String
    var states: [String]
    var posts: [ForumPostView]
    var pagination: Pagination
    var reply: ForumPostForm?
    var replyNote: String?
    var signInHref: String?
    /// The thread's moderation page, for those who moderate it.
    var moderateHref: String?
    /// Watch, normal or mute, for members (`forum/watch-button`, ForumWatchButton).
    var watch: ForumWatchButton?
}
