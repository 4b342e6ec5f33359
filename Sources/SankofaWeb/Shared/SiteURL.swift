import SankofaCore

/// Every path of the site, in one place: views and controllers never spell a path by hand.
public enum SiteURL: Sendable {
    case home(Language)
    case practices(Language)
    case practice(Language, slug: String)
    case about(Language)
    case search(Language)
    case register(Language)
    case login(Language)
    case logout(Language)
    case account(Language)
    case endSession(Language)
    case endAllSessions(Language)
    case verifyEmail(Language, token: String)
    case vetting(Language)
    case vet(Language, user: String)
    case audit(Language)
    case outbox(Language)
    case handbook(Language)
    case handbookEdition(Language, edition: String)
    case handbookChapter(Language, edition: String, chapter: String)
    case handbookFile(edition: String, file: String)
    case editions(Language)
    case newEdition(Language)
    case edition(Language, edition: String)
    case compileEdition(Language, edition: String)
    case publishEdition(Language, edition: String)
    case stylesheet(fingerprint: String)
    case apiPractices
    case apiPractice(slug: String)
    case openAPI
    case health

    public var path: String {
        switch self {
        case .home(let l): "/\(l.rawValue)/"
        case .practices(let l): "/\(l.rawValue)/practices"
        case .practice(let l, let slug): "/\(l.rawValue)/practices/\(slug)"
        case .about(let l): "/\(l.rawValue)/about"
        case .search(let l): "/\(l.rawValue)/search"
        case .register(let l): "/\(l.rawValue)/account/register"
        case .login(let l): "/\(l.rawValue)/account/login"
        case .logout(let l): "/\(l.rawValue)/account/logout"
        case .account(let l): "/\(l.rawValue)/account"
        case .endSession(let l): "/\(l.rawValue)/account/sessions/end"
        case .endAllSessions(let l): "/\(l.rawValue)/account/sessions/end-all"
        case .verifyEmail(let l, let token): "/\(l.rawValue)/account/verify/\(token)"
        case .vetting(let l): "/\(l.rawValue)/admin/vetting"
        case .vet(let l, let user): "/\(l.rawValue)/admin/vetting/\(user)"
        case .audit(let l): "/\(l.rawValue)/admin/audit"
        case .outbox(let l): "/\(l.rawValue)/admin/outbox"
        case .handbook(let l): "/\(l.rawValue)/handbook"
        case .handbookEdition(let l, let edition): "/\(l.rawValue)/handbook/\(edition)"
        case .handbookChapter(let l, let edition, let chapter): "/\(l.rawValue)/handbook/\(edition)/\(chapter)"
        case .handbookFile(let edition, let file): "/handbook/\(edition)/\(file)"
        case .editions(let l): "/\(l.rawValue)/editions"
        case .newEdition(let l): "/\(l.rawValue)/editions/new"
        case .edition(let l, let edition): "/\(l.rawValue)/editions/\(edition)"
        case .compileEdition(let l, let edition): "/\(l.rawValue)/editions/\(edition)/compile"
        case .publishEdition(let l, let edition): "/\(l.rawValue)/editions/\(edition)/publish"
        case .stylesheet(let fingerprint): "/assets/sankofa.\(fingerprint).css"
        case .apiPractices: "/api/v1/practices"
        case .apiPractice(let slug): "/api/v1/practices/\(slug)"
        case .openAPI: "/api/v1/openapi.json"
        case .health: "/healthz"
        }
    }
}
