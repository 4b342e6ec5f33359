import Foundation
import Vapor
@testable import SankofaWeb

/// A value for each path parameter of the routes, naming what the route tests' fixtures create
/// (a practice, profile, centre and course all called `regional-training`), so that a sweep over
/// `app.routes` reaches each handler.
enum RouteValues {
    static func ordinary(_ app: Application, user: UUID, edition: String = "no-edition") -> [String: String] {
        [":lang": "en", ":slug": "regional-training", ":user": user.uuidString, ":token": "unknown", ":target": "fr",
         ":edition": edition, ":chapter": "africa",
         ":category": "regional-training", ":thread": "1", ":post": "1", ":notification": "1", ":request": "1", ":attachment": "1", ":contribution": "1", ":filename": "file.pdf", ":file": "sankofa.\(app.stylesheet.fingerprint).css"]
    }

    /// The route's path with each parameter replaced by its value.
    static func path(_ components: [String], _ values: [String: String]) -> String {
        "/" + components.map { values[$0] ?? $0 }.joined(separator: "/")
    }
}
