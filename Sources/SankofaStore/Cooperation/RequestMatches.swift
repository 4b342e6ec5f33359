import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The matches picked for a request (`request_matches`): picked by staff or the country's focal
/// point with the score and reasons shown at the time, then, for an expert or a centre, invited
/// (the invitee is the expert's account, or the account of the centre's focal point), then accepted
/// or declined with a reason by that account. The first acceptance moves the request to `matched`
/// in the same transaction. Who may do each is ``AccessPolicy``'s question, asked by the caller;
/// this type keeps the rules that hold whoever asks (the order of the states, one answer).
public struct RequestMatches: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    public static let maxMessage = 2_000
    public static let maxReason = 2_000

    public struct Match: Sendable, Equatable {
        public var id: Int
        public var requestID: Int
        public var kind: MatchKind
        /// An expert's, centre's or course's row id; a practice's slug.
        public var target: String
        public var score: Int
        public var reasons: [MatchReason]
        public var state: MatchState
        public var pickedBy: UUID?
        public var pickedAt: Int
        public var inviteeID: UUID?
        public var invitedAt: Int?
        public var message: String?
        public var answeredAt: Int?
        public var answerReason: String?
    }

    static let columns = """
        id, request_id, kind, target, score, reasons, state, picked_by, picked_at, invitee_id, invited_at, message, answered_at, answer_reason
        """

    /// A request's picked matches, best score first.
    public func list(request id: Int) async throws -> [Match] {
        try await sql.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM request_matches WHERE request_id = \(bind: id) ORDER BY score DESC, id
            """).all().compactMap(Self.match)
    }

    /// One match (C3's exchange form pre-fills from it).
    public func match(_ id: Int) async throws -> Match? {
        try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM request_matches WHERE id = \(bind: id)").first().flatMap(Self.match)
    }

    /// Picks a scored match for a request; picking one already picked changes nothing. Returns its id.
    @discardableResult
    public func pick(_ scored: ScoredMatch, request id: Int, by actorID: UUID, now: Int) async throws -> Int {
        try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            if let known = try await sql.raw("""
                SELECT id FROM request_matches WHERE request_id = \(bind: id) AND kind = \(bind: scored.kind.rawValue)
                AND target = \(bind: scored.target)
                """).first() { return try known.decode(column: "id", as: Int.self) }
            let reasons = String(decoding: try JSONEncoder().encode(scored.reasons), as: UTF8.self)
            return try await sql.raw("""
                INSERT INTO request_matches (request_id, kind, target, score, reasons, state, picked_by, picked_at)
                VALUES (\(bind: id), \(bind: scored.kind.rawValue), \(bind: scored.target), \(bind: scored.score), \(bind: reasons),
                        \(bind: MatchState.picked.rawValue), \(bind: actorID), \(bind: now))
                RETURNING id
                """).first()!.decode(column: "id", as: Int.self)
        }
    }

    /// Invites the account that answers for a picked expert or centre, with a message, and tells
    /// it. False when the match is not a picked expert or centre any more (nothing written).
    public func invite(_ id: Int, inviteeID: UUID, message: String, by actorID: UUID, now: Int) async throws -> Bool {
        try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            guard let row = try await sql.raw("""
                UPDATE request_matches SET state = \(bind: MatchState.invited.rawValue), invitee_id = \(bind: inviteeID),
                  invited_at = \(bind: now), message = \(bind: String(message.prefix(Self.maxMessage)))
                WHERE id = \(bind: id) AND state = \(bind: MatchState.picked.rawValue) AND kind IN ('expert', 'centre')
                RETURNING request_id
                """).first() else { return false }
            try await CooperationNotices(database: tx).tell(
                userIDs: [inviteeID], kind: .matchInvitation, actorID: actorID,
                requestID: try row.decode(column: "request_id", as: Int.self), exchangeID: nil,
                detail: String(message.prefix(200)), now: now)
            return true
        }
    }

    public enum Answer: Sendable, Equatable {
        case accepted, declined
    }

    /// The request statuses in which an invitation may still be answered: a request closed or sent
    /// back to draft since takes no more answers (an acceptance would promise what nobody asks).
    public static let answerable: [RequestStatus] = [.open, .matched, .inExchange]

    /// The invitee's answer. The first acceptance takes the request's `.match` step; the person who
    /// invited, the country's focal points and the requester are told. False when the match is not
    /// an invitation of `inviteeID` waiting for an answer, or its request is no longer
    /// ``answerable`` (nothing written).
    public func answer(_ id: Int, _ answer: Answer, reason: String, inviteeID: UUID, now: Int) async throws -> Bool {
        try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            let state: MatchState = answer == .accepted ? .accepted : .declined
            guard let row = try await sql.raw("""
                UPDATE request_matches SET state = \(bind: state.rawValue), answered_at = \(bind: now),
                  answer_reason = \(bind: String(reason.prefix(Self.maxReason)))
                WHERE id = \(bind: id) AND state = \(bind: MatchState.invited.rawValue) AND invitee_id = \(bind: inviteeID)
                  AND request_id IN (SELECT id FROM requests WHERE status IN (\(binds: Self.answerable.map(\.rawValue))))
                RETURNING request_id, picked_by
                """).first() else { return false }
            let requestID = try row.decode(column: "request_id", as: Int.self)
            if answer == .accepted {
                _ = try await Requests(database: tx).takeStep(.match, requestID: requestID, actorID: inviteeID, now: now, on: tx)
            }
            guard let request = try await RequestLookup(database: tx).request(requestID) else { return true }
            let notices = CooperationNotices(database: tx)
            let people = [try row.decode(column: "picked_by", as: UUID?.self), request.requesterID].compactMap { $0 }
                + (try await notices.focalPoints(of: request.beneficiaryCountry))
            try await notices.tell(userIDs: people, kind: .invitationAnswer, actorID: inviteeID, requestID: requestID, exchangeID: nil,
                                   detail: { [catalogs = notices.catalogs] language in catalogs.text(state.labelKey, language) }, now: now)
            return true
        }
    }

    static func match(_ row: any SQLRow) throws -> Match? {
        guard let kind = MatchKind(rawValue: try row.decode(column: "kind", as: String.self)),
              let state = MatchState(rawValue: try row.decode(column: "state", as: String.self)) else { return nil }
        let reasons = (try? JSONDecoder().decode([MatchReason].self, from: Data(try row.decode(column: "reasons", as: String.self).utf8))) ?? []
        return Match(id: try row.decode(column: "id", as: Int.self), requestID: try row.decode(column: "request_id", as: Int.self),
                     kind: kind, target: try row.decode(column: "target", as: String.self), score: try row.decode(column: "score", as: Int.self),
                     reasons: reasons, state: state, pickedBy: try row.decode(column: "picked_by", as: UUID?.self),
                     pickedAt: try row.decode(column: "picked_at", as: Int.self),
                     inviteeID: try row.decode(column: "invitee_id", as: UUID?.self),
                     invitedAt: try row.decode(column: "invited_at", as: Int?.self), message: try row.decode(column: "message", as: String?.self),
                     answeredAt: try row.decode(column: "answered_at", as: Int?.self),
                     answerReason: try row.decode(column: "answer_reason", as: String?.self))
    }
}
