import SankofaCore
import SQLKit

/// Profiles found by a few letters of their name, or by their slugs, without reading the
/// directory: what a centre's form offers and checks for its focal point and linked experts.
extension ExpertStore {
    /// The profiles whose name contains `text` (both folded as the directory's order folds
    /// names), in name order, at most `limit`; as staff see them, so a profile of a disabled
    /// account is not among them.
    public func named(_ text: String, limit: Int) async throws -> [(slug: String, name: String)] {
        let folded = SortKey.of(text)
        guard !folded.isEmpty else { return [] }
        var pattern = "%"
        for character in folded {
            if "\\%_".contains(character) { pattern.append("\\") }
            pattern.append(character)
        }
        pattern.append("%")
        return try await sql.raw("""
            SELECT slug, name FROM expert_views WHERE audience = \(bind: Audience.staff.rawValue) AND sort_key LIKE \(bind: pattern) ESCAPE '\\'
            ORDER BY sort_key, slug LIMIT \(literal: limit)
            """).all().map { (slug: try $0.decode(column: "slug", as: String.self), name: try $0.decode(column: "name", as: String.self)) }
    }

    /// The names of the profiles among `slugs`, as staff see them (a slug naming none is left out).
    public func names(slugs: [String]) async throws -> [String: String] {
        guard !slugs.isEmpty else { return [:] }
        let rows = try await sql.raw("""
            SELECT slug, name FROM expert_views WHERE audience = \(bind: Audience.staff.rawValue) AND slug IN (\(binds: slugs))
            """).all()
        return Dictionary(try rows.map { (try $0.decode(column: "slug", as: String.self), try $0.decode(column: "name", as: String.self)) },
                          uniquingKeysWith: { first, _ in first })
    }

    /// Which of `slugs` name a profile (any profile, listed or not).
    public func existing(slugs: [String]) async throws -> Set<String> {
        guard !slugs.isEmpty else { return [] }
        return Set(try await sql.raw("SELECT slug FROM experts WHERE slug IN (\(binds: slugs))").all()
            .map { try $0.decode(column: "slug", as: String.self) })
    }
}
