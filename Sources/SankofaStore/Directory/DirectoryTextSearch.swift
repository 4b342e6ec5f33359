import Fluent
import Foundation
import SQLKit

/// The directories' `q`: which records a reader's words find, through the same search index as
/// the search page, so that the directories and the search page agree.
public struct DirectoryTextSearch: Sendable {
    public let database: any Database

    public init(database: any Database) { self.database = database }

    /// The ids of the records of `kind` with a document visible to one of `audiences` matching
    /// `text`; nil when `text` holds no word to search for.
    public func recordIDs(matching text: String, kind: SearchKind, audiences: [SearchAudience]) async throws -> Set<UUID>? {
        let index = searchIndex(on: database)
        guard let query = index.matchingRecords(text, kind: kind, audiences: audiences) else { return nil }
        var ids: Set<UUID> = []
        for row in try await index.sql.raw(query).all() { ids.insert(try row.decode(column: "record_id", as: UUID.self)) }
        return ids
    }
}
