import Fluent
import Foundation
import SankofaCore
import SQLKit

/// What the request pages read: one request with its text and dates, its history, and lists.
extension Requests {
    public struct Detail: Sendable, Equatable {
        public var facts: RequestFacts
        public var record: RequestRecord
        public var requesterName: String?
        public var createdAt: Int
        public var updatedAt: Int
    }

    /// One row of a request's history: a step (from → to) or a comment, with who and when.
    public struct Event: Sendable, Equatable {
        public var id: Int
        public var step: RequestStep?
        public var from: RequestStatus?
        public var to: RequestStatus?
        public var actorID: UUID?
        public var actorName: String?
        public var body: String
        public var language: Language
        public var at: Int
        public var isComment: Bool { step == nil }
    }

    public func detail(_ id: Int) async throws -> Detail? {
        guard let row = try await sql.raw("""
            SELECT \(unsafeRaw: RequestLookup.factColumns), r.record, r.created_at, r.updated_at, u.name AS requester_name
            FROM requests r LEFT JOIN users u ON u.id = r.requester_id WHERE r.id = \(bind: id)
            """).first(), let facts = try RequestLookup.facts(row) else { return nil }
        let record = try JSONDecoder().decode(RequestRecord.self, from: Data(try row.decode(column: "record", as: String.self).utf8))
        return Detail(facts: facts, record: record, requesterName: try row.decode(column: "requester_name", as: String?.self),
                      createdAt: try row.decode(column: "created_at", as: Int.self),
                      updatedAt: try row.decode(column: "updated_at", as: Int.self))
    }

    /// Steps and comments, oldest first.
    public func history(_ id: Int) async throws -> [Event] {
        try await sql.raw("""
            SELECT e.id, e.kind, e.step, e.from_status, e.to_status, e.actor_id, e.body, e.language, e.at, u.name AS actor_name
            FROM request_events e LEFT JOIN users u ON u.id = e.actor_id
            WHERE e.request_id = \(bind: id) ORDER BY e.at, e.id
            """).all().map { row in
            let kind = try row.decode(column: "kind", as: String.self)
            return Event(id: try row.decode(column: "id", as: Int.self),
                         step: kind == "step" ? try row.decode(column: "step", as: String?.self).flatMap(RequestStep.init(rawValue:)) : nil,
                         from: try row.decode(column: "from_status", as: String?.self).flatMap(RequestStatus.init(rawValue:)),
                         to: try row.decode(column: "to_status", as: String?.self).flatMap(RequestStatus.init(rawValue:)),
                         actorID: try row.decode(column: "actor_id", as: UUID?.self),
                         actorName: try row.decode(column: "actor_name", as: String?.self),
                         body: try row.decode(column: "body", as: String.self),
                         language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
                         at: try row.decode(column: "at", as: Int.self))
        }
    }

    /// Which requests a list shows. Each scope holds only requests its reader may read
    /// (``CooperationPermission/readRequest``); the web layer offers a scope only to those the
    /// policy lets read it.
    public enum Scope: Sendable, Equatable {
        /// The reader's own, drafts included.
        case mine(UUID)
        /// A country's, past the draft: for its focal points.
        case country(String)
        /// Those opened to every member.
        case openToMembers
        /// Every request past the draft, and the reader's own drafts: for staff.
        case all(UUID)
    }

    public struct Filter: Sendable, Equatable {
        public var status: RequestStatus?
        public var country: String?
        public var theme: Theme?
        public init(status: RequestStatus? = nil, country: String? = nil, theme: Theme? = nil) {
            self.status = status
            self.country = country
            self.theme = theme
        }
    }

    public struct Row: Sendable, Equatable {
        public var facts: RequestFacts
        public var themes: [Theme]
        public var supportKinds: [SupportKind]
        public var updatedAt: Int
        public var demo: Bool
    }

    /// One page of a list, most recently changed first, and how many there are in all.
    public func list(_ scope: Scope, filter: Filter = .init(), limit: Int, offset: Int) async throws -> (rows: [Row], total: Int) {
        var conditions: [SQLQueryString] = []
        switch scope {
        case .mine(let user): conditions.append("r.requester_id = \(bind: user)")
        case .country(let code): conditions.append("r.beneficiary_country = \(bind: code) AND r.status <> 'draft'")
        case .openToMembers: conditions.append("r.visibility = 'members' AND r.status IN ('open', 'matched', 'inExchange', 'closed')")
        case .all(let user): conditions.append("(r.status <> 'draft' OR r.requester_id = \(bind: user))")
        }
        if let status = filter.status { conditions.append("r.status = \(bind: status.rawValue)") }
        if let country = filter.country { conditions.append("r.beneficiary_country = \(bind: country)") }
        if let theme = filter.theme { conditions.append("r.themes LIKE \(bind: "%,\(theme.rawValue),%")") }
        let condition = conditions.joined(separator: " AND ")
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM requests r WHERE \(condition)").first()?.decode(column: "n", as: Int.self) ?? 0
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: RequestLookup.factColumns), r.themes, r.support_kinds, r.updated_at, r.demo FROM requests r
            WHERE \(condition) ORDER BY r.updated_at DESC, r.id DESC LIMIT \(literal: max(0, limit)) OFFSET \(literal: max(0, offset))
            """).all().compactMap { row -> Row? in
            guard let facts = try RequestLookup.facts(row) else { return nil }
            return Row(facts: facts, themes: Self.split(try row.decode(column: "themes", as: String.self)).compactMap(Theme.init(rawValue:)),
                       supportKinds: Self.split(try row.decode(column: "support_kinds", as: String.self)).compactMap(SupportKind.init(rawValue:)),
                       updatedAt: try row.decode(column: "updated_at", as: Int.self), demo: try row.decode(column: "demo", as: Bool.self))
        }
        return (rows, total)
    }

    static func split(_ stored: String) -> [String] { stored.split(separator: ",").map(String.init) }
}
