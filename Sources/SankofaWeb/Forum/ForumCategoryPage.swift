import SankofaCore
import SankofaStore
import Vapor

/// `forum/category`: one category's threads, with the filters and a link to start a thread for
/// those who may.
struct ForumCategoryPage: Encodable, Sendable {
    var heading: String
    var description: String
    var lang: String
    var dir: String
    var counts: String
    var newThreadHref: String?
    var homeHref: String
    var list: ForumThreadList
    /// The list's pages, where `shared/pagination` looks for them.
    var pagination: Pagination
    /// Watch, normal or mute, for members (`forum/watch-button`, ForumWatchButton).
    var watch: ForumWatchButton? = nil
    /// The category's Atom feed, for a category open to visitors (ForumFeedController).
    var feedHref: String? = nil
}
