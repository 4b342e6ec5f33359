import Fluent
import Foundation
import SankofaCore
import SQLKit

extension Exchanges {
    /// The accounts an exchange's notices go to: the people taking part (named experts' accounts,
    /// the focal points of named centres, the requester of the request it came from) and the
    /// focal points of its countries. Staff follow exchanges from the list, not by mail.
    public func people(of id: Int) async throws -> [UUID] {
        let inPerson = try await sql.raw("""
            SELECT e.user_id AS id FROM exchange_parties p JOIN experts e ON e.id = p.expert_id
            WHERE p.exchange_id = \(bind: id) AND e.user_id IS NOT NULL
            UNION SELECT f.user_id AS id FROM exchange_parties p JOIN centres c ON c.id = p.centre_id
            JOIN experts f ON f.focal_point_for = 'centre:' || c.slug WHERE p.exchange_id = \(bind: id) AND f.user_id IS NOT NULL
            UNION SELECT r.requester_id AS id FROM exchanges x JOIN requests r ON r.id = x.request_id
            WHERE x.id = \(bind: id) AND r.requester_id IS NOT NULL
            """).all().map { try $0.decode(column: "id", as: UUID.self) }
        let countries = try await sql.raw("SELECT DISTINCT country FROM exchange_parties WHERE exchange_id = \(bind: id)")
            .all().map { try $0.decode(column: "country", as: String.self) }
        let notices = CooperationNotices(database: database)
        var focal: [UUID] = []
        for country in countries { focal += try await notices.focalPoints(of: country) }
        return inPerson + focal
    }

    /// Tells the exchange's people (``people(of:)``, the actor left out) that it changed: `detail`
    /// is the new status's name in each reader's language, or empty for an edit.
    public func tellUpdate(_ id: Int, actorID: UUID?, statusKey: String?, now: Int, links: CooperationLinks = .site) async throws {
        let notices = CooperationNotices(database: database, links: links)
        let catalogs = notices.catalogs
        try await notices.tell(userIDs: try await people(of: id), kind: .exchangeUpdate, actorID: actorID, requestID: nil, exchangeID: id,
                               detail: { language in statusKey.map { catalogs.text($0, language) } ?? "" }, now: now)
    }

    /// Tells the exchange's people that a side agreed to its public summary (and whether it is now public).
    public func tellAgreement(_ id: Int, side: ExchangeSide, actorID: UUID?, now: Int, links: CooperationLinks = .site) async throws {
        let notices = CooperationNotices(database: database, links: links)
        let catalogs = notices.catalogs
        try await notices.tell(userIDs: try await people(of: id), kind: .publicSummaryAgreed, actorID: actorID, requestID: nil, exchangeID: id,
                               detail: { catalogs.text(side.labelKey, $0) }, now: now)
    }
}
