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
