import Fluent
import Foundation
import SankofaCore

/// An author's change to their published practice, as a pending revision (``PendingRevisions``):
/// proposed, published or returned by an editor, each step audited in its transaction.
extension PracticeWrites {
    /// Applies `change` to the author's pending revision of the published practice `slug` (begun
    /// from the published record when there is none) and keeps it for review; the practice and
    /// what readers see are unchanged. Throws ``PracticeStore/StoreError/invalid(_:)`` when the
    /// practice would break the store's rules with it; false when there is no such practice.
    public func propose(_ slug: String, by writer: Writer,
                        _ change: @escaping @Sendable (inout PracticeRecord) -> Void) async throws -> Bool {
        try await database.atomically { tx in
            guard let practice = try await Self.locked(slug, on: tx), let id = practice.id else { return false }
            let pending = PendingRevisions(database: tx)
            let existing = try await pending.find(id)
            let live = practice.record, base = existing?.base ?? live
            var proposal = existing?.proposal ?? live
            change(&proposal)
            // What the workflow owns stays the editors' business.
            proposal.slug = live.slug
            proposal.status = live.status
            proposal.lastReviewed = live.lastReviewed
            let issues = PracticeValidation.issues(in: live.applying(proposal, over: base))
            guard issues.isEmpty else { throw PracticeStore.StoreError.invalid(issues) }
            try await pending.save(id, author: writer.userID, at: writer.audit.at, base: base, proposal: proposal)
            try await Self.audit(writer, "practice.proposed", slug, on: tx)
            return true
        }
    }

    /// Publishes the pending revision of `slug` onto the practice as it is now (only what its
    /// author changed), as a revision of the history, and removes it. False when none waits.
    public func publishPending(_ slug: String, by writer: Writer, today: String) async throws -> Bool {
        try await database.atomically { tx in
            guard let practice = try await Self.locked(slug, on: tx), let id = practice.id,
                  let revision = try await PendingRevisions(database: tx).find(id), revision.state == .pending else { return false }
            var record = revision.applied(to: practice.record)
            record.status = .published
            record.lastReviewed = today
            _ = try await Self.write(record, .changePublished, writer, on: tx)
            try await PendingRevisions(database: tx).delete(id)
            return true
        }
    }

    /// Sends the pending revision of the practice `id` (`slug`) back to its author.
    public func returnPending(_ id: UUID, slug: String, by writer: Writer) async throws {
        try await database.atomically { tx in
            try await PendingRevisions(database: tx).returnToAuthor(id)
            try await Self.audit(writer, "practice.changeReturned", slug, on: tx)
        }
    }

    static func audit(_ writer: Writer, _ action: String, _ slug: String, on tx: any Database) async throws {
        var entry = writer.audit
        entry.action = action
        entry.target = slug
        try await AuditLog(database: tx).record(entry)
    }
}
