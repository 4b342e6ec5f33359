/// A person's relation to one request or exchange, read by the store before every read or write
/// (`RequestLookup`, `ExchangeLookup`) and handed to ``AccessPolicy`` with the record's facts.
public struct CooperationStanding: Sendable, Equatable, Hashable {
    /// The request's author (for an exchange: the author of the request it came from).
    public var isRequester: Bool
    /// A focal point of the request's beneficiary country.
    public var isCountryFocalPoint: Bool
    /// An expert (or a centre's focal point) the request's managers invited, still invited or accepted.
    public var isInvited: Bool
    /// The sides of an exchange this person takes part on in person: a named expert, the person
    /// acting for a named centre, the requester (beneficiary).
    public var sides: Set<ExchangeSide>
    /// The sides of an exchange that hold a country this person is the focal point of.
    public var focalPointSides: Set<ExchangeSide>

    public init(isRequester: Bool = false, isCountryFocalPoint: Bool = false, isInvited: Bool = false,
                sides: Set<ExchangeSide> = [], focalPointSides: Set<ExchangeSide> = []) {
        self.isRequester = isRequester
        self.isCountryFocalPoint = isCountryFocalPoint
        self.isInvited = isInvited
        self.sides = sides
        self.focalPointSides = focalPointSides
    }

    public static let none = CooperationStanding()

    /// Whether the person takes part in an exchange at all (in person or as a focal point).
    public var isInvolved: Bool { isRequester || !sides.isEmpty || !focalPointSides.isEmpty }
}

/// The cooperation cycle's permissions, decided with the rest in ``AccessPolicy``
/// (``Permission/cooperation(_:)``). Each case carries what the rule needs from the record and the
/// reader's ``CooperationStanding``, so the object × role test can walk every combination.
/// Refused reads answer 404. Requests, exchanges and reports are for members; their details for
/// the people involved and staff (editors, admins: the centre that facilitates).
public enum CooperationPermission: Sendable, Equatable {
    /// File a request: vetted members (the form checks the beneficiary country is Southern).
    case fileRequest
    /// Read a request: a draft its requester only; afterwards also staff and the beneficiary
    /// country's focal point; invited experts and centres when its visibility is `matched` or
    /// wider; every member when it is `members` and it has been opened.
    case readRequest(RequestVisibility, RequestStatus, CooperationStanding)
    /// Change a request's text: its requester while draft or submitted; staff until it closes.
    case editRequest(RequestStatus, CooperationStanding)
    /// Take a step of the life cycle (``RequestStep``) from `status`.
    case stepRequest(RequestStep, RequestStatus, CooperationStanding)
    /// Read and write the comments between requester, staff and the country's focal point.
    case commentOnRequest(RequestStatus, CooperationStanding)
    /// See the explained matches, pick them and invite: staff and the country's focal point,
    /// while the request is open or matched. The requester sees who was invited (``seeInvitations``).
    case manageMatches(RequestStatus, CooperationStanding)
    /// See the invitations sent for a request and their answers.
    case seeInvitations(RequestStatus, CooperationStanding)
    /// Accept or decline an invitation: the invited person only.
    case answerInvitation(isInvitee: Bool)
    /// Record an exchange directly (past ones too): staff.
    case recordExchange
    /// Record an exchange from a request's accepted match: its match managers.
    case startExchange(RequestStatus, CooperationStanding)
    /// Read an exchange's summary (countries, type, themes, dates): members; everyone once both
    /// sides agreed to a public summary.
    case readExchange(publicSummary: Bool)
    /// Read an exchange's details (people, history, contributions' sources, outcome reports):
    /// staff and the people involved.
    case readExchangeDetails(CooperationStanding)
    /// Change an exchange (status, parties, dates, links): staff and focal points of its countries.
    case manageExchange(CooperationStanding)
    /// Record a contribution: the exchange's managers and the people taking part.
    case addContribution(CooperationStanding)
    /// File or change one side's outcome report or follow-up: people of that side, focal points
    /// of a country on that side, and staff (who may file what a side sent by other means).
    case fileOutcomeReport(ExchangeSide, CooperationStanding)
    /// Agree, for one side, that the exchange's summary be public: that side's people and focal
    /// points, and staff recording an agreement given outside the platform.
    case agreeToPublicSummary(ExchangeSide, CooperationStanding)
    /// The members' exchange calendar and its iCal feed.
    case seeExchangeCalendar
}

extension AccessPolicy {
    static func allows(_ actor: Actor, cooperation permission: CooperationPermission) -> Bool {
        let staff = isStaff(actor)
        switch permission {
        case .fileRequest, .seeExchangeCalendar:
            return actor.isMember
        case .readRequest(let visibility, let status, let s):
            guard actor.isMember else { return false }
            if s.isRequester { return true }
            if status == .draft { return false }
            if staff || s.isCountryFocalPoint { return true }
            if s.isInvited && visibility >= .matched { return true }
            return visibility == .members && status >= .open
        case .editRequest(let status, let s):
            guard actor.isMember else { return false }
            return (s.isRequester && status <= .submitted) || (staff && status != .closed && status != .draft)
        case .stepRequest(let step, let status, let s):
            guard actor.isMember, RequestLifecycle.next(after: step, from: status) != nil else { return false }
            switch step {
            case .submit: return s.isRequester
            // Endorsing vouches for someone else's request: a focal point who filed it waits for another.
            case .endorse: return (staff || s.isCountryFocalPoint) && !s.isRequester
            case .returnToDraft, .open: return staff
            case .match, .startExchange: return staff || s.isCountryFocalPoint
            // A draft is its requester's alone (no one else reads it), so only they withdraw it.
            case .close: return s.isRequester || (status >= .submitted && (staff || s.isCountryFocalPoint))
            }
        case .commentOnRequest(let status, let s):
            guard actor.isMember else { return false }
            return s.isRequester || (status != .draft && (staff || s.isCountryFocalPoint))
        case .manageMatches(let status, let s), .startExchange(let status, let s):
            guard actor.isMember, status == .open || status == .matched || status == .inExchange else { return false }
            return staff || s.isCountryFocalPoint
        case .seeInvitations(let status, let s):
            guard actor.isMember, status >= .open else { return false }
            return staff || s.isCountryFocalPoint || s.isRequester
        case .answerInvitation(let isInvitee):
            return actor.isMember && isInvitee
        case .recordExchange:
            return actor.isMember && staff
        case .readExchange(let publicSummary):
            return publicSummary || actor.isMember
        case .readExchangeDetails(let s):
            return actor.isMember && (staff || s.isInvolved)
        case .manageExchange(let s):
            return actor.isMember && (staff || !s.focalPointSides.isEmpty)
        case .addContribution(let s):
            return actor.isMember && (staff || s.isInvolved)
        case .fileOutcomeReport(let side, let s), .agreeToPublicSummary(let side, let s):
            guard actor.isMember else { return false }
            return staff || s.sides.contains(side) || s.focalPointSides.contains(side)
                || (side == .beneficiary && s.isRequester)
        }
    }
}
