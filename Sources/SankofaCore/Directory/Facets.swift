import Foundation

/// One facet of a directory: its query parameter name and the values an item has for it.
public struct FacetDimension<Item>: Sendable {
    public let name: String
    public let values: @Sendable (Item) -> [String]

    public init(_ name: String, values: @escaping @Sendable (Item) -> [String]) {
        self.name = name
        self.values = values
    }
}

/// Filtering and counting for the directory pages, done in memory: directories hold hundreds
/// or a few thousand entries, and the items are already reduced to what the reader may see,
/// so a facet can never count a hidden field.
public enum Faceting {
    /// The items matching the selection (any chosen value of a facet, every facet with a
    /// choice), and for each facet the count of each value among the items matching all the
    /// *other* facets' choices, so a reader sees what a click gives (as in the catalogue).
    public static func apply<Item>(_ items: [Item], dimensions: [FacetDimension<Item>],
                                   selected: [String: [String]]) -> (matching: [Item], counts: [String: [String: Int]]) {
        let active = dimensions.filter { !(selected[$0.name] ?? []).isEmpty }
        func matches(_ item: Item, except skipped: String?) -> Bool {
            active.allSatisfy { dimension in
                dimension.name == skipped || !Set(dimension.values(item)).isDisjoint(with: selected[dimension.name]!)
            }
        }
        var counts: [String: [String: Int]] = [:]
        for dimension in dimensions {
            var tally: [String: Int] = [:]
            for item in items where matches(item, except: dimension.name) {
                for value in Set(dimension.values(item)) { tally[value, default: 0] += 1 }
            }
            counts[dimension.name] = tally
        }
        return (items.filter { matches($0, except: nil) }, counts)
    }
}
