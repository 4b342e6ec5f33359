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
            return actor.has(.editor) || actor.has(.admin)
        case .translate:
            return actor.has(.translator) || actor.has(.editor) || actor.has(.admin)
        case .moderate:
            return actor.has(.moderator) || actor.has(.admin)
        case .vet(let country):
            return actor.has(.admin) || (actor.has(.focalPoint) && actor.country?.uppercased() == country.uppercased())
        case .seeVettingQueue:
            return actor.has(.admin) || actor.has(.focalPoint)
        case .assignRoles, .readAuditLog, .readOutbox:
            return actor.has(.admin)
        }
    }
}
