import Fluent
import Foundation
import SankofaCore
import SQLKit

extension Exchanges {
    /// A line of an exchange's history: created, edited, a status change, a side's agreement.
    public struct Event: Sendable, Equatable {
        public var kind: String
        public var from: ExchangeStatus?
        public var to: ExchangeStatus?
        public var actorName: String?
        public var note: String
        public var at: Int
    }

    /// The exchange as written (its record: words, parties by slug, links), for its page and form.
    public func record(_ id: Int) async throws -> ExchangeRecord? {
        try await ExchangeRows(sql: sql, regions: regions).record(id)
    }

    /// The exchange's history, oldest first, with who did each thing (a removed account: nil).
    public func history(_ id: Int) async throws -> [Event] {
        try await sql.raw("""
            SELECT e.kind, e.from_status, e.to_status, u.name, e.note, e.at FROM exchange_events e
            LEFT JOIN users u ON u.id = e.actor_id WHERE e.exchange_id = \(bind: id) ORDER BY e.at, e.id
            """).all().map { row in
            Event(kind: try row.decode(column: "kind", as: String.self),
                  from: try row.decode(column: "from_status", as: String?.self).flatMap(ExchangeStatus.init(rawValue:)),
                  to: try row.decode(column: "to_status", as: String?.self).flatMap(ExchangeStatus.init(rawValue:)),
                  actorName: try row.decode(column: "name", as: String?.self),
                  note: try row.decode(column: "note", as: String.self), at: try row.decode(column: "at", as: Int.self))
        }
    }
}
