import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// How the directory's pages reach profiles as their reader may see them: the access policy
/// gives the reader's audience, and the store reads that audience's projection of each profile
/// (what ``ExpertRecord/visible(to:)`` leaves of it), so the pages, the JSON API and the CSV
/// export never decide privacy themselves.
struct ExpertDirectory: Sendable {
    typealias Entry = ExpertEntry

    var entries: [Entry]

    /// The reader for the privacy rules: the actor's audience, and their own account, whose
    /// profile its owner reads as staff (``AccessPolicy/audience(_:owner:)``).
    static func reader(_ actor: Actor) -> ExpertReader {
        let own = actor.userID.flatMap { AccessPolicy.audience(actor, owner: $0) == .staff ? UUID(uuidString: $0) : nil }
        return ExpertReader(audience: AccessPolicy.audience(actor), owner: own)
    }

    /// How many profiles `actor` sees, counted by the database.
    static func count(for actor: Actor, on database: any Database) async throws -> Int {
        try await ExpertStore(database: database).count(reader: reader(actor))
    }

    /// The profile named by the route's slug as the reader may see it. A profile hidden from
    /// them, or whose owner's account is disabled, is a 404, like one that does not exist.
    static func entry(_ request: Request) async throws -> Entry {
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug),
              let entry = try await ExpertStore(database: request.db).entry(slug: slug, reader: reader(request.actor))
        else { throw Abort(.notFound) }
        return entry
    }

    /// The directory made of `all` alone (the listed profiles linked to one practice), as the
    /// reader may see them.
    static func of(_ all: [StoredExpert], for request: Request) -> ExpertDirectory {
        let actor = request.actor
        return ExpertDirectory(entries: all.compactMap { stored -> Entry? in
            let audience = AccessPolicy.audience(actor, owner: stored.userID?.uuidString)
            return stored.record.visible(to: audience).map { Entry(stored: stored, view: $0, audience: audience) }
        })
    }
}
