import Vapor

/// How large a route's body may be, when more than the default 1 MB: the CSRF middleware collects a
/// streamed body up to it before reading the token (a route's own `.collect(maxSize:)` comes too
/// late for that, after the middleware).
enum BodyLimit: Sendable {
    case bytes(Int)
    /// A form with files: ``ForumUploads/bodyLimit(_:)``, from the attachment size setting.
    case files

    static let key = "sankofa.bodyLimit"

    static func of(_ request: Request) -> Int {
        switch request.route?.userInfo[AnySendableHashable(key)] as? BodyLimit {
        case .bytes(let bytes): bytes
        case .files: ForumUploads.bodyLimit(request.application.settings)
        case nil: request.application.routes.defaultMaxBodySize.value
        }
    }
}

extension Vapor.Route {
    /// Lets this route's body reach `limit` (see ``BodyLimit``).
    @discardableResult
    func bodyLimit(_ limit: BodyLimit) -> Vapor.Route {
        userInfo[AnySendableHashable(BodyLimit.key)] = limit
        return self
    }
}
