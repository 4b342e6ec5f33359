import Fluent
import Foundation
import SankofaCore

/// The lists of the editorial workflow, each practice with its texts (for its title in the
/// page's language).
extension PracticeStore {
    /// The practices `author` wrote through the site, in slug order.
    public func authored(by author: UUID) async throws -> [PracticeModel] {
        try await PracticeModel.query(on: database).filter(\.$authorID == author).with(\.$translations).sort(\.$slug).all()
    }

    /// The review queue: practices submitted or in review, the longest waiting first.
    public func awaitingReview() async throws -> [PracticeModel] {
        try await PracticeModel.query(on: database)
            .filter(\.$status ~~ [PracticeStatus.submitted.rawValue, PracticeStatus.inReview.rawValue])
            .with(\.$translations).sort(\.$updatedAt).all()
    }

    /// Published practices last reviewed before `cutoff`, or never, in slug order.
    public func reviewedBefore(_ cutoff: Date) async throws -> [PracticeModel] {
        try await PracticeModel.query(on: database).filter(\.$status == PracticeStatus.published.rawValue)
            .with(\.$translations).sort(\.$slug).all()
            .filter { ($0.lastReviewed.flatMap(ISODay.parse) ?? .distantPast) < cutoff }
    }
}
