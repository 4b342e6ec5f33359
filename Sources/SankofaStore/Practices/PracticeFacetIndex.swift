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
///   how many of those with the value `given` (`facet:value`) have each value of every other facet,
///   and how many with two given values (``PracticeFacetTally``). A list with no filter, or
///   filtered on one or two values, is counted from them without reading a practice.
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

    /// Whether a value is one of a pair of givens in the count table.
    static func isPairable(_ value: Value) -> Bool { !value.facet.isEmpty && value.facet != PracticeFacet.country.rawValue }

    /// Whether a practice may have several values of the facet (two of them can then be a pair of
    /// givens: a list filtered on either of two regions is counted as those of the one, plus those
    /// of the other, less those of both).
    static func isMultiValued(_ facet: String) -> Bool {
        [PracticeFacet.region, .pillar, .theme].map(\.rawValue).contains(facet)
    }

    /// The `given` of two values, in their order.
    static func pairKey(_ a: Value, _ b: Value) -> String { a < b ? "\(a.key)|\(b.key)" : "\(b.key)|\(a.key)" }

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
        var delta = PracticeFacetTally()
        delta.add(old, sign: -1)
        delta.add(values)
        try await add(delta.rows)
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
}
