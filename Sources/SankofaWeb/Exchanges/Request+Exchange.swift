import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// An exchange the reader may read, with what every further permission question needs.
struct ExchangeAccess: Sendable {
    var facts: ExchangeLookup.ExchangeFacts
    var standing: CooperationStanding
    var actor: Actor

    func allows(_ permission: CooperationPermission) -> Bool { AccessPolicy.allows(actor, .cooperation(permission)) }
    /// Staff and the people involved: parties with people, history, links, reports.
    var seesDetails: Bool { allows(.readExchangeDetails(standing)) }
    /// Members read the summary; everyone else only what both sides agreed to make public.
    var seesSummary: Bool { actor.isMember }
}

extension Request {
    /// The exchange named by the path's `:exchange`, when the reader may read it. One that does not
    /// exist and one the reader may not read (a visitor, unless its summary is public) answer alike: 404.
    func readableExchange() async throws -> ExchangeAccess {
        let lookup = ExchangeLookup(database: db)
        guard let id = parameters.get("exchange").flatMap(Int.init), id > 0,
              let facts = try await lookup.exchange(id) else { throw Abort(.notFound) }
        guard AccessPolicy.allows(actor, .cooperation(.readExchange(publicSummary: facts.publicSummary))) else {
            try await recordDenial(detail: "readExchange \(id)")
            throw Abort(.notFound)
        }
        let standing = try await lookup.standing(of: actor, userID: user?.id, exchange: facts)
        return ExchangeAccess(facts: facts, standing: standing, actor: actor)
    }

    /// As ``readableExchange()`` for a write: visitors are sent to sign in and applicants refused
    /// before anything is looked up, so the answer never tells whether an exchange exists.
    func memberExchange() async throws -> ExchangeAccess {
        try await require(.cooperation(.readExchange(publicSummary: false)))
        return try await readableExchange()
    }

    /// Refuses (403, counted in the audit of denials) a write the reader may not make.
    func require(_ permission: CooperationPermission, on access: ExchangeAccess) async throws {
        guard access.allows(permission) else {
            try await recordDenial(detail: "\(permission) exchange \(access.facts.id)")
            throw Abort(.forbidden)
        }
    }
}
