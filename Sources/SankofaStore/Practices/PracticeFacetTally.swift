import Foundation
import SankofaCore

/// What practices add to the count table of ``PracticeFacetIndex``, tallied under integer keys:
/// each practice adds to a few hundred rows (each value; each value given each value of another
/// facet; each value given two values, of two other facets or two of one other region, pillar or
/// theme facet), and with a string key a row, counting
/// the 100,000 practices of an import took 18-28 s of a core here; in arrays, about a second.
struct PracticeFacetTally: Sendable {
    /// The values met, each numbered by its place here.
    private var values: [PracticeFacetIndex.Value] = []
    private var numbers: [PracticeFacetIndex.Value: Int] = [:]
    /// For each given (first + 1, second + 1; 0 for none), its row of counts by value number: a
    /// practice looks up its few dozen givens and adds to arrays, rather than hashing a key for
    /// each of its few hundred rows.
    private var givens: [Int: Int] = [:]
    private var table: [(given: Int, counts: [Int])] = []

    private mutating func number(_ value: PracticeFacetIndex.Value) -> Int {
        if let number = numbers[value] { return number }
        values.append(value)
        numbers[value] = values.count - 1
        return values.count - 1
    }

    private mutating func row(_ first: Int?, _ second: Int?) -> Int {
        let given = ((first.map { $0 + 1 } ?? 0) << 24) | (second.map { $0 + 1 } ?? 0)
        if let row = givens[given] { return row }
        givens[given] = table.count
        table.append((given, []))
        return table.count - 1
    }

    private mutating func add(_ n: Int, row: Int, value: Int) {
        if table[row].counts.count <= value { table[row].counts += repeatElement(0, count: values.count - table[row].counts.count) }
        table[row].counts[value] += n
    }

    /// Adds (or with `sign` -1 takes away) a practice with `values`. A country is never one of
    /// two givens (there are many, and a country leaves few practices, which the engine counts
    /// fast), nor is the empty facet ever a given.
    mutating func add(_ values: [PracticeFacetIndex.Value], sign: Int = 1) {
        let sorted = values.sorted()
        let ids = sorted.map { number($0) }
        let none = row(nil, nil)
        for (i, value) in sorted.enumerated() {
            add(sign, row: none, value: ids[i])
            guard !value.facet.isEmpty else { continue }
            let given = row(ids[i], nil)
            for (k, other) in sorted.enumerated() where other.facet != value.facet { add(sign, row: given, value: ids[k]) }
        }
        let pairable = sorted.indices.filter { PracticeFacetIndex.isPairable(sorted[$0]) }
        for (n, i) in pairable.enumerated() {
            for j in pairable[(n + 1)...] where sorted[j].facet != sorted[i].facet || PracticeFacetIndex.isMultiValued(sorted[i].facet) {
                let given = row(ids[i], ids[j])
                for (k, other) in sorted.enumerated() where other.facet != sorted[i].facet && other.facet != sorted[j].facet {
                    add(sign, row: given, value: ids[k])
                }
            }
        }
    }

    /// Adds another tally (an import's batch) to this one.
    mutating func add(_ other: PracticeFacetTally) {
        let mine = other.values.map { number($0) }
        for (given, counts) in other.table {
            let first = given >> 24, second = given & 0xFF_FFFF
            let row = row(first == 0 ? nil : mine[first - 1], second == 0 ? nil : mine[second - 1])
            for (value, n) in counts.enumerated() where n != 0 { add(n, row: row, value: mine[value]) }
        }
    }

    /// The rows as the count table names them, without those that add up to nothing.
    var rows: [PracticeFacetIndex.CountKey: Int] {
        var rows: [PracticeFacetIndex.CountKey: Int] = [:]
        for (given, counts) in table {
            let first = given >> 24, second = given & 0xFF_FFFF
            let name = first == 0 ? "" : second == 0 ? values[first - 1].key
                : PracticeFacetIndex.pairKey(values[first - 1], values[second - 1])
            for (value, n) in counts.enumerated() where n != 0 { rows[.init(given: name, value: values[value])] = n }
        }
        return rows
    }
}
