import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The directories' `q`: the same words, matched through the same search index, on the pages
/// and in the API. Centres and courses are public; experts go through ``ExpertDirectory``.
enum DirectorySearch {
    static let maxQueryLength = 500

    static func text(_ query: QueryParameters) -> String {
        String((query.first("q") ?? "").prefix(maxQueryLength))
    }

    /// The items whose text matches `text`, all of them when it is empty.
    static func filter<Item>(_ items: [Item], _ text: String, kind: SearchKind, id: (Item) -> UUID,
                             request: Request) async throws -> [Item] {
        guard !text.isEmpty else { return items }
        guard let ids = try await DirectoryTextSearch(database: request.db).recordIDs(matching: text, kind: kind, audiences: [.everyone])
        else { return [] }
        return items.filter { ids.contains(id($0)) }
    }
}
