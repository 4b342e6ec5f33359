import SankofaCore

/// Every path of the site, in one place: views and controllers never spell a path by hand.
public enum SiteURL: Sendable {
    case home(Language)
    case practices(Language)
    case practice(Language, slug: String)
    case about(Language)
    case search(Language)
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
        case .stylesheet(let fingerprint): "/assets/sankofa.\(fingerprint).css"
        case .apiPractices: "/api/v1/practices"
        case .apiPractice(let slug): "/api/v1/practices/\(slug)"
        case .openAPI: "/api/v1/openapi.json"
        case .health: "/healthz"
        }
    }
}
