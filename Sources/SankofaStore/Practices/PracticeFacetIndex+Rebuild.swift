import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The title order's rows, and every table of ``PracticeFacetIndex`` made again from the practices.
extension PracticeFacetIndex {
    /// Writes the sort titles of the practices `condition` selects (on `practices p`): in each
    /// language, its title there or else the original's, lowercased by the engine as the list
    /// compares them.
    func sortTitles(_ condition: SQLQueryString) async throws {
        let languages = Language.allCases.map { "('\($0.rawValue)')" }.joined(separator: ", ")
        try await sql.raw("""
            INSERT INTO practice_sort_titles (practice_id, language, title, slug)
            SELECT p.id, l.column1, LOWER(COALESCE(tl.title, tor.title)), p.slug
            FROM practices p CROSS JOIN (VALUES \(unsafeRaw: languages)) l
            JOIN practice_translations tor ON tor.practice_id = p.id AND tor.language = p.original_language
            LEFT JOIN practice_translations tl ON tl.practice_id = p.id AND tl.language = l.column1
            WHERE \(condition)
            """).run()
    }

    /// The three tables made again from the practices themselves (the migration that creates them).
    static func rebuild(on sql: any SQLDatabase) async throws {
        // Two values of one facet are a pair in Swift's order of their characters, which is SQLite's; PostgreSQL's is the database's.
        let binary = sql.dialect.name == "postgresql" ? " COLLATE \"C\"" : ""
        try await sql.raw("DELETE FROM practice_facet_counts").run()
        try await sql.raw("DELETE FROM practice_facet_values").run()
        try await sql.raw("DELETE FROM practice_sort_titles").run()
        try await PracticeFacetIndex(sql: sql).sortTitles("p.status = \(bind: PracticeStatus.published.rawValue)")
        try await sql.raw("""
            INSERT INTO practice_facet_values (practice_id, facet, value, slug, published_at, start_year)
            SELECT p.id, x.facet, x.value, p.slug, p.published_at, COALESCE(p.start_year, 0)
            FROM practices p JOIN (
              SELECT id AS practice_id, '' AS facet, '' AS value FROM practices
              UNION SELECT practice_id, 'region', region FROM practice_countries
              UNION SELECT practice_id, 'country', country FROM practice_countries
              UNION SELECT practice_id, 'pillar', CAST(pillar AS TEXT) FROM practice_pillars
              UNION SELECT practice_id, 'theme', theme FROM practice_themes
              UNION SELECT id, 'maturity', maturity FROM practices
              UNION SELECT id, 'scope', scope FROM practices
              UNION SELECT id, 'evidence', evidence_level FROM practices
            ) x ON x.practice_id = p.id
            WHERE p.status = \(bind: PracticeStatus.published.rawValue)
            """).run()
        try await sql.raw("""
            INSERT INTO practice_facet_counts (given, facet, value, n)
            SELECT '', facet, value, COUNT(*) FROM practice_facet_values GROUP BY facet, value
            UNION ALL
            SELECT g.facet || ':' || g.value, v.facet, v.value, COUNT(*)
            FROM practice_facet_values g JOIN practice_facet_values v ON v.practice_id = g.practice_id AND v.facet <> g.facet
            WHERE g.facet <> '' GROUP BY g.facet, g.value, v.facet, v.value
            UNION ALL
            SELECT a.facet || ':' || a.value || '|' || b.facet || ':' || b.value, v.facet, v.value, COUNT(*)
            FROM practice_facet_values a
            JOIN practice_facet_values b ON b.practice_id = a.practice_id AND b.facet NOT IN ('', 'country')
              AND (b.facet > a.facet OR b.facet = a.facet AND b.value\(unsafeRaw: binary) > a.value\(unsafeRaw: binary))
            JOIN practice_facet_values v ON v.practice_id = a.practice_id AND v.facet <> a.facet AND v.facet <> b.facet
            WHERE a.facet NOT IN ('', 'country') GROUP BY a.facet, a.value, b.facet, b.value, v.facet, v.value
            """).run()
    }
}
