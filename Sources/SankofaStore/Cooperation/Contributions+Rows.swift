import Fluent
import Foundation
import SankofaCore
import SQLKit

extension Contributions {
    /// The columns a record is stored in. A centre is kept by id with its name as it was when the
    /// contribution was recorded (a contribution is a fact of its day) and, unless given, its country.
    struct Columns { var country: String?; var name: String; var centreID: UUID? }

    func columns(of record: ContributionRecord) async throws -> Columns {
        var issues = record.issues()
        var columns = Columns(country: record.contributorCountry.flatMap { $0.isEmpty ? nil : $0 },
                              name: record.contributorName.trimmingCharacters(in: .whitespacesAndNewlines), centreID: nil)
        if record.contributorKind == .centre, let slug = record.centre, !slug.isEmpty {
            if let centre = try await CentreStore(database: database).find(slug: slug) {
                columns.centreID = centre.id
                columns.country = columns.country ?? centre.record.country
                if columns.name.isEmpty { columns.name = centre.record.translations.resolve(centre.record.originalLanguage, original: centre.record.originalLanguage)?.value.name ?? slug }
            } else {
                issues.append(.init(field: "centre", reason: "contribution.error.unknownCentre", detail: slug))
            }
        }
        guard issues.isEmpty else { throw Refusal.invalid(issues) }
        return columns
    }

    /// One history line: what changed, in words that do not depend on a language (the page
    /// labels the kind; the amounts and codes read the same everywhere).
    func event(_ kind: EventKind, exchangeID: Int, record: ContributionRecord, actorID: UUID?, now: Int) async throws {
        try await sql.raw("""
            INSERT INTO exchange_events (exchange_id, kind, from_status, to_status, actor_id, note, at)
            VALUES (\(bind: exchangeID), \(bind: kind.rawValue), NULL, NULL, \(bind: actorID), \(bind: record.summary), \(bind: now))
            """).run()
    }

    /// The accounts of the exchange's people: its named experts, the focal points of its centres,
    /// the author of the request it answers and the focal points of its countries.
    func people(of exchangeID: Int) async throws -> [UUID] {
        let rows = try await sql.raw("""
            SELECT e.user_id AS id FROM exchange_parties p JOIN experts e ON e.id = p.expert_id
              WHERE p.exchange_id = \(bind: exchangeID) AND e.user_id IS NOT NULL
            UNION SELECT e.user_id FROM exchange_parties p JOIN centres c ON c.id = p.centre_id
              JOIN experts e ON e.focal_point_for = \(unsafeRaw: concat("'centre:'", "c.slug"))
              WHERE p.exchange_id = \(bind: exchangeID) AND e.user_id IS NOT NULL
            UNION SELECT r.requester_id FROM exchanges x JOIN requests r ON r.id = x.request_id
              WHERE x.id = \(bind: exchangeID) AND r.requester_id IS NOT NULL
            """).all()
        var people = try rows.map { try $0.decode(column: "id", as: UUID.self) }
        // Roles are an array column (text[] on PostgreSQL, JSON on SQLite): the focal points are
        // picked by the same rule as everywhere, `Actor.has(.focalPoint)` with the country.
        let countries = try await sql.raw("SELECT DISTINCT country FROM exchange_parties WHERE exchange_id = \(bind: exchangeID)")
            .all().map { try $0.decode(column: "country", as: String.self) }
        for user in try await UserModel.query(on: database).filter(\.$country ~~ countries).all()
        where user.actor.isMember && user.actor.has(.focalPoint) {
            if let id = user.id, !people.contains(id) { people.append(id) }
        }
        return people
    }

    private func concat(_ a: String, _ b: String) -> String { "(\(a) || \(b))" }
}

extension ContributionRecord {
    /// A one-line account of the contribution for the history and notices: "financial 12500.50 USD
    /// (country KE)", "inKind venue (organisation Kenyatta Hall)".
    public var summary: String {
        var parts = [kind.rawValue]
        if let item { parts.append(item.rawValue) }
        if let amount { parts.append("\(amount.plain(in: .en)) \(amount.currency)") }
        let who = [contributorKind.rawValue, centre ?? "", contributorName, contributorCountry ?? ""].filter { !$0.isEmpty }
        return parts.joined(separator: " ") + " (" + who.joined(separator: " ") + ")"
    }
}
