import Fluent
import Foundation
import SankofaCore
import SQLKit

/// A person's invitations: the matches whose invitee they are, with the request they are about.
extension RequestMatches {
    public struct Invitation: Sendable, Equatable {
        public var match: Match
        public var request: RequestFacts
        /// Whether the invitee still stands invited to the request (this match or another of theirs
        /// there invited or accepted), as ``RequestLookup/standing(of:userID:request:)`` asks it.
        public var isInvited: Bool

        public init(match: Match, request: RequestFacts, isInvited: Bool) {
            self.match = match
            self.request = request
            self.isInvited = isInvited
        }
    }

    /// Newest first; `limit` and `offset` page them, `total` counts them all. Each row says whether
    /// its invitee still stands invited to the request, so a page needs no query per row.
    public func invitations(of userID: UUID, limit: Int, offset: Int) async throws -> (rows: [Invitation], total: Int) {
        let total = try await sql.raw("SELECT COUNT(*) AS n FROM request_matches WHERE invitee_id = \(bind: userID)").first()?
            .decode(column: "n", as: Int.self) ?? 0
        let columns = Self.columns.split(separator: ",").map { "m.\($0.trimmingCharacters(in: .whitespacesAndNewlines))" }.joined(separator: ", ")
        let rows = try await sql.raw("""
            SELECT \(unsafeRaw: columns), \(unsafeRaw: RequestLookup.factColumns.replacingOccurrences(of: "r.id,", with: "r.id AS rid,")),
              EXISTS (SELECT 1 FROM request_matches x WHERE x.request_id = m.request_id AND x.invitee_id = \(bind: userID)
                      AND x.state IN ('invited', 'accepted')) AS still_invited
            FROM request_matches m JOIN requests r ON r.id = m.request_id
            WHERE m.invitee_id = \(bind: userID) ORDER BY m.invited_at DESC, m.id DESC LIMIT \(bind: limit) OFFSET \(bind: offset)
            """).all()
        return (try rows.compactMap { row in
            guard let match = try Self.match(row), let request = try RequestLookup.facts(RenamedRow(row: row, renames: ["id": "rid"])) else { return nil }
            return Invitation(match: match, request: request, isInvited: try row.decode(column: "still_invited", as: Bool.self))
        }, total)
    }
}

/// A row read under other column names: two tables' `id` in one select.
struct RenamedRow: SQLRow {
    let row: any SQLRow
    let renames: [String: String]
    var allColumns: [String] { row.allColumns }
    func contains(column: String) -> Bool { row.contains(column: renames[column] ?? column) }
    func decodeNil(column: String) throws -> Bool { try row.decodeNil(column: renames[column] ?? column) }
    func decode<D: Decodable>(column: String, as type: D.Type) throws -> D { try row.decode(column: renames[column] ?? column, as: type) }
}
