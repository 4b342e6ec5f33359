import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Every change to a practice made through the workflow is a revision: a full snapshot of the
/// record, so any two can be compared field by field.
public struct Revisions: Sendable {
    let sql: any SQLDatabase

    public init(database: any Database) {
        sql = database as! any SQLDatabase
    }

    public struct Revision: Sendable {
        public var id: Int
        public var at: Int
        public var actorName: String?
        public var action: String
        public var record: PracticeRecord
    }

    public func record(_ record: PracticeRecord, practiceID: UUID, actorID: UUID?, action: String, now: Int) async throws {
        let snapshot = String(decoding: try PracticeExport.json([record]), as: UTF8.self)
        try await sql.raw("""
            INSERT INTO practice_revisions (practice_id, at, actor_id, action, snapshot)
            VALUES (\(bind: practiceID), \(bind: now), \(bind: actorID), \(bind: action), \(bind: snapshot))
            """).run()
    }

    /// Oldest first.
    public func history(of practiceID: UUID) async throws -> [Revision] {
        try await sql.raw("""
            SELECT r.id, r.at, r.action, r.snapshot, u.name AS actor_name FROM practice_revisions r
            LEFT JOIN users u ON u.id = r.actor_id WHERE r.practice_id = \(bind: practiceID) ORDER BY r.id
            """).all().compactMap { row in
            let snapshot = try row.decode(column: "snapshot", as: String.self)
            guard let record = try PracticeImport.decode(Data(snapshot.utf8)).first else { return nil }
            return Revision(id: try row.decode(column: "id", as: Int.self), at: try row.decode(column: "at", as: Int.self),
                            actorName: try row.decode(column: "actor_name", as: String?.self),
                            action: try row.decode(column: "action", as: String.self), record: record)
        }
    }
}
