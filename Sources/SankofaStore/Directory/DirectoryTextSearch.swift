import Fluent
import Foundation
import SQLKit

/// The directories' `q`: which records a reader's words find, through the same search index as
/// the search page, so that the directories and the search page agree.
struct DirectoryTextSearch: Sendable {
    let database: any Database

    /// The condition that `column` names a record of `kind` with a document visible to one of
    /// `audiences` matching `text`, for the engine to apply with the list's other filters; nil
    /// when `text` holds no word to search for.
    func condition(_ text: String, kind: SearchKind, audiences: [SearchAudience], column: String) -> SQLQueryString? {
        guard !text.isEmpty, let matched = searchIndex(on: database).matchingRecords(text, kind: kind, audiences: audiences) else { return nil }
        return "\(unsafeRaw: column) IN (\(matched))"
    }
}
