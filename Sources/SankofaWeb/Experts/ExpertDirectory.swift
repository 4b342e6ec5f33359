import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// The profiles a request may see, each reduced to what it may see of it: the one place that
/// turns stored profiles into views, used by the HTML pages, the JSON API and the CSV export.
struct ExpertDirectory: Sendable {
    struct Entry: Sendable {
        var stored: StoredExpert
        var view: ExpertView
        var audience: Audience
    }

    var entries: [Entry]
    /// Every stored profile by id, to name endorsers (only if their own profile is visible).
    var byID: [UUID: StoredExpert]

    static func load(_ request: Request) async throws -> ExpertDirectory {
        of(try await ExpertStore(database: request.db).all(), for: request)
    }

    /// How many profiles `actor` sees (what ``load(_:)`` would list), counted by the database:
    /// the levels the policy lets the actor's audience see, and the actor's own profile, which
    /// its owner reads as staff (``AccessPolicy/audience(_:owner:)``).
    static func count(for actor: Actor, on database: any Database) async throws -> Int {
        let audience = AccessPolicy.audience(actor)
        // The actor's own profile counts whatever its level only if the policy lets them read it as staff.
        let owner = actor.userID.flatMap { AccessPolicy.audience(actor, owner: $0) == .staff ? UUID(uuidString: $0) : nil }
        return try await ExpertStore(database: database).count(
            profileLevels: Visibility.allCases.filter(audience.sees), defaultLevel: ProfileVisibility.defaultLevel, orOwnedBy: owner)
    }

    /// The directory made of `all` alone (e.g. the profiles linked to one practice), as the
    /// reader may see them.
    static func of(_ all: [StoredExpert], for request: Request) -> ExpertDirectory {
        let actor = request.actor
        let entries = all.compactMap { stored -> Entry? in
            let audience = AccessPolicy.audience(actor, owner: stored.userID?.uuidString)
            return stored.record.visible(to: audience).map { Entry(stored: stored, view: $0, audience: audience) }
        }
        return ExpertDirectory(entries: entries, byID: Dictionary(uniqueKeysWithValues: all.map { ($0.id, $0) }))
    }

    func entry(slug: String) -> Entry? { entries.first { $0.view.slug == slug } }

    /// Narrows to profiles whose visible text matches `q` (all of them when it is empty), through
    /// the search index (which holds one document per audience), so the directory and the search
    /// page agree.
    func matching(_ q: String, request: Request) async throws -> [Entry] {
        guard !q.isEmpty else { return entries }
        let search = DirectoryTextSearch(database: request.db)
        let audiences = SearchAudience.visible(to: AccessPolicy.audience(request.actor))
        guard var ids = try await search.recordIDs(matching: q, kind: .expert, audiences: audiences) else { return entries }
        // An expert's own profile is searched at their own level too.
        if let own = entries.first(where: { $0.stored.userID != nil && $0.stored.userID?.uuidString == request.actor.userID }),
           !ids.contains(own.stored.id),
           try await search.recordIDs(matching: q, kind: .expert, audiences: SearchAudience.visible(to: .staff))?.contains(own.stored.id) == true {
            ids.insert(own.stored.id)
        }
        return entries.filter { ids.contains($0.stored.id) }
    }

    /// The name of an endorser, when the reader may see their profile; nil otherwise, and the
    /// page says "a focal point" instead of exposing someone who keeps their profile closed.
    func endorserName(_ endorsement: Endorsement, for actor: Actor) -> (name: String, slug: String)? {
        let endorser = endorsement.endorserExpertID.flatMap { byID[$0] }
            ?? byID.values.first { $0.userID != nil && $0.userID == endorsement.endorserUserID }
        guard let endorser, endorser.record.visible(to: AccessPolicy.audience(actor, owner: endorser.userID?.uuidString)) != nil
        else { return nil }
        return (endorser.record.name, endorser.record.slug)
    }
}
