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
    /// See the members' claims of profiles editors made: staff, and focal points (for their country).
    case seeClaimQueue
    /// Confirm or decline a member's claim of a profile of `profileCountry` that an editor made:
    /// staff, and focal points of that country.
    case confirmClaim(profileCountry: String)
    /// Publish or edit a course offered in `country`: staff, and focal points of that country.
    case offerCourse(country: String?)
    /// Create, compile and publish Handbook editions, and read them before publication.
    case compileHandbook

    // Object-level permissions: what one record allows, from its status and owner. A refusal is
    // answered as if the record did not exist (404), so it never tells that it does.

    /// Read a practice: a published one everyone; any other staff and its author.
    case readPractice(status: PracticeStatus, authorID: String?)
    /// Change a practice through its author's form: their draft, or their published practice
    /// (the change then waits for review: ``AccessPolicy/changeWaitsForReview(_:status:translating:)``).
    /// Editors decide on practices (`reviewPractices`) rather than rewrite them.
    case editPractice(status: PracticeStatus, authorID: String?)
    /// Translate a practice: staff whatever its status; translators published practices only
    /// (there is no way yet for an editor to ask for a submitted one); its author what they may edit.
    case translatePractice(status: PracticeStatus, authorID: String?)
    /// Read a Handbook edition: a published one everyone, a draft or compiled one staff.
    case readEdition(status: EditionStatus)
    /// Read an expert profile whose profile level is `visibility`, owned by `ownerID` (nil: no
    /// account). The same rule as ``ExpertRecord/visible(to:)`` for ``audience(_:owner:)``.
    case readProfile(visibility: Visibility, ownerID: String?)
    /// The Forum of Experts and its working groups: ``ForumPermission``.
    case forum(ForumPermission)
    /// The cooperation cycle: requests, matches, exchanges, contributions, outcome reports
    /// (``CooperationPermission``).
    case cooperation(CooperationPermission)
    /// Indicators' exact figures, the annual report, API tokens (``IndicatorPermission``).
    case indicators(IndicatorPermission)
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
        case .seeClaimQueue:
            return isStaff(actor) || actor.has(.focalPoint)
        case .confirmClaim(let country):
            return isStaff(actor) || (actor.has(.focalPoint) && isOf(actor, country: country))
        case .offerCourse(let country):
            if isStaff(actor) { return true }
            guard actor.has(.focalPoint) else { return false }
            return country.map { isOf(actor, country: $0) } ?? true
        case .readPractice(let status, let author):
            return status == .published || isStaff(actor) || owns(actor, author)
        case .editPractice(let status, let author):
            return owns(actor, author) && [.draft, .published].contains(status)
        case .translatePractice(let status, let author):
            return isStaff(actor) || (actor.has(.translator) && status == .published)
                || allows(actor, .editPractice(status: status, authorID: author))
        case .readEdition(let status):
            return status == .published || isStaff(actor)
        case .readProfile(let visibility, let owner):
            return audience(actor, owner: owner).sees(visibility)
        case .forum(let forumPermission):
            return allows(actor, forum: forumPermission)
        case .cooperation(let cooperationPermission):
            return allows(actor, cooperation: cooperationPermission)
        case .indicators(let indicatorPermission):
            return allows(actor, indicators: indicatorPermission)
        }
    }

    /// Whether a change `actor` is allowed to make to a practice in `status` waits for an editor
    /// (a pending revision) instead of going live: a published practice's text is what readers
    /// trust, so its author's changes, translations included, are reviewed first. Staff's changes,
    /// and translators' translations, go live.
    public static func changeWaitsForReview(_ actor: Actor, status: PracticeStatus, translating: Bool) -> Bool {
        guard status == .published, !isStaff(actor) else { return false }
        return !(translating && actor.has(.translator))
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
