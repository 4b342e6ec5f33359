import Foundation
import SankofaCore
import SQLKit

/// How the published practices matching a filter are counted, by the cheapest table that holds
/// the answer: at 100,000 practices a region holds tens of thousands, and reading each one's
/// facet rows took seconds where the count table answers in a millisecond.
extension AccessPractices {
    /// The number of practices and their counts by value of each facet of ``facets``.
    /// - No filter: `practice_facet_counts` given nothing.
    /// - One value other than a country: the count table given that value holds every other
    ///   facet's counts; its own facet's other values are the totals of the pairs of givens
    ///   (a practice of Africa and Asia is in the pair `region:africa|region:asiaPacific`).
    /// - Otherwise (a country, which leaves few practices, or two values and more): the matching
    ///   practices' facet rows, counted by the engine.
    func counts(on sql: any SQLDatabase) async throws -> (total: Int, byFacet: [PracticeFacet: [String: Int]]) {
        guard values.count <= 1, values.first?.facet != PracticeFacet.country.rawValue else { return try await joined(on: sql) }
        let given = values.first.map { PracticeFacetIndex.Value($0.facet, $0.value) }
        var pairs: [String: String] = [:]
        if let given, let others = Self.vocabulary[given.facet] {
            for other in others where other != given.value {
                pairs[PracticeFacetIndex.pairKey(given, PracticeFacetIndex.Value(given.facet, other))] = other
            }
        }
        let key = given.map(\.key) ?? ""
        var counts: [String: [String: Int]] = [:], total = 0
        for row in try await AccessSQL.grouped("""
            SELECT given AS k0, facet AS k1, value AS k2, n FROM practice_facet_counts
            WHERE given = \(bind: key) OR (given IN (\(binds: pairs.isEmpty ? [key] : Array(pairs.keys))) AND facet = '')
            """, on: sql) {
            if row.keys[0] == key {
                if row.keys[1].isEmpty { total = row.n } else { counts[row.keys[1], default: [:]][row.keys[2]] = row.n }
            } else if let other = pairs[row.keys[0]], let facet = given?.facet {
                counts[facet, default: [:]][other] = row.n
            }
        }
        if let given { counts[given.facet, default: [:]][given.value] = total }
        return (total, Dictionary(uniqueKeysWithValues: Self.facets.map { ($0, counts[$0.rawValue] ?? [:]) }))
    }

    /// The values of the facets a filter can give that may be paired with another of the same facet.
    static let vocabulary: [String: [String]] = [
        PracticeFacet.region.rawValue: AccessSQL.regions, PracticeFacet.theme.rawValue: AccessSQL.themes,
        PracticeFacet.pillar.rawValue: AccessSQL.pillars,
    ]

    private func joined(on sql: any SQLDatabase) async throws -> (total: Int, byFacet: [PracticeFacet: [String: Int]]) {
        let total = try await AccessSQL.count("SELECT COUNT(*) AS n FROM practice_facet_values a WHERE \(condition)", on: sql)
        var counts: [PracticeFacet: [String: Int]] = [:]
        for row in try await AccessSQL.grouped("""
            SELECT b.facet AS k0, b.value AS k1, COUNT(*) AS n FROM practice_facet_values a
            JOIN practice_facet_values b ON b.practice_id = a.practice_id
            WHERE \(condition) AND b.facet IN (\(binds: Self.facets.map(\.rawValue)))
            GROUP BY b.facet, b.value
            """, on: sql) {
            guard let facet = PracticeFacet(rawValue: row.keys[0]) else { continue }
            counts[facet, default: [:]][row.keys[1]] = row.n
        }
        return (total, counts)
    }

    /// The practices by quarter of publication ("2026-Q3"). No filter: from the original-language
    /// rows of `practice_coverage` (every published practice has one), its index alone. A filter:
    /// the matching rows counted quarter by quarter over the index that orders a value's rows by
    /// publication (one range count a quarter, no date worked out per row).
    func quarters(now: Date, on sql: any SQLDatabase) async throws -> [String: Int] {
        var quarters: [String: Int] = [:]
        if values.isEmpty {
            for row in try await AccessSQL.grouped("""
                SELECT quarter AS k0, COUNT(*) AS n FROM practice_coverage WHERE original = 1 GROUP BY quarter
                """, on: sql) where !row.keys[0].isEmpty {
                quarters[row.keys[0]] = row.n
            }
            return quarters
        }
        guard let first = try await sql.raw("SELECT MIN(a.published_at) AS first FROM practice_facet_values a WHERE \(condition)")
            .first()?.decode(column: "first", as: Date?.self) else { return [:] }
        let ranges = AccessSQL.quarterRanges(from: first, to: now)
        let counts: [SQLQueryString] = ranges.map { range in
            """
            SELECT CAST(\(bind: range.key) AS VARCHAR(7)) AS k0, COUNT(*) AS n FROM practice_facet_values a
            WHERE \(condition) AND a.published_at >= \(bind: range.start) AND a.published_at < \(bind: range.end)
            """
        }
        // A few dozen quarters a statement.
        for start in stride(from: 0, to: counts.count, by: 40) {
            for row in try await AccessSQL.grouped(counts[start..<min(start + 40, counts.count)].joined(separator: " UNION ALL "), on: sql) {
                quarters[row.keys[0]] = row.n
            }
        }
        return quarters
    }
}

extension AccessSQL {
    /// The quarters from the one holding `first` to the one holding `now` (UTC), each with its key
    /// ("2026-Q3") and its first instant and the next quarter's.
    static func quarterRanges(from first: Date, to now: Date) -> [(key: String, start: Date, end: Date)] {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = TimeZone(identifier: "UTC")!
        let c = calendar.dateComponents([.year, .month], from: first)
        guard var start = calendar.date(from: DateComponents(year: c.year, month: ((c.month ?? 1) - 1) / 3 * 3 + 1, day: 1)) else { return [] }
        var ranges: [(key: String, start: Date, end: Date)] = []
        while start <= now, let end = calendar.date(byAdding: .month, value: 3, to: start) {
            let parts = calendar.dateComponents([.year, .month], from: start)
            ranges.append(("\(parts.year!)-Q\((parts.month! - 1) / 3 + 1)", start, end))
            start = end
        }
        return ranges
    }
}
