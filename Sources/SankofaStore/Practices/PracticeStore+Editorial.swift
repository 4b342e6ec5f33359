import Fluent
import Foundation
import SankofaCore
import SQLKit

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

extension PracticeStore {
    /// The published practices whose author's change waits for review, the longest waiting first.
    public func withPendingRevision() async throws -> [PracticeModel] {
        let ids = try await (database as! any SQLDatabase).raw("""
            SELECT practice_id FROM practice_pending_revisions WHERE state = \(bind: PendingRevisions.State.pending.rawValue) ORDER BY at
            """).all().map { try $0.decode(column: "practice_id", as: UUID.self) }
        guard !ids.isEmpty else { return [] }
        let practices = try await PracticeModel.query(on: database).filter(\.$id ~~ ids)
            .filter(\.$status == PracticeStatus.published.rawValue).with(\.$translations).all()
        return ids.compactMap { id in practices.first { $0.id == id } }
    }
}
