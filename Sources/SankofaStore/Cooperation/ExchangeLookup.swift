import Fluent
import Foundation
import SankofaCore
import SQLKit

/// What every exchange permission needs: the exchange's facts and the reader's standing in it.
/// Read before every page, write and feed entry that concerns one exchange.
public struct ExchangeLookup: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    public struct PartyFacts: Sendable, Equatable {
        public var side: ExchangeSide
        public var country: String
        public var institution: String
        public var expertID: UUID?
        public var expertSlug: String?
        public var centreID: UUID?
        public var centreSlug: String?
    }

    public struct ExchangeFacts: Sendable, Equatable {
        public var id: Int
        public var title: String
        public var language: Language
        public var type: ExchangeType
        public var status: ExchangeStatus
        public var startsOn: String
        public var endsOn: String
        public var scope: Scope?
        public var triangular: Bool
        public var publicSummary: Bool
        public var providerAgreedAt: Int?
        public var beneficiaryAgreedAt: Int?
        public var requestID: Int?
        public var parties: [PartyFacts]

        public func agreedAt(_ side: ExchangeSide) -> Int? {
            switch side {
            case .provider: providerAgreedAt
            case .beneficiary: beneficiaryAgreedAt
            case .partner: nil
            }
        }
    }

    public func exchange(_ id: Int) async throws -> ExchangeFacts? {
        guard let row = try await sql.raw("""
            SELECT id, title, language, type, status, starts_on, ends_on, scope, triangular, public_summary,
                   provider_agreed_at, beneficiary_agreed_at, request_id FROM exchanges WHERE id = \(bind: id)
            """).first(),
              let type = ExchangeType(rawValue: try row.decode(column: "type", as: String.self)),
              let status = ExchangeStatus(rawValue: try row.decode(column: "status", as: String.self))
        else { return nil }
        return ExchangeFacts(
            id: id, title: try row.decode(column: "title", as: String.self),
            language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
            type: type, status: status,
            startsOn: try row.decode(column: "starts_on", as: String.self), endsOn: try row.decode(column: "ends_on", as: String.self),
            scope: try row.decode(column: "scope", as: String?.self).flatMap(Scope.init(rawValue:)),
            triangular: try row.decode(column: "triangular", as: Bool.self),
            publicSummary: try row.decode(column: "public_summary", as: Bool.self),
            providerAgreedAt: try row.decode(column: "provider_agreed_at", as: Int?.self),
            beneficiaryAgreedAt: try row.decode(column: "beneficiary_agreed_at", as: Int?.self),
            requestID: try row.decode(column: "request_id", as: Int?.self),
            parties: try await parties(of: id))
    }

    /// The parties in the order they were written, with the slugs of their named experts and centres.
    public func parties(of id: Int) async throws -> [PartyFacts] {
        try await sql.raw("""
            SELECT p.side, p.country, p.institution, p.expert_id, e.slug AS expert_slug, p.centre_id, c.slug AS centre_slug
            FROM exchange_parties p LEFT JOIN experts e ON e.id = p.expert_id LEFT JOIN centres c ON c.id = p.centre_id
            WHERE p.exchange_id = \(bind: id) ORDER BY p.id
            """).all().compactMap { row in
            guard let side = ExchangeSide(rawValue: try row.decode(column: "side", as: String.self)) else { return nil }
            return PartyFacts(side: side, country: try row.decode(column: "country", as: String.self),
                              institution: try row.decode(column: "institution", as: String.self),
                              expertID: try row.decode(column: "expert_id", as: UUID?.self),
                              expertSlug: try row.decode(column: "expert_slug", as: String?.self),
                              centreID: try row.decode(column: "centre_id", as: UUID?.self),
                              centreSlug: try row.decode(column: "centre_slug", as: String?.self))
        }
    }

    /// The reader's relation to the exchange. Sides in person: a party's named expert whose
    /// profile is the reader's; the reader's expert profile being the focal point of a party's
    /// centre (`focalPointFor` = `centre:SLUG`); the author of the request it came from, on the
    /// beneficiary side. Focal-point sides: the sides holding the reader's country when the reader
    /// is a focal point (as vetting decides it). `isCountryFocalPoint`: a focal point of the
    /// request's beneficiary country, or of a beneficiary country when there is no request.
    public func standing(of actor: Actor, userID: UUID?, exchange: ExchangeFacts) async throws -> CooperationStanding {
        guard actor.isMember, let userID else { return .none }
        var standing = CooperationStanding()
        let profile = try await sql.raw("SELECT id, focal_point_for FROM experts WHERE user_id = \(bind: userID)").first()
        let expertID = try profile?.decode(column: "id", as: UUID.self)
        let focalFor = try profile?.decode(column: "focal_point_for", as: String?.self)
        for party in exchange.parties {
            if let expertID, party.expertID == expertID { standing.sides.insert(party.side) }
            if let focalFor, let slug = party.centreSlug, focalFor == "centre:\(slug)" { standing.sides.insert(party.side) }
        }
        var beneficiaryCountries = Set(exchange.parties.filter { $0.side == .beneficiary }.map(\.country))
        if let requestID = exchange.requestID,
           let request = try await sql.raw("SELECT requester_id, beneficiary_country FROM requests WHERE id = \(bind: requestID)").first() {
            if try request.decode(column: "requester_id", as: UUID?.self) == userID {
                standing.isRequester = true
                standing.sides.insert(.beneficiary)
            }
            beneficiaryCountries = [try request.decode(column: "beneficiary_country", as: String.self)]
        }
        if actor.has(.focalPoint), let country = actor.country?.uppercased() {
            for party in exchange.parties where party.country == country { standing.focalPointSides.insert(party.side) }
            standing.isCountryFocalPoint = beneficiaryCountries.contains(country)
        }
        return standing
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }
}
