import Fluent
import Foundation
import SankofaCore
import SQLKit

/// What every permission question about a request needs: its status, visibility, requester and
/// country. Read before each read or write of a request, and handed with the reader's
/// ``CooperationStanding`` to ``AccessPolicy``.
public struct RequestFacts: Sendable, Equatable {
    public var id: Int
    public var status: RequestStatus
    public var visibility: RequestVisibility
    public var requesterID: UUID?
    public var beneficiaryCountry: String
    public var language: Language
    public var title: String
    public var closure: RequestClosure?
}

public struct RequestLookup: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    static let factColumns = "r.id, r.status, r.visibility, r.requester_id, r.beneficiary_country, r.language, r.title, r.closure"

    public func request(_ id: Int) async throws -> RequestFacts? {
        try await sql.raw("SELECT \(unsafeRaw: Self.factColumns) FROM requests r WHERE r.id = \(bind: id)").first().flatMap(Self.facts)
    }

    static func facts(_ row: any SQLRow) throws -> RequestFacts? {
        guard let status = RequestStatus(rawValue: try row.decode(column: "status", as: String.self)),
              let visibility = RequestVisibility(rawValue: try row.decode(column: "visibility", as: String.self)) else { return nil }
        return RequestFacts(id: try row.decode(column: "id", as: Int.self), status: status, visibility: visibility,
                            requesterID: try row.decode(column: "requester_id", as: UUID?.self),
                            beneficiaryCountry: try row.decode(column: "beneficiary_country", as: String.self),
                            language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
                            title: try row.decode(column: "title", as: String.self),
                            closure: try row.decode(column: "closure", as: String?.self).flatMap(RequestClosure.init(rawValue:)))
    }

    /// The person's relation to the request: its author, a focal point of its country ("focal
    /// point of country X" = the role and that country, as vetting decides), or an expert or
    /// centre invited to it (still invited, or accepted).
    public func standing(of actor: Actor, userID: UUID?, request: RequestFacts) async throws -> CooperationStanding {
        guard let userID else { return .none }
        let invited = try await sql.raw("""
            SELECT 1 AS one FROM request_matches WHERE request_id = \(bind: request.id) AND invitee_id = \(bind: userID)
            AND state IN ('invited', 'accepted')
            """).first() != nil
        return Self.standing(of: actor, userID: userID, request: request, isInvited: invited)
    }

    /// The same standing when whether `userID` stands invited is already known (a list's rows read it).
    public static func standing(of actor: Actor, userID: UUID, request: RequestFacts, isInvited: Bool) -> CooperationStanding {
        CooperationStanding(isRequester: request.requesterID == userID,
                            isCountryFocalPoint: actor.has(.focalPoint) && actor.country == request.beneficiaryCountry,
                            isInvited: isInvited)
    }

    /// Whether the account `userID` may read request `requestID` now, as the access policy decides
    /// for its pages: what a notice may name of the request (its title, its link) for that person.
    public func mayRead(requestID: Int, userID: UUID) async throws -> Bool {
        guard let facts = try await request(requestID) else { return false }
        return try await mayRead(facts, userID: userID)
    }

    /// As above, for a request already read (a notice told to several people reads it once).
    public func mayRead(_ facts: RequestFacts, userID: UUID) async throws -> Bool {
        guard let user = try await UserModel.find(userID, on: database) else { return false }
        return try await mayRead(facts, actor: user.actor, userID: userID)
    }

    /// As above, for a person already read (a list of notices reads them once).
    public func mayRead(_ facts: RequestFacts, actor: Actor, userID: UUID) async throws -> Bool {
        let standing = try await standing(of: actor, userID: userID, request: facts)
        return AccessPolicy.allows(actor, .cooperation(.readRequest(facts.visibility, facts.status, standing)))
    }
}
