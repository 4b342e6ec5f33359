import Foundation
import SankofaCore

extension PracticeFacetBitmaps {
    /// Reads the bitmaps and the orders in the connection's read transaction: the catalogue's data version,
    /// every row of `practice_facet_values` in its primary key's order (a practice's rows together,
    /// its empty-facet row first, which numbers it: every published practice has exactly one),
    /// then each order of the list from the index the engine reads it from, so that ties and
    /// titles sort exactly as there.
    init(reading connection: SQLiteReadConnection) throws {
        var version: Int64 = 0
        try connection.forEachRow("SELECT version FROM data_version WHERE name = 'catalogue'", []) { version = $0.int64(0) }
        var slots: [PracticeFacetIndex.Value: Int] = [:]
        // Each value's bitmap, grown a word at a time as the practices are numbered, and each
        // practice's number by its id: no String per row nor a list of numbers per value, whose
        // garbage stayed in the heap of the thread that read (26 MB more after each read).
        var bitmaps: [[UInt64]] = []
        var ids: [UUID] = []
        var numbers: [UUID: Int32] = [:]
        try connection.forEachRow("SELECT facet, value, practice_id FROM practice_facet_values ORDER BY practice_id, facet, value", []) { row in
            let value = PracticeFacetIndex.Value(row.text(0) ?? "", row.text(1) ?? "")
            if value.facet.isEmpty, let id = row.uuid(2) {
                numbers[id] = Int32(ids.count)
                ids.append(id)
            }
            guard !ids.isEmpty else { return }
            let slot: Int
            if let known = slots[value] {
                slot = known
            } else {
                slot = bitmaps.count
                slots[value] = slot
                bitmaps.append([])
            }
            let number = ids.count - 1, word = number / 64
            if bitmaps[slot].count <= word { bitmaps[slot].append(contentsOf: repeatElement(0, count: word + 1 - bitmaps[slot].count)) }
            bitmaps[slot][word] |= 1 << UInt64(number % 64)
        }
        func order(_ sql: String, _ parameters: [String] = []) throws -> [Int32] {
            var order: [Int32] = []
            order.reserveCapacity(ids.count)
            try connection.forEachRow(sql, parameters) { row in
                if let number = row.uuid(0).flatMap({ numbers[$0] }) { order.append(number) }
            }
            return order
        }
        // The statements of PracticeQuery's pages, with no filter.
        var orders = [
            "newest": try order("""
                SELECT practice_id FROM practice_facet_values WHERE facet = '' AND value = ''
                ORDER BY published_at DESC, start_year DESC, slug ASC
                """),
            "start": try order("SELECT practice_id FROM practice_facet_values WHERE facet = '' ORDER BY start_year DESC, slug ASC"),
        ]
        for language in Language.allCases {
            orders["title:\(language.rawValue)"] = try order(
                "SELECT practice_id FROM practice_sort_titles WHERE language = ?1 ORDER BY title ASC, slug ASC", [language.rawValue])
        }
        self.init(version: Int(version), ids: ids, bitmaps: bitmaps, slots: slots, orders: orders)
    }
}
