import Fluent
import Foundation
import SankofaCore
import SQLKit

/// What the catalogue's lists are read from (migration 013), kept by every write of a practice in
/// its transaction, for published practices only:
///
/// - `practice_facet_values`: one row per value a practice has for each facet (its regions,
///   countries, pillars, themes, maturity, scope, evidence), plus one row with the empty facet
///   that every published practice has, each carrying the list's sort keys. A value's rows in
///   `(facet, value, published_at DESC, start_year DESC, slug)` order are the list filtered on it,
///   newest first, so a page is read from an index; a practice's rows (the primary key) are what
///   the facet counts of a filtered list add up.
/// - `practice_facet_counts`: how many published practices have each value (`given` empty), and
///   how many of those with the value `given` (`facet:value`) have each value of every other facet.
///   The list with no filter, or filtered on one value, is counted from them without reading a
///   practice.
/// - `practice_sort_titles`: each one's title as the list shows it in each language, lowercased,
///   for the list in title order.
public struct PracticeFacetIndex: Sendable {
    let sql: any SQLDatabase

    public init(database: any Database) {
        sql = database as! any SQLDatabase
    }

    init(sql: any SQLDatabase) {
        self.sql = sql
    }

    /// One value of one facet; the empty facet and value stand for "a published practice".
    public struct Value: Hashable, Comparable, Sendable {
        public var facet: String
        public var value: String

        public init(_ facet: String, _ value: String) {
            self.facet = facet
            self.value = value
        }

        public static let all = Value("", "")

        /// The `given` key of the count table.
        var key: String { "\(facet):\(value)" }

        public static func < (a: Value, b: Value) -> Bool { (a.facet, a.value) < (b.facet, b.value) }
    }

    /// A row of the count table: among the practices with `given` ("" for all of them), how many have `value`.
    struct CountKey: Hashable, Comparable, Sendable {
        var given: String
        var value: Value

        static func < (a: CountKey, b: CountKey) -> Bool { (a.given, a.value) < (b.given, b.value) }
    }

    /// The sort keys every row of a practice carries.
    struct SortKeys: Sendable {
        var slug: String
        var publishedAt: Date?
        var startYear: Int
    }

    /// The facet values of a practice as it is stored: none unless it is published.
    static func values(of model: PracticeModel, countries: [PracticeCountryModel], pillars: [PracticePillarModel],
                       themes: [PracticeThemeModel]) -> [Value] {
        guard model.status == PracticeStatus.published.rawValue else { return [] }
        var values: Set<Value> = [.all, Value(PracticeFacet.maturity.rawValue, model.maturity),
                                  Value(PracticeFacet.scope.rawValue, model.scope),
                                  Value(PracticeFacet.evidence.rawValue, model.evidenceLevel)]
        for row in countries {
            values.insert(Value(PracticeFacet.region.rawValue, row.region))
            values.insert(Value(PracticeFacet.country.rawValue, row.country))
        }
        for row in pillars { values.insert(Value(PracticeFacet.pillar.rawValue, String(row.pillar))) }
        for row in themes { values.insert(Value(PracticeFacet.theme.rawValue, row.theme)) }
        return values.sorted()
    }

    /// What a practice with `values` adds to the count table: one for each value, and one for
    /// each value given each value of another facet (the empty facet is never a given).
    static func counts(of values: [Value], sign: Int = 1, into counts: inout [CountKey: Int]) {
        for value in values {
            counts[CountKey(given: "", value: value), default: 0] += sign
            guard !value.facet.isEmpty else { continue }
            let given = value.key
            for other in values where other.facet != value.facet {
                counts[CountKey(given: given, value: other), default: 0] += sign
            }
        }
    }

    /// Replaces the rows of one practice (`values` empty when it is not published, or deleted),
    /// and moves the counts by the difference. Runs in the caller's transaction, after the
    /// practice's row is written: the sort keys are copied from it as stored (a date read back
    /// and written again can differ from the stored one in its last bit on SQLite, whose dates
    /// are floating-point seconds, and the list's order must be the stored one).
    func replace(practice id: UUID, with values: [Value]) async throws {
        let old = try await sql.raw("SELECT facet, value FROM practice_facet_values WHERE practice_id = \(bind: id)").all()
            .map { Value(try $0.decode(column: "facet", as: String.self), try $0.decode(column: "value", as: String.self)) }
        try await sql.raw("DELETE FROM practice_facet_values WHERE practice_id = \(bind: id)").run()
        try await sql.raw("DELETE FROM practice_sort_titles WHERE practice_id = \(bind: id)").run()
        if !values.isEmpty {
            try await sortTitles("p.id = \(bind: id)")
            let rows: [SQLQueryString] = values.map { value in
                """
                SELECT p.id, CAST(\(bind: value.facet) AS VARCHAR(16)), CAST(\(bind: value.value) AS VARCHAR(64)), p.slug, \
                p.published_at, COALESCE(p.start_year, 0) FROM practices p WHERE p.id = \(bind: id)
                """
            }
            try await sql.raw("""
                INSERT INTO practice_facet_values (practice_id, facet, value, slug, published_at, start_year)
                \(rows.joined(separator: " UNION ALL "))
                """).run()
        }
        guard Set(old) != Set(values) else { return }
        var delta: [CountKey: Int] = [:]
        Self.counts(of: old, sign: -1, into: &delta)
        Self.counts(of: values, into: &delta)
        try await add(delta)
    }

    /// Inserts the rows of new practices (an import, which writes their rows with the same dates), many a statement.
    func insert(_ rows: [(id: UUID, value: Value, keys: SortKeys)]) async throws {
        // Six columns a row: 2,000 rows stay below SQLite's 32,766 parameters.
        for start in stride(from: 0, to: rows.count, by: 2_000) {
            let builder = sql.insert(into: "practice_facet_values")
                .columns("practice_id", "facet", "value", "slug", "published_at", "start_year")
            for row in rows[start..<min(start + 2_000, rows.count)] {
                _ = builder.values([row.id, row.value.facet, row.value.value, row.keys.slug, row.keys.publishedAt,
                                    row.keys.startYear] as [any Encodable & Sendable])
            }
            try await builder.run()
        }
    }

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

    /// Adds `delta` to the count table. Rows go in key order, so that two transactions on
    /// PostgreSQL lock the rows they share in the same order and never wait for each other in a cycle.
    func add(_ delta: [CountKey: Int]) async throws {
        let rows = delta.filter { $0.value != 0 }.sorted { $0.key < $1.key }
        for start in stride(from: 0, to: rows.count, by: 1_000) {
            var values: [SQLQueryString] = []
            for (key, n) in rows[start..<min(start + 1_000, rows.count)] {
                values.append("(\(bind: key.given), \(bind: key.value.facet), \(bind: key.value.value), \(bind: n))")
            }
            try await sql.raw("""
                INSERT INTO practice_facet_counts (given, facet, value, n) VALUES \(values.joined(separator: ", "))
                ON CONFLICT (given, facet, value) DO UPDATE SET n = practice_facet_counts.n + excluded.n
                """).run()
        }
    }

    /// Both tables made again from the practices themselves (the migration that creates them).
    static func rebuild(on sql: any SQLDatabase) async throws {
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
            """).run()
    }
}
