import Foundation
import SankofaCore

/// The directories' facet rule computed the slow, obvious way, for tests to hold the engine's
/// counts against: an item matches when, for every facet with a choice, it has one of the chosen
/// values; each facet's counts are taken among the items matching every *other* facet's choice.
public enum BruteForceFacets {
    public struct Item: Sendable {
        public var slug: String
        public var values: [String: Set<String>]
        public init(slug: String, values: [String: Set<String>]) { self.slug = slug; self.values = values }
    }

    public static func apply(_ items: [Item], facets: [String], selected: [String: [String]])
        -> (matching: [Item], counts: [String: [String: Int]]) {
        func matches(_ item: Item, except skipped: String?) -> Bool {
            selected.allSatisfy { facet, chosen in
                facet == skipped || chosen.isEmpty || !(item.values[facet] ?? []).isDisjoint(with: chosen)
            }
        }
        var counts: [String: [String: Int]] = [:]
        for facet in facets {
            var tally: [String: Int] = [:]
            for item in items where matches(item, except: facet) {
                for value in item.values[facet] ?? [] { tally[value, default: 0] += 1 }
            }
            counts[facet] = tally
        }
        return (items.filter { matches($0, except: nil) }, counts)
    }

    /// What the old in-memory directory counted of a profile, read from what the reader may see.
    public static func expert(_ view: ExpertView, today: String) -> Item {
        Item(slug: view.slug, values: [
            "country": Set(view.country.map { [$0] } ?? []),
            "region": Set(view.country.map { [RegionTable.standard.region(of: $0).rawValue] } ?? []),
            "theme": Set(view.themes.map(\.rawValue)),
            "pillar": Set(view.pillars.map { String($0.rawValue) }),
            "language": Set(view.languages.map(\.code)),
            "offer": Set(view.offers.map(\.type.rawValue)),
            "availability": Set(view.offers.map { $0.availability.status(today: today).rawValue }),
            "modality": Set(view.offers.flatMap { $0.modality.map(\.rawValue) }),
            "experience": Set((view.experienceKinds ?? []).map(\.rawValue)),
        ])
    }

    public static func centre(_ record: CentreRecord) -> Item {
        Item(slug: record.slug, values: [
            "country": [record.country], "region": [RegionTable.standard.region(of: record.country).rawValue],
            "theme": Set(record.themes.map(\.rawValue)), "type": [record.type.rawValue],
        ])
    }

    public static func course(_ record: CourseRecord, today: String) -> Item {
        Item(slug: record.slug, values: [
            "when": [CourseTiming.of(start: record.startDate, end: record.endDate, today: today).rawValue],
            "month": [String(record.startDate.prefix(7))], "country": [record.country],
            "region": [RegionTable.standard.region(of: record.country).rawValue], "theme": Set(record.themes.map(\.rawValue)),
            "language": Set(record.languages), "modality": [record.modality.rawValue], "cost": [record.costCoverage.rawValue],
        ])
    }

    /// Names as the directory sorts them: case and accents folded, then byte order, then slug.
    public static func nameOrder(_ a: (name: String, slug: String), _ b: (name: String, slug: String)) -> Bool {
        func key(_ name: String) -> [UInt8] { Array(name.folding(options: [.caseInsensitive, .diacriticInsensitive], locale: nil).utf8) }
        let (ka, kb) = (key(a.name), key(b.name))
        return ka == kb ? Array(a.slug.utf8).lexicographicallyPrecedes(Array(b.slug.utf8)) : ka.lexicographicallyPrecedes(kb)
    }
}
