import Foundation
import SQLKit
import SankofaCore

extension PracticeQuery {
    /// Each facet's counts (keyed by facet name, "" for the total under the value ""), with every
    /// filter applied but the facet's own. A facet whose other filters are none, or one the count
    /// table answers (``Term/isStored``), is read from the table; the others are counted by the
    /// engine over the practices those filters leave, one statement for the facets they share.
    func counts(_ terms: [Term], _ words: SQLQueryString?, stored: StoredCounts, on sql: any SQLDatabase) async throws -> [String: [String: Int]] {
        var result: [String: [String: Int]] = [:]
        var computed: [[PracticeFacet]: [String]] = [:]
        for target in [""] + PracticeFacet.allCases.map(\.rawValue) {
            let others = terms.filter { $0.facet.rawValue != target }
            if words == nil, let answer = stored.counts(of: target, given: others) {
                result[target] = answer
            } else {
                computed[others.map(\.facet), default: []].append(target)
            }
        }
        for (facets, targets) in computed {
            for target in targets { result[target] = [:] }
            let members = Members(terms: terms.filter { facets.contains($0.facet) }, words: words, stored: stored)
            guard !members.isEmpty else { continue }
            // CROSS JOIN: SQLite then reads each practice's rows by its key; left to itself, it read
            // every row of the counted facets and looked each up in the practices (0.1 s at 100,000).
            let rows = try await sql.raw("""
                WITH s AS MATERIALIZED (\(members.select))
                SELECT v.facet AS f, v.value AS v, COUNT(*) AS n FROM s CROSS JOIN practice_facet_values v
                WHERE v.practice_id = s.id AND v.facet IN (\(binds: targets)) GROUP BY v.facet, v.value
                """).all()
            for row in rows {
                let facet = try row.decode(column: "f", as: String.self)
                result[facet, default: [:]][try row.decode(column: "v", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
        }
        return result
    }

    /// The rows of the count table a list needs: every value's count, and with up to three filters,
    /// the counts given each value of one of them and each two values of two.
    struct StoredCounts: Sendable {
        var rows: [String: [PracticeFacetIndex.Value: Int]] = [:]

        static func read(terms: [Term], on sql: any SQLDatabase) async throws -> StoredCounts {
            var givens = [""]
            if terms.count <= 2 {
                for term in terms where term.isStored || term.isEitherOfTwo { givens += term.values.map { "\(term.facet.rawValue):\($0)" } }
                for term in terms where term.isEitherOfTwo { givens.append(pairKeys(term, term)[0]) }
            }
            if terms.count <= 3 {
                for (index, first) in terms.enumerated() {
                    for second in terms[(index + 1)...] where isPairStored(first, second) { givens += pairKeys(first, second) }
                }
            }
            var stored = StoredCounts()
            for row in try await sql.raw("""
                SELECT given, facet, value, n FROM practice_facet_counts WHERE given IN (\(binds: givens)) AND n > 0
                """).all() {
                let value = PracticeFacetIndex.Value(try row.decode(column: "facet", as: String.self), try row.decode(column: "value", as: String.self))
                stored.rows[try row.decode(column: "given", as: String.self), default: [:]][value] = try row.decode(column: "n", as: Int.self)
            }
            return stored
        }

        /// How many practices have one of the term's values (exact for a stored term, at least that otherwise).
        func size(_ term: Term) -> Int {
            term.values.reduce(0) { $0 + (rows[""]?[PracticeFacetIndex.Value(term.facet.rawValue, $1)] ?? 0) }
        }

        /// The counts of `facet`'s values among the practices `others` leave, when the table holds them.
        func counts(of facet: String, given others: [Term]) -> [String: Int]? {
            func values(given: String) -> [String: Int] {
                var counts: [String: Int] = [:]
                for (value, n) in rows[given] ?? [:] where value.facet == facet { counts[value.value] = n }
                return counts
            }
            if others.isEmpty { return values(given: "") }
            let givens: [String]
            if others.count == 1, others[0].isStored {
                givens = others[0].values.map { "\(others[0].facet.rawValue):\($0)" }
            } else if others.count == 1, others[0].isEitherOfTwo {
                // Those with the one value, plus those with the other, less those with both.
                let term = others[0], both = values(given: Self.pairKeys(term, term)[0])
                return term.values.reduce(into: both.mapValues { -$0 }) { sum, value in
                    sum.merge(values(given: "\(term.facet.rawValue):\(value)"), uniquingKeysWith: +)
                }
            } else if others.count == 2, Self.isPairStored(others[0], others[1]) {
                givens = Self.pairKeys(others[0], others[1])
            } else {
                return nil
            }
            return givens.reduce(into: [:]) { sum, given in sum.merge(values(given: given), uniquingKeysWith: +) }
        }

        /// Whether the table holds the counts given a value of each of two filters (their values
        /// alternatives whose practices are disjoint, so that the counts add up).
        static func isPairStored(_ first: Term, _ second: Term) -> Bool {
            first.isStored && second.isStored && ![first.facet, second.facet].contains(.country)
        }

        /// The givens of a value of each of two terms; of a term's two values when both are one term.
        static func pairKeys(_ first: Term, _ second: Term) -> [String] {
            if first.facet == second.facet {
                return [PracticeFacetIndex.pairKey(.init(first.facet.rawValue, first.values[0]), .init(first.facet.rawValue, first.values[1]))]
            }
            return first.values.flatMap { a in
                second.values.map { b in
                    PracticeFacetIndex.pairKey(.init(first.facet.rawValue, a), .init(second.facet.rawValue, b))
                }
            }
        }
    }

    /// The practices that a list's filters leave, as conditions on `practice_facet_values d`: the
    /// rows of the filter value with the fewest practices (of every published practice when there is
    /// no filter), each other filter checked on the practice's own rows.
    struct Members: Sendable {
        var conditions: SQLQueryString
        /// Whether a practice may come more than once (two of the leading filter's values).
        var distinct: Bool
        /// Known to be none: a filter no published practice matches.
        var isEmpty: Bool

        /// `everyone` selects every published practice's own row: with its value, the engine reads
        /// them from the index in the default order; without, from the one by start year. Not
        /// `leading`, every filter is checked on each of those rows (a page walked in order);
        /// `alias` is the table whose `practice_id` the conditions check.
        init(terms: [Term], words: SQLQueryString?, stored: StoredCounts, everyone: SQLQueryString = "d.facet = '' AND d.value = ''",
             leading: Bool = true, alias: String = "d") {
            let driver = leading ? terms.min { stored.size($0) < stored.size($1) } : nil
            var parts: [SQLQueryString] = [driver.map { "d.facet = '\(unsafeRaw: $0.facet.rawValue)' AND d.value IN (\(binds: $0.values))" }
                ?? everyone]
            for term in terms where term.facet != driver?.facet {
                parts.append("""
                    EXISTS (SELECT 1 FROM practice_facet_values x WHERE x.practice_id = \(unsafeRaw: alias).practice_id \
                    AND x.facet = '\(unsafeRaw: term.facet.rawValue)' AND x.value IN (\(binds: term.values)))
                    """)
            }
            if let words { parts.append("\(unsafeRaw: alias).practice_id IN (\(words))") }
            conditions = parts.joined(separator: " AND ")
            distinct = driver?.repeats ?? false
            isEmpty = terms.contains { stored.size($0) == 0 }
            leadingSize = driver.map(stored.size) ?? stored.rows[""]?[.all] ?? 0
        }

        /// How many rows the leading filter's values have (every published practice without one).
        var leadingSize: Int

        var select: SQLQueryString {
            "SELECT \(unsafeRaw: distinct ? "DISTINCT " : "")d.practice_id AS id FROM practice_facet_values d WHERE \(conditions)"
        }
    }
}
