import SankofaCore
import Vapor

/// The directories' `q`, on the pages and in the API: the stores match it through the same
/// search index as the search page, with the lists' other filters.
enum DirectorySearch {
    static let maxQueryLength = 500

    static func text(_ query: QueryParameters) -> String {
        String((query.first("q") ?? "").prefix(maxQueryLength))
    }
}
