import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// A request the reader may read, with what every further permission question needs.
struct RequestAccess: Sendable {
    var facts: RequestFacts
    var standing: CooperationStanding
    var actor: Actor
    var userID: UUID

    func allows(_ permission: CooperationPermission) -> Bool { AccessPolicy.allows(actor, .cooperation(permission)) }
}

extension Request {
    /// The signed-in member's id; visitors are sent to sign in and pending accounts refused, as for
    /// every page of the requests.
    func requireRequestsMember() async throws -> UUID {
        try await require(.cooperation(.fileRequest))
        return try user!.requireID()
    }

    /// The request named by the path's `:request`, when the reader may read it. A request that does
    /// not exist and one the reader may not read answer alike: 404.
    func readableRequest() async throws -> RequestAccess {
        let userID = try await requireRequestsMember()
        guard let id = parameters.get("request").flatMap(Int.init), id > 0,
              let facts = try await RequestLookup(database: db).request(id) else { throw Abort(.notFound) }
        let standing = try await RequestLookup(database: db).standing(of: actor, userID: userID, request: facts)
        guard AccessPolicy.allows(actor, .cooperation(.readRequest(facts.visibility, facts.status, standing))) else {
            try await recordDenial(detail: "readRequest \(id)")
            throw Abort(.notFound)
        }
        return RequestAccess(facts: facts, standing: standing, actor: actor, userID: userID)
    }

    /// Notices of the cycle, linking to this site's pages.
    func cooperationNotices(_ database: any Database) -> CooperationNotices {
        CooperationNotices(database: database, links: .site(application.settings.baseURL))
    }
}

extension CooperationLinks {
    /// Links to this site's request and exchange pages, absolute under `baseURL`.
    static func site(_ baseURL: String) -> CooperationLinks {
        CooperationLinks(request: { baseURL + SiteURL.request($0, id: $1).path },
                         exchange: { baseURL + SiteURL.exchange($0, id: $1).path },
                         notifications: { baseURL + SiteURL.notifications($0).path },
                         invitations: { baseURL + SiteURL.invitations($0).path })
    }
}
