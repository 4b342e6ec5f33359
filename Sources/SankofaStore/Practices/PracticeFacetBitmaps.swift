import Foundation

/// Every published practice's facet values as one bitmap per value (a bit per practice), read
/// whole from `practice_facet_values` at one data version: a list's facet counts are then a few
/// ANDs and population counts of those words, whatever its filters, instead of the engine
/// counting the rows of every practice the filters leave (at 100,000 practices on SQLite, about
/// 6 µs a practice: 0.3-0.7 s for two pillars, two evidence levels and a maturity).
///
/// Size: a bit per practice per value (100,000 practices and 80 values: 1 MB). Kept for the
/// latest data version only (``Cache``), SQLite only: it is read through the search connections'
/// C interface (``SQLiteReadPool``), 1.2 million rows at 100,000 practices.
struct PracticeFacetBitmaps: Sendable {
    /// The data version (``DataVersion``) of the rows the bitmaps were read from.
    let version: Int
    /// Every value's practices alone: what the count table's `given` "" rows hold.
    let sizes: [PracticeFacetIndex.Value: Int]
    /// Each value's bitmap, `words` 64-bit words each, one after the other in `storage`.
    private let storage: [UInt64]
    private let words: Int
    private let slots: [PracticeFacetIndex.Value: Int]
    private let slotsByFacet: [String: [(value: String, slot: Int)]]

    /// Reads the bitmaps in the connection's read transaction: the data version, then every row in
    /// the primary key's order, a practice's rows together and its empty-facet row first (every
    /// published practice has exactly one), which numbers it.
    init(reading connection: SQLiteReadConnection) throws {
        var version: Int64 = 0
        try connection.forEachRow("SELECT version FROM data_version WHERE name = 'public'", []) { version = $0.int64(0) }
        var slots: [PracticeFacetIndex.Value: Int] = [:]
        var members: [[Int32]] = []
        var practice: Int32 = -1
        try connection.forEachRow("SELECT facet, value FROM practice_facet_values ORDER BY practice_id, facet, value", []) { row in
            let value = PracticeFacetIndex.Value(row.text(0) ?? "", row.text(1) ?? "")
            if value.facet.isEmpty { practice += 1 }
            let slot: Int
            if let known = slots[value] {
                slot = known
            } else {
                slot = members.count
                slots[value] = slot
                members.append([])
            }
            members[slot].append(practice)
        }
        let words = (Int(practice) + 1 + 63) / 64
        var storage = [UInt64](repeating: 0, count: words * members.count)
        for (slot, practices) in members.enumerated() {
            for p in practices { storage[slot * words + Int(p) / 64] |= 1 << UInt64(p % 64) }
        }
        self.version = Int(version)
        self.storage = storage
        self.words = words
        self.slots = slots
        sizes = slots.mapValues { members[$0].count }
        slotsByFacet = Dictionary(grouping: slots.map { (facet: $0.key.facet, value: $0.key.value, slot: $0.value) }, by: \.facet)
            .mapValues { $0.map { (value: $0.value, slot: $0.slot) } }
    }

    /// Each facet's counts with every filter applied but the facet's own, and the total under
    /// `""`/`""`: what ``PracticeQuery/counts(_:_:stored:on:)`` answers, exactly.
    func counts(_ terms: [PracticeQuery.Term]) -> [String: [String: Int]] {
        // No published practice: no row, not even the empty facet's.
        guard let all = slots[.all] else { return ["": ["": 0]] }
        return storage.withUnsafeBufferPointer { storage in
            let words = words
            // The practices having any of a term's values.
            let unions: [[UInt64]] = terms.map { term in
                var union = [UInt64](repeating: 0, count: words)
                for value in term.values {
                    guard let slot = slots[PracticeFacetIndex.Value(term.facet.rawValue, value)] else { continue }
                    for w in 0..<words { union[w] |= storage[slot * words + w] }
                }
                return union
            }
            // The practices every term but `facet`'s leaves.
            func leftBy(allBut facet: PracticeFacet?) -> [UInt64] {
                var set = Array(storage[all * words ..< (all + 1) * words])
                for (term, union) in zip(terms, unions) where term.facet != facet {
                    for w in 0..<words { set[w] &= union[w] }
                }
                return set
            }
            func count(_ facet: String, in set: [UInt64]) -> [String: Int] {
                var counts: [String: Int] = [:]
                for (value, slot) in slotsByFacet[facet] ?? [] {
                    var n = 0
                    for w in 0..<words { n += (set[w] & storage[slot * words + w]).nonzeroBitCount }
                    counts[value] = n
                }
                return counts
            }
            let everything = leftBy(allBut: nil)
            var result: [String: [String: Int]] = ["": ["": everything.reduce(0) { $0 + $1.nonzeroBitCount }]]
            for facet in PracticeFacet.allCases {
                let filtered = terms.contains { $0.facet == facet }
                result[facet.rawValue] = count(facet.rawValue, in: filtered ? leftBy(allBut: facet) : everything)
            }
            return result
        }
    }

    /// What the list's page needs of the count table (each value's practices alone), from the bitmaps.
    var stored: PracticeQuery.StoredCounts {
        var stored = PracticeQuery.StoredCounts()
        stored.rows[""] = sizes
        return stored
    }
}
