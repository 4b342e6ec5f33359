import Foundation
import SankofaCore
import SQLKit

/// The directory as one reader may see it, read from the per-audience projection
/// (``ExpertProjection``): lists filtered, counted and paged by the engine, a profile found by its
/// slug, and the export read a batch at a time. Profiles of disabled accounts have no rows.
extension ExpertStore {
    /// One page of the list, with the total and the facets' counts.
    public func directory(_ selection: DirectorySelection, reader: ExpertReader, page: Int, perPage: Int) async throws -> DirectoryPage<ExpertView> {
        let list = ExpertListing.list(reader, text: textCondition(selection.text, reader))
        let result = try await list.page(selection, columns: "r.view", order: ExpertListing.order, page: page, perPage: perPage, on: sql)
        return DirectoryPage(total: result.total, items: try result.rows.map(Self.view), counts: result.counts)
    }

    /// Every profile matching `selection`, in the list's order, handed to `each` `batch` at a
    /// time (the CSV export): memory holds one batch, whatever the size of the directory. Each
    /// batch starts after the last one's name and slug, so a profile saved meanwhile neither
    /// repeats nor pushes another out.
    public func export(_ selection: DirectorySelection, reader: ExpertReader, batch: Int = 500,
                       _ each: ([ExpertView]) async throws -> Void) async throws {
        let list = ExpertListing.list(reader, text: textCondition(selection.text, reader))
        var after: SQLQueryString?
        while true {
            let rows = try await list.rows(selection, columns: "r.view, r.sort_key, r.slug", order: ExpertListing.order,
                                           after: after, limit: batch, on: sql)
            if !rows.isEmpty { try await each(try rows.map(Self.view)) }
            guard rows.count == batch, let last = rows.last else { return }
            let key = try last.decode(column: "sort_key", as: String.self), slug = try last.decode(column: "slug", as: String.self)
            after = "(r.sort_key > \(bind: key) OR (r.sort_key = \(bind: key) AND r.slug > \(bind: slug)))"
        }
    }

    /// The profile with this slug as `reader` may see it; nil when it does not exist, is hidden
    /// from them or belongs to a disabled account (a page answers all three alike).
    public func entry(slug: String, reader: ExpertReader) async throws -> ExpertEntry? {
        guard let row = try await sql.raw("""
            SELECT r.expert_id, r.audience, r.view FROM expert_views r WHERE r.slug = \(bind: slug) AND \(reader.scope("r"))
            """).first(),
              let audience = Audience(rawValue: try row.decode(column: "audience", as: String.self)),
              let stored = try await find(id: try row.decode(column: "expert_id", as: UUID.self))
        else { return nil }
        return ExpertEntry(stored: stored, view: try Self.view(row), audience: audience)
    }

    /// The views of the profiles with these slugs that `reader` may see, by slug.
    public func views(slugs: [String], reader: ExpertReader) async throws -> [String: ExpertView] {
        guard !slugs.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT r.slug, r.view FROM expert_views r WHERE r.slug IN (\(binds: Array(Set(slugs)))) AND \(reader.scope("r"))
            """).all()
        return Dictionary(try rows.map { (try $0.decode(column: "slug", as: String.self), try Self.view($0)) }) { first, _ in first }
    }

    /// Who gave each endorsement (name and slug), in order, when `reader` may see the endorser's
    /// own profile; nil otherwise, and the page says "a focal point" instead of naming someone
    /// who keeps their profile closed.
    public func endorsers(of endorsements: [Endorsement], reader: ExpertReader) async throws -> [(name: String, slug: String)?] {
        let experts = endorsements.compactMap(\.endorserExpertID), users = endorsements.compactMap(\.endorserUserID)
        // One indexed select for each way of naming an endorser (an OR made SQLite read the audience's every row).
        var selects: [SQLQueryString] = []
        if !experts.isEmpty { selects.append("r.expert_id IN (\(binds: experts))") }
        if !users.isEmpty { selects.append("r.user_id IN (\(binds: users))") }
        guard !selects.isEmpty else { return endorsements.map { _ in nil } }
        var named: [UUID: (name: String, slug: String)] = [:], namedUsers: [UUID: (name: String, slug: String)] = [:]
        let query = selects.map { "SELECT r.expert_id, r.user_id, r.name, r.slug FROM expert_views r WHERE \($0) AND \(reader.scope("r"))" as SQLQueryString }
        for row in try await sql.raw(query.joined(separator: " UNION ALL ")).all() {
            let person = (try row.decode(column: "name", as: String.self), try row.decode(column: "slug", as: String.self))
            named[try row.decode(column: "expert_id", as: UUID.self)] = person
            if let user = try row.decode(column: "user_id", as: UUID?.self) { namedUsers[user] = person }
        }
        return endorsements.map { endorsement in
            if let expert = endorsement.endorserExpertID { return named[expert] }
            return endorsement.endorserUserID.flatMap { namedUsers[$0] }
        }
    }

    /// How many profiles `reader` sees (the home page's figure), counted by the engine.
    public func count(reader: ExpertReader) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM expert_views r WHERE \(reader.scope("r"))").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    /// The condition of `q` on the projection's rows, through the search index (one document per
    /// audience, so it finds only what the reader may read); the reader's own profile is searched
    /// at staff level. Nil when `text` holds no word to search for.
    func textCondition(_ text: String, _ reader: ExpertReader) -> SQLQueryString? {
        let search = DirectoryTextSearch(database: database)
        guard let matched = search.condition(text, kind: .expert, audiences: SearchAudience.visible(to: reader.audience), column: "r.expert_id")
        else { return nil }
        guard let owner = reader.owner,
              let own = search.condition(text, kind: .expert, audiences: SearchAudience.visible(to: .staff), column: "r.expert_id")
        else { return matched }
        return "\(matched) OR (r.user_id = \(bind: owner) AND \(own))"
    }

    static func view(_ row: any SQLRow) throws -> ExpertView {
        try RecordJSON.decode(ExpertView.self, try row.decode(column: "view", as: String.self))
    }
}
