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
        let index = searchIndex(on: request.db)
        guard let query = index.matchingRecords(text, kind: kind, audiences: [.everyone]) else { return [] }
        var ids: Set<UUID> = []
        for row in try await index.sql.raw(query).all() { ids.insert(try row.decode(column: "record_id", as: UUID.self)) }
        return items.filter { ids.contains(id($0)) }
    }
}
