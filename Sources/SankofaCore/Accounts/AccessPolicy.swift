/// The one place that decides who may see or do what (like Discourse's Guardian). Controllers ask
/// it before every restricted read or write; the route × role test walks it for every role.
public enum Permission: Sendable, Equatable {
    case readPublic
    case seeOwnAccount
    case submitPractice
    case reviewPractices
    case publishPractice
    case translate
    case moderate
    /// Vet an applicant from `country`: admins, and focal points of that country.
    case vet(applicantCountry: String)
    case seeVettingQueue
    case assignRoles
    case readAuditLog
    case readOutbox
    /// Write to an expert through the contact form: vetted members.
    case contactExpert
    /// Endorse an expert of `expertCountry`: focal points of that country only.
    case endorse(expertCountry: String)
    /// Create or edit the profile owned by `ownerID` (nil: a profile without an account).
    case editExpert(ownerID: String?)
    /// Have an expert profile of one's own: vetted members.
    case ownProfile
    /// Create a profile for a person without an account, and edit centres.
    case manageDirectory
    /// Publish or edit a course offered in `country`: staff, and focal points of that country.
    case offerCourse(country: String?)
    /// Create, compile and publish Handbook editions, and read them before publication.
    case compileHandbook
}

public enum AccessPolicy {
    public static func allows(_ actor: Actor, _ permission: Permission) -> Bool {
        switch permission {
        case .readPublic:
            return true
        case .seeOwnAccount:
            return actor.isSignedIn && actor.status != .disabled
        case .submitPractice:
            return actor.isMember
        case .reviewPractices, .publishPractice, .compileHandbook:
            return isStaff(actor)
        case .translate:
            return actor.has(.translator) || actor.has(.editor) || actor.has(.admin)
        case .moderate:
            return actor.has(.moderator) || actor.has(.admin)
        case .vet(let country):
            return actor.has(.admin) || (actor.has(.focalPoint) && isOf(actor, country: country))
        case .seeVettingQueue:
            return actor.has(.admin) || actor.has(.focalPoint)
        case .assignRoles, .readAuditLog, .readOutbox:
            return actor.has(.admin)
        case .contactExpert, .ownProfile:
            return actor.isMember
        case .endorse(let country):
            return actor.has(.focalPoint) && isOf(actor, country: country)
        case .editExpert(let owner):
            return isStaff(actor) || owns(actor, owner)
        case .manageDirectory:
            return isStaff(actor)
        case .offerCourse(let country):
            if isStaff(actor) { return true }
            guard actor.has(.focalPoint) else { return false }
            return country.map { isOf(actor, country: $0) } ?? true
        }
    }

    /// The centre's staff: editors and admins. They see every field of every profile.
    public static func isStaff(_ actor: Actor) -> Bool { actor.has(.editor) || actor.has(.admin) }

    /// A member whose account owns what `owner` names.
    static func owns(_ actor: Actor, _ owner: String?) -> Bool { actor.isMember && owner != nil && owner == actor.userID }

    /// Whether `actor` belongs to `country` (codes compared without case).
    static func isOf(_ actor: Actor, country: String) -> Bool { actor.country?.uppercased() == country.uppercased() }

    /// Who `actor` is for the privacy rules of profiles. An expert reads their own profile as staff.
    public static func audience(_ actor: Actor, owner: String? = nil) -> Audience {
        if isStaff(actor) || owns(actor, owner) { return .staff }
        return actor.isMember ? .member : .visitor
    }
}
