import Foundation

// The cooperation cycle's words (DOMAIN.md: Request, Match, Exchange, Contribution, Scope):
// requests for expertise → explained matches → exchanges → contributions → outcome reports.
// Raw values are stored in the database and travel in exports: never rename one.

/// The kind of support a request asks for.
public enum SupportKind: String, CaseIterable, Codable, Sendable {
    case training, mentoring, peerReview, studyVisit, workshop, secondment, documentsAdvice
    public var labelKey: String { "support.\(rawValue)" }

    /// The expert offer that provides this support, where one does (``OfferType``).
    public var offer: OfferType? {
        switch self {
        case .training, .workshop: .training
        case .mentoring, .secondment: .mentoring
        case .peerReview: .peerReview
        case .studyVisit: .studyVisit
        case .documentsAdvice: nil
        }
    }
}

/// How a request's support would be delivered.
public enum RequestModality: String, CaseIterable, Codable, Sendable {
    case inPerson, online, hybrid
    public var labelKey: String { "requestModality.\(rawValue)" }
}

/// Who may read a request besides its requester: staff and the beneficiary country's focal
/// point only; also the experts and centres matched to it; or every vetted member (once open).
public enum RequestVisibility: String, CaseIterable, Codable, Sendable, Comparable {
    case staff, matched, members
    public var labelKey: String { "requestVisibility.\(rawValue)" }
    public static func < (l: Self, r: Self) -> Bool { allCases.firstIndex(of: l)! < allCases.firstIndex(of: r)! }
}

/// Where a request stands. ``RequestLifecycle`` says which step may follow which.
public enum RequestStatus: String, CaseIterable, Codable, Sendable, Comparable {
    case draft, submitted, endorsed, open, matched, inExchange, closed
    public var labelKey: String { "requestStatus.\(rawValue)" }
    public static func < (l: Self, r: Self) -> Bool { allCases.firstIndex(of: l)! < allCases.firstIndex(of: r)! }
}

/// How a closed request ended.
public enum RequestClosure: String, CaseIterable, Codable, Sendable {
    case met, partlyMet, notMet, withdrawn
    public var labelKey: String { "requestClosure.\(rawValue)" }
}

/// What a match suggests for a request.
public enum MatchKind: String, CaseIterable, Codable, Sendable {
    case expert, centre, practice, course
    public var labelKey: String { "matchKind.\(rawValue)" }
    /// Experts and centres are people to invite; practices and courses are read and linked.
    public var isInvitable: Bool { self == .expert || self == .centre }
}

/// A picked match's standing: picked by staff or the focal point, invited, then accepted or
/// declined (with a reason) by the invited expert or centre.
public enum MatchState: String, CaseIterable, Codable, Sendable {
    case picked, invited, accepted, declined
    public var labelKey: String { "matchState.\(rawValue)" }
}

/// The type of an exchange.
public enum ExchangeType: String, CaseIterable, Codable, Sendable {
    case studyVisit, training, mentoring, peerReview, workshop, secondment, conference
    public var labelKey: String { "exchangeType.\(rawValue)" }
}

/// Where an exchange stands.
public enum ExchangeStatus: String, CaseIterable, Codable, Sendable {
    case proposed, agreed, underWay, held, reported, cancelled
    public var labelKey: String { "exchangeStatus.\(rawValue)" }
}

/// The sides of an exchange: who gives, who receives, and partners outside the South who
/// support it (their presence makes the exchange triangular: ``Scope/isTriangular(countries:table:)``).
public enum ExchangeSide: String, CaseIterable, Codable, Sendable, Hashable {
    case provider, beneficiary, partner
    public var labelKey: String { "exchangeSide.\(rawValue)" }
}

/// Financial (an amount in a currency as given) or in kind (trainers, venue, travel, materials).
public enum ContributionKind: String, CaseIterable, Codable, Sendable {
    case financial, inKind
    public var labelKey: String { "contributionKind.\(rawValue)" }
}

/// What an in-kind contribution gives.
public enum InKindItem: String, CaseIterable, Codable, Sendable {
    case trainers, venue, travel, materials, other
    public var labelKey: String { "inKind.\(rawValue)" }
}

/// Who gives a contribution.
public enum ContributorKind: String, CaseIterable, Codable, Sendable {
    case country, organisation, centre
    public var labelKey: String { "contributor.\(rawValue)" }
}

/// How an outcome report counts participants' gender.
public enum ParticipantGender: String, CaseIterable, Codable, Sendable {
    case women, men, unspecified
    public var labelKey: String { "gender.\(rawValue)" }
}

/// What a beneficiary adapts or adopts after an exchange (outcome 1 of the programme).
public enum AdoptionKind: String, CaseIterable, Codable, Sendable {
    case policy, framework, mechanism, procedure
    public var labelKey: String { "adoption.\(rawValue)" }
}
