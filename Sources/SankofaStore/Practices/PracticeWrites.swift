import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The editorial write path: a practice created, edited, decided on or translated through the
/// site. Each write saves through ``PracticeStore/save(_:now:)`` (so the rules hold), keeps a
/// revision and audits the step, all in one transaction.
public struct PracticeWrites: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// A step of the workflow, by the name its revisions keep (the review page shows
    /// `review.action.<name>`, so the names must not change).
    public enum Action: String, Sendable {
        case created, saved, submitted, changesRequested, published, archived, translated
        /// An author's pending revision of a published practice, published by an editor.
        case changePublished

        /// A draft created or saved is the author's own business; every other step is audited.
        var isAudited: Bool { self != .created && self != .saved }
    }

    /// Who writes: the member a revision names, and the audit entry's who, when and from where
    /// (the write fills in its action, `practice.<step>`, and its target, the practice's slug).
    public struct Writer: Sendable {
        public var userID: UUID?
        public var audit: AuditLog.Entry

        public init(userID: UUID?, audit: AuditLog.Entry) {
            self.userID = userID
            self.audit = audit
        }
    }

    /// Stores a new practice by `author`, its slug made from `title` within the transaction
    /// (``NewSlug``, so that two made at once do not take the same one); returns the slug.
    public func create(_ record: PracticeRecord, slugFrom title: String, author: UUID, action: Action,
                       by writer: Writer) async throws -> String {
        try await database.atomically { tx in
            var record = record
            record.slug = try await NewSlug.choose(.practices, for: title, on: tx)
            let id = try await Self.write(record, action, writer, on: tx)
            try await (tx as! any SQLDatabase).raw("""
                UPDATE practices SET author_id = \(bind: author) WHERE id = \(bind: id) AND author_id IS NULL
                """).run()
            return record.slug
        }
    }

    /// Applies `change` to the practice `slug` as it is when the write begins, not as it was read
    /// when the page was shown: the row is locked first (by a write, so that SQLite's transaction
    /// too holds the write lock before it reads), so that a translation saved at the same moment
    /// as another, in another language, does not erase it. False when there is no such practice.
    public func change(_ slug: String, action: Action, by writer: Writer,
                       _ change: @escaping @Sendable (inout PracticeRecord) -> Void) async throws -> Bool {
        try await database.atomically { tx in
            guard var record = try await Self.locked(slug, on: tx)?.record else { return false }
            change(&record)
            _ = try await Self.write(record, action, writer, on: tx)
            return true
        }
    }

    /// The practice `slug` read after its row is locked, within the transaction `tx`.
    static func locked(_ slug: String, on tx: any Database) async throws -> PracticeModel? {
        try await (tx as! any SQLDatabase).raw("UPDATE practices SET updated_at = updated_at WHERE slug = \(bind: slug)").run()
        return try await PracticeStore(database: tx).find(slug: slug, publishedOnly: false)
    }

    static func write(_ record: PracticeRecord, _ action: Action, _ writer: Writer, on tx: any Database) async throws -> UUID {
        let id = try await PracticeStore(database: tx).save(record).requireID()
        try await Revisions(database: tx).record(record, practiceID: id, actorID: writer.userID, action: action.rawValue,
                                                 now: writer.audit.at)
        // A pending revision is a change to a published text: one that leaves publication drops it.
        if record.status != .published { try await PendingRevisions(database: tx).delete(id) }
        if action.isAudited { try await audit(writer, "practice.\(action.rawValue)", record.slug, on: tx) }
        return id
    }
}
