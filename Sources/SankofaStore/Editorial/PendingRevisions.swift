import Fluent
import Foundation
import SankofaCore
import SQLKit

/// An author's change to their published practice, translations included, waiting for an editor
/// (``AccessPolicy/changeWaitsForReview(_:status:translating:)``): readers keep the published
/// text until an editor publishes the change (``PracticeWrites/publishPending(_:by:today:)``).
/// One a practice: the author's later changes update it. Written by ``PracticeWrites``.
public struct PendingRevisions: Sendable {
    let sql: any SQLDatabase

    public init(database: any Database) {
        sql = database as! any SQLDatabase
    }

    public enum State: String, Sendable {
        /// In the review queue.
        case pending
        /// Sent back to its author with a comment: kept for them to rework, out of the queue.
        case returned
    }

    public struct Revision: Sendable {
        public var practiceID: UUID
        public var authorName: String?
        public var at: Int
        public var state: State
        /// The published record when the author began the change.
        public var base: PracticeRecord
        /// The record as the author would have it.
        public var proposal: PracticeRecord

        /// The practice as it would be published now: the author's changes applied to `live`.
        public func applied(to live: PracticeRecord) -> PracticeRecord {
            live.applying(proposal, over: base)
        }
    }

    public func find(_ practiceID: UUID) async throws -> Revision? {
        try await sql.raw("""
            SELECT p.practice_id, p.at, p.state, p.base, p.proposal, u.name AS author_name
            FROM practice_pending_revisions p LEFT JOIN users u ON u.id = p.author_id WHERE p.practice_id = \(bind: practiceID)
            """).first().flatMap { row in
            guard let state = State(rawValue: try row.decode(column: "state", as: String.self)),
                  let base = try Self.record(row.decode(column: "base", as: String.self)),
                  let proposal = try Self.record(row.decode(column: "proposal", as: String.self)) else { return nil }
            return Revision(practiceID: try row.decode(column: "practice_id", as: UUID.self),
                            authorName: try row.decode(column: "author_name", as: String?.self),
                            at: try row.decode(column: "at", as: Int.self), state: state, base: base, proposal: proposal)
        }
    }

    /// The state of the pending revision of each of `practiceIDs` that has one.
    public func states(of practiceIDs: [UUID]) async throws -> [UUID: State] {
        guard !practiceIDs.isEmpty else { return [:] }
        let rows = try await sql.select().columns("practice_id", "state").from("practice_pending_revisions")
            .where("practice_id", .in, practiceIDs).all()
        return Dictionary(try rows.compactMap { row in
            try State(rawValue: row.decode(column: "state", as: String.self)).map { (try row.decode(column: "practice_id", as: UUID.self), $0) }
        }, uniquingKeysWith: { first, _ in first })
    }

    /// Sends the change back to its author: out of the queue, kept for them to rework.
    public func returnToAuthor(_ practiceID: UUID) async throws {
        try await sql.raw("""
            UPDATE practice_pending_revisions SET state = \(bind: State.returned.rawValue) WHERE practice_id = \(bind: practiceID)
            """).run()
    }

    /// Stores `proposal` by `author` as the practice's pending revision, started from `base`.
    func save(_ practiceID: UUID, author: UUID?, at: Int, base: PracticeRecord, proposal: PracticeRecord) async throws {
        let base = try Self.snapshot(base), proposal = try Self.snapshot(proposal), state = State.pending.rawValue
        try await sql.raw("DELETE FROM practice_pending_revisions WHERE practice_id = \(bind: practiceID)").run()
        try await sql.raw("""
            INSERT INTO practice_pending_revisions (practice_id, author_id, at, state, base, proposal)
            VALUES (\(bind: practiceID), \(bind: author), \(bind: at), \(bind: state), \(bind: base), \(bind: proposal))
            """).run()
    }

    func delete(_ practiceID: UUID) async throws {
        try await sql.raw("DELETE FROM practice_pending_revisions WHERE practice_id = \(bind: practiceID)").run()
    }

    /// The same JSON as the revisions' snapshots.
    static func snapshot(_ record: PracticeRecord) throws -> String {
        String(decoding: try PracticeExport.json([record]), as: UTF8.self)
    }

    static func record(_ snapshot: String) throws -> PracticeRecord? {
        try PracticeImport.decode(Data(snapshot.utf8)).first
    }
}
