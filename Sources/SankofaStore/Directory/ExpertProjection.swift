import Foundation
import SankofaCore
import SQLKit

/// The directory's per-audience projection of the profiles (migration 013): for each profile and
/// each audience that may see it, the output of ``ExpertRecord/visible(to:)`` as JSON
/// (`expert_views`) and the values its facets filter and count on (`expert_view_values`). Privacy
/// is decided there, once per save; the lists, counts, pages, API and export read the rows of
/// the reader's audience and never decide it again. A profile whose owner's account is disabled
/// has no rows: it is listed nowhere until the account is enabled again.
enum ExpertProjection {
    /// Replaces the rows of one profile (`isNew`: it has none yet).
    static func replace(_ record: ExpertRecord, id: UUID, owner: UUID?, listed: Bool, isNew: Bool, on sql: any SQLDatabase) async throws {
        if !isNew { try await remove(id, on: sql) }
        guard listed else { return }
        for audience in Audience.allCases {
            guard let view = record.visible(to: audience) else { continue }
            let row = try await sql.raw("""
                INSERT INTO expert_views (expert_id, audience, user_id, slug, name, sort_key, view)
                VALUES (\(bind: id), \(bind: audience.rawValue), \(bind: owner), \(bind: record.slug), \(bind: view.name),
                        \(bind: SortKey.of(view.name)), \(bind: try RecordJSON.encode(view)))
                RETURNING id
                """).first()
            guard let viewID = try row?.decode(column: "id", as: Int64.self) else { continue }
            let tuples: [SQLQueryString] = values(of: view).map {
                "(\(bind: viewID), \(bind: audience.rawValue), \(bind: owner), \(bind: $0.facet), \(bind: $0.value))"
            }
            guard !tuples.isEmpty else { continue }
            try await sql.raw("INSERT INTO expert_view_values (view_id, audience, user_id, facet, value) VALUES \(tuples.joined(separator: ", "))").run()
        }
    }

    /// The view ids are read first and given to the delete as values: a delete joined to its
    /// subquery was planned as a scan of every value on PostgreSQL in the middle of an import,
    /// before any statistics, and took minutes where this takes milliseconds.
    static func remove(_ id: UUID, on sql: any SQLDatabase) async throws {
        let views = try await sql.raw("SELECT id FROM expert_views WHERE expert_id = \(bind: id)").all()
            .map { try $0.decode(column: "id", as: Int64.self) }
        guard !views.isEmpty else { return }
        try await sql.raw("DELETE FROM expert_view_values WHERE view_id IN (\(binds: views))").run()
        try await sql.raw("DELETE FROM expert_views WHERE id IN (\(binds: views))").run()
    }

    /// The profile's owner, and whether it is listed: it is unless the owner's account is disabled.
    static func owner(of id: UUID, on sql: any SQLDatabase) async throws -> (owner: UUID?, listed: Bool) {
        guard let row = try await sql.raw("""
            SELECT e.user_id, u.status FROM experts e LEFT JOIN users u ON u.id = e.user_id WHERE e.id = \(bind: id)
            """).first() else { return (nil, false) }
        let status = try row.decode(column: "status", as: String?.self)
        return (try row.decode(column: "user_id", as: UUID?.self), status != AccountStatus.disabled.rawValue)
    }

    /// Whether the profile has rows: it is listed for staff whenever it is listed at all.
    static func isListed(_ id: UUID, on sql: any SQLDatabase) async throws -> Bool {
        try await sql.raw("SELECT 1 AS x FROM expert_views WHERE expert_id = \(bind: id) AND audience = 'staff'").first() != nil
    }

    /// What a view's facets filter and count on, only from what the view shows: a hidden country
    /// gives no country and no region. Availability is kept so that each profile counts once per
    /// status whatever the day (``ExpertListing/availability``): `availability` holds
    /// `availableNow` and `notAvailable` offers; of the dated offers, the earliest day
    /// (`availableFrom`, only when no offer is available now: it then means "now" once reached)
    /// and the latest (`availableLater`: "later" until reached).
    static func values(of view: ExpertView) -> [FacetValue] {
        var values: [FacetValue] = []
        func add(_ facet: String, _ items: [String]) { values += items.map { FacetValue(facet: facet, value: $0) } }
        if let country = view.country {
            add("country", [country])
            add("region", [RegionTable.standard.region(of: country).rawValue])
        }
        add("theme", view.themes.map(\.rawValue))
        add("pillar", view.pillars.map { String($0.rawValue) })
        add("language", view.languages.map(\.code))
        add("offer", view.offers.map(\.type.rawValue))
        add("modality", view.offers.flatMap { $0.modality.map(\.rawValue) })
        add("experience", (view.experienceKinds ?? []).map(\.rawValue))
        add("practice", view.practices)
        var days: [String] = []
        for offer in view.offers {
            switch offer.availability {
            case .now: add("availability", [AvailabilityStatus.availableNow.rawValue])
            case .notAvailable: add("availability", [AvailabilityStatus.notAvailable.rawValue])
            case .from(let day): days.append(day)
            }
        }
        if let first = days.min(), !view.offers.contains(where: { $0.availability == .now }) { add("availableFrom", [first]) }
        if let last = days.max() { add("availableLater", [last]) }
        return FacetValue.unique(values)
    }
}

/// The key a directory sorts names by, the same on both engines: case and accents folded, then
/// compared as bytes (``Bytewise``).
enum SortKey {
    static func of(_ name: String) -> String {
        String(name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil)
            .trimmingCharacters(in: .whitespacesAndNewlines).prefix(200))
    }
}
