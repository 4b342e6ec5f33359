import Foundation
import SankofaCore

extension PracticeFacetBitmaps {
    /// Reads the bitmaps and the orders in the connection's read transaction: the data version,
    /// every row of `practice_facet_values` in its primary key's order (a practice's rows together,
    /// its empty-facet row first, which numbers it: every published practice has exactly one),
    /// then each order of the list from the index the engine reads it from, so that ties and
    /// titles sort exactly as there.
    init(reading connection: SQLiteReadConnection) throws {
        var version: Int64 = 0
        try connection.forEachRow("SELECT version FROM data_version WHERE name = 'public'", []) { version = $0.int64(0) }
        var slots: [PracticeFacetIndex.Value: Int] = [:]
        var members: [[Int32]] = []
        var ids: [UUID] = []
        // sqlite-nio stores a UUID as its text: each practice's number by that text.
        var numbers: [String: Int32] = [:]
        try connection.forEachRow("""
            SELECT facet, value, CASE WHEN facet = '' THEN practice_id END FROM practice_facet_values ORDER BY practice_id, facet, value
            """, []) { row in
            let value = PracticeFacetIndex.Value(row.text(0) ?? "", row.text(1) ?? "")
            if value.facet.isEmpty, let text = row.text(2), let id = UUID(uuidString: text) {
                numbers[text] = Int32(ids.count)
                ids.append(id)
            }
            let slot: Int
            if let known = slots[value] {
                slot = known
            } else {
                slot = members.count
                slots[value] = slot
                members.append([])
            }
            members[slot].append(Int32(ids.count - 1))
        }
        func order(_ sql: String, _ parameters: [String] = []) throws -> [Int32] {
            var order: [Int32] = []
            order.reserveCapacity(ids.count)
            try connection.forEachRow(sql, parameters) { row in
                if let number = row.text(0).flatMap({ numbers[$0] }) { order.append(number) }
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
        self.init(version: Int(version), ids: ids, members: members, slots: slots, orders: orders)
    }
}
