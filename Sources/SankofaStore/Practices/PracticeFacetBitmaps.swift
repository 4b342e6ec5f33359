import Foundation

/// Every published practice's facet values as one bitmap per value (a bit per practice), and the
/// practices in each order of the list, read whole at one data version: a list's facet counts
/// are then a few ANDs and population counts of those words, and its page a walk of the order
/// keeping the practices whose bit is set, whatever its filters and page. Before them the engine
/// counted the rows of every practice the filters leave (at 100,000 practices on SQLite, about
/// 6 µs a practice: 0.3-0.7 s for two pillars, two evidence levels and a maturity) and walked a
/// value's index up to a deep page.
///
/// Size: a bit per practice per value and 4 bytes per practice per order, with its id (100,000
/// practices, 80 values: 1 MB of bitmaps, 3.2 MB of orders, 1.6 MB of ids). Kept for the latest
/// catalogue version only (``Cache``), SQLite only: it is read through SQLite's C interface on a
/// connection of its own (``SQLiteReadPool/readOnce(_:)``), 1.2 million rows of values and
/// 800,000 of orders at 100,000 practices.
struct PracticeFacetBitmaps: Sendable {
    /// The data version (``DataVersion``) of the rows the bitmaps were read from.
    let version: Int
    /// Each practice's id by its number (its bit).
    let ids: [UUID]
    /// The practices' numbers in each order of the list, as the engine orders them: "newest",
    /// "start", and "title:" with a language code.
    let orders: [String: [Int32]]
    /// Each value's bitmap, `words` 64-bit words each, one after the other in `storage`.
    private let storage: [UInt64]
    private let words: Int
    private let slots: [PracticeFacetIndex.Value: Int]
    private let slotsByFacet: [String: [(value: String, slot: Int)]]

    /// `bitmaps`: each slot's words, as many as reach its last practice (the rest are zeros).
    init(version: Int, ids: [UUID], bitmaps: [[UInt64]], slots: [PracticeFacetIndex.Value: Int], orders: [String: [Int32]]) {
        let words = (ids.count + 63) / 64
        var storage = [UInt64](repeating: 0, count: words * bitmaps.count)
        for (slot, bitmap) in bitmaps.enumerated() {
            for (w, word) in bitmap.enumerated() { storage[slot * words + w] = word }
        }
        self.version = version
        self.ids = ids
        self.orders = orders
        self.storage = storage
        self.words = words
        self.slots = slots
        slotsByFacet = Dictionary(grouping: slots.map { (facet: $0.key.facet, value: $0.key.value, slot: $0.value) }, by: \.facet)
            .mapValues { $0.map { (value: $0.value, slot: $0.slot) } }
    }

    /// Each facet's counts with every filter applied but the facet's own, and the total under
    /// `""`/`""`: what ``PracticeQuery/counts(_:_:stored:on:)`` answers, exactly.
    func counts(_ terms: [PracticeQuery.Term]) -> [String: [String: Int]] {
        let unions = terms.map(union)
        let everything = left(terms, unions, allBut: nil)
        var result: [String: [String: Int]] = ["": ["": everything.reduce(0) { $0 + $1.nonzeroBitCount }]]
        storage.withUnsafeBufferPointer { storage in
            for facet in PracticeFacet.allCases {
                let set = terms.contains { $0.facet == facet } ? left(terms, unions, allBut: facet) : everything
                var counts: [String: Int] = [:]
                for (value, slot) in slotsByFacet[facet.rawValue] ?? [] {
                    var n = 0
                    for w in 0..<words { n += (set[w] & storage[slot * words + w]).nonzeroBitCount }
                    counts[value] = n
                }
                result[facet.rawValue] = counts
            }
        }
        return result
    }

    /// The ids of one page of the list in `order` (a key of ``orders``): the order's practices
    /// walked, each kept when its bit is in the filters' set, up to the page's end.
    func page(_ terms: [PracticeQuery.Term], order: String, page: Int, perPage: Int) -> [UUID] {
        let set = left(terms, terms.map(union), allBut: nil)
        var skip = (page - 1) * perPage, ids: [UUID] = []
        for p in orders[order] ?? [] where set[Int(p) / 64] & (1 << UInt64(p % 64)) != 0 {
            if skip > 0 {
                skip -= 1
                continue
            }
            ids.append(self.ids[Int(p)])
            if ids.count == perPage { break }
        }
        return ids
    }

    /// The practices having any of a term's values.
    private func union(_ term: PracticeQuery.Term) -> [UInt64] {
        var union = [UInt64](repeating: 0, count: words)
        for value in term.values {
            guard let slot = slots[PracticeFacetIndex.Value(term.facet.rawValue, value)] else { continue }
            for w in 0..<words { union[w] |= storage[slot * words + w] }
        }
        return union
    }

    /// The practices every term but `facet`'s leaves (every published practice: the empty facet's bitmap).
    private func left(_ terms: [PracticeQuery.Term], _ unions: [[UInt64]], allBut facet: PracticeFacet?) -> [UInt64] {
        guard let all = slots[.all] else { return [UInt64](repeating: 0, count: words) }
        var set = Array(storage[all * words ..< (all + 1) * words])
        for (term, union) in zip(terms, unions) where term.facet != facet {
            for w in 0..<words { set[w] &= union[w] }
        }
        return set
    }
}
