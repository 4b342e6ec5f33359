import Foundation
import SankofaCore
import Vapor

/// The Atom feeds a page announces in its head (`<link rel="alternate" type="application/atom+xml">`),
/// so that a feed reader given the page finds its feed: the practice list's (with the list's
/// region and theme, when valid), the course list's and calendar's, the forum's. Decided from the
/// path and query alone, which is all the page cache keys a page by.
enum FeedLinks {
    static func links(request: Request, language: Language) -> [Layout.Link] {
        let parts = request.url.path.split(separator: "/")
        guard parts.count >= 2, parts[0] == language.rawValue[...] else { return [] }
        func link(_ url: SiteURL, _ key: String, query: String = "") -> [Layout.Link] {
            [Layout.Link(href: url.path + query, label: request.t(key, language, ["site": request.t("site.name", language)]))]
        }
        switch (parts[1], parts.count) {
        case ("practices", 2):
            let query = try? QueryParameters(request)
            let filter = CatalogueFeedController.PracticeFilter(region: query?.first("region").flatMap(Region.init(rawValue:)),
                                                                theme: query?.first("theme").flatMap(Theme.init(rawValue:)))
            return link(.practicesAtom(language), "feeds.practices.title", query: filter.query)
        case ("courses", 2), ("courses", 3) where parts[2] == "calendar":
            return link(.coursesAtom(language), "feeds.courses.title")
        case ("forum", _):
            return link(.forumFeed(language), "notification.feed.forum")
        default:
            return []
        }
    }
}
