import Fluent
import Foundation
import SankofaCore
@testable import SankofaStore
import SankofaStoreTestSupport
import SQLKit

/// A catalogue of about 150 practices with random facets (fixed seed), written the ways the
/// application writes them: a bulk import, saves one by one, edits that move practices between
/// values and in and out of publication, and deletions; and the rules the list and the related
/// practices follow, computed the plain way from every practice loaded whole.
enum CatalogueFixture {
    /// A small deterministic generator (SplitMix64): the same catalogue on every run and engine.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E9B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func int(_ range: ClosedRange<Int>) -> Int { range.lowerBound + Int(next() % UInt64(range.count)) }
        mutating func pick<T>(_ items: [T], _ count: Int) -> [T] {
            var pool = items, chosen: [T] = []
            for _ in 0..<min(count, pool.count) { chosen.append(pool.remove(at: int(0...(pool.count - 1)))) }
            return chosen
        }
    }

    /// Few countries and themes, so that values share practices and ties on slugs are common.
    static let countries = ["KE", "NG", "MA", "ID", "CO", "PK", "EG", "BD", "NO", "JP"]
    static let themes: [Theme] = [.youth, .prisons, .education, .gender, .online, .victims, .returnees, .religiousLeaders]
    /// A word in some titles, for the list's `q`.
    static let word = "zebrafacet"

    static func record(_ index: Int, _ random: inout Random) -> PracticeRecord {
        let countries = random.pick(countries, random.int(1...3))
        let themeCount = random.int(0...9) == 0 ? random.int(5...7) : random.int(1...3)
        var record = Fixtures.record(
            String(format: "practice-%03d", random.int(0...999) * 1000 + index), countries: countries,
            themes: random.pick(themes, themeCount), pillars: random.pick(Pillar.allCases, random.int(1...2)),
            maturity: random.pick(Maturity.allCases, 1)[0],
            title: "Practice \(random.int(0...40))\(index % 5 == 0 ? " \(word)" : "") number \(index)",
            status: random.int(0...9) == 0 ? .draft : .published)
        record.evidenceLevel = random.pick(EvidenceLevel.allCases, 1)[0]
        record.startYear = random.int(0...4) == 0 ? nil : random.int(2010...2014)
        if random.int(0...3) == 0 { record.translations[.fr] = PracticeText(title: "Pratique \(random.int(0...40)) n° \(index)") }
        return record
    }

    /// Writes the catalogue and returns what is stored at the end.
    static func write(on db: any Database) async throws {
        var random = Random(state: 24)
        var records = (0..<150).map { record($0, &random) }
        _ = try await PracticeImport.run(Array(records[..<100]), on: db)
        let store = PracticeStore(database: db)
        for record in records[100...] { try await store.save(record) }
        for index in stride(from: 0, to: 150, by: 7) {
            var changed = records[index]
            changed.themes = random.pick(themes, random.int(1...4))
            changed.countries = random.pick(countries, random.int(1...2))
            changed.leadCountry = changed.countries[0]
            changed.status = index % 3 == 0 ? .draft : .published
            records[index] = changed
            try await store.save(changed)
        }
        for index in stride(from: 3, to: 150, by: 31) { try await store.delete(slug: records[index].slug) }
    }

    /// Every practice stored, loaded whole.
    static func stored(on db: any Database) async throws -> [PracticeModel] {
        try await PracticeStore.withEverything(PracticeModel.query(on: db)).all()
    }

    /// A practice's values for each facet, as the list names them.
    static func values(_ practice: PracticeModel) -> [PracticeFacet: Set<String>] {
        [
            .region: Set(practice.countries.map(\.region)), .country: Set(practice.countries.map(\.country)),
            .pillar: Set(practice.pillars.map { String($0.pillar) }), .theme: Set(practice.themes.map(\.theme)),
            .maturity: [practice.maturity], .scope: [practice.scope], .evidence: [practice.evidenceLevel],
        ]
    }

    static func selected(_ filter: PracticeFilter) -> [PracticeFacet: Set<String>] {
        [
            .region: Set(filter.regions.map(\.rawValue)), .country: Set(filter.countries), .pillar: Set(filter.pillars.map { String($0.rawValue) }),
            .theme: Set(filter.themes.map(\.rawValue)), .maturity: Set(filter.maturities.map(\.rawValue)),
            .scope: Set(filter.scopes.map(\.rawValue)), .evidence: Set(filter.evidenceLevels.map(\.rawValue)),
        ].filter { !$0.value.isEmpty }
    }

    /// Whether a published practice passes every filter but `except`'s (the word: in a title).
    static func passes(_ practice: PracticeModel, _ filter: PracticeFilter, except: PracticeFacet? = nil) -> Bool {
        guard practice.status == PracticeStatus.published.rawValue else { return false }
        if !filter.query.isEmpty, !practice.translations.contains(where: { $0.title.contains(filter.query) }) { return false }
        let values = values(practice)
        return selected(filter).allSatisfy { facet, chosen in facet == except || !chosen.isDisjoint(with: values[facet] ?? []) }
    }

    /// The counts the list must show, the plain way.
    static func facetCounts(_ practices: [PracticeModel], _ filter: PracticeFilter) -> [PracticeFacet: [String: Int]] {
        var counts: [PracticeFacet: [String: Int]] = [:]
        for facet in PracticeFacet.allCases {
            counts[facet] = [:]
            for practice in practices where passes(practice, filter, except: facet) {
                for value in values(practice)[facet] ?? [] { counts[facet, default: [:]][value, default: 0] += 1 }
            }
        }
        return counts
    }

    /// Each practice's place by publication time, as the engine orders the `practices` table: a
    /// re-saved time can come back one unit in the last place lower on SQLite (its dates are
    /// floating-point seconds rounded to microseconds on the way in and out), which the engine
    /// sees and a decoded `Date` does not.
    static func publicationRanks(on db: any Database) async throws -> [String: Int] {
        let rows = try await (db as! any SQLDatabase).raw("""
            SELECT p.slug, (SELECT COUNT(*) FROM practices q WHERE q.published_at < p.published_at) AS earlier
            FROM practices p WHERE p.published_at IS NOT NULL
            """).all()
        return Dictionary(uniqueKeysWithValues: try rows.map {
            (try $0.decode(column: "slug", as: String.self), try $0.decode(column: "earlier", as: Int.self))
        })
    }

    /// The list's order, the plain way (titles here are ASCII, so both engines' LOWER agree).
    static func ordered(_ practices: [PracticeModel], _ filter: PracticeFilter, _ sort: PracticeSort, _ language: Language,
                        ranks: [String: Int]) -> [String] {
        let shown = practices.filter { passes($0, filter) }
        func title(_ p: PracticeModel) -> String {
            (p.translations.first { $0.language == language.rawValue } ?? p.translations.first { $0.language == p.originalLanguage })!.title.lowercased()
        }
        return shown.sorted { a, b in
            switch sort {
            case .newest:
                if ranks[a.slug] != ranks[b.slug] { return ranks[a.slug]! > ranks[b.slug]! }
                if (a.startYear ?? 0) != (b.startYear ?? 0) { return (a.startYear ?? 0) > (b.startYear ?? 0) }
                return a.slug < b.slug
            case .start: return ((a.startYear ?? 0), b.slug) > ((b.startYear ?? 0), a.slug)
            case .title: return (title(a), a.slug) < (title(b), b.slug)
            }
        }.map(\.slug)
    }

    /// The related practices of `practice` under the rule of the page since its first release:
    /// published, not itself, sharing a theme, the most shared themes first, then by slug.
    static func related(to practice: PracticeModel, among practices: [PracticeModel], limit: Int = 4) -> [String] {
        let themes = Set(practice.themes.map(\.theme))
        return practices.filter { $0.status == PracticeStatus.published.rawValue && $0.id != practice.id }
            .map { ($0.slug, themes.intersection($0.themes.map(\.theme)).count) }
            .filter { $0.1 > 0 }
            .sorted { ($0.1, $1.0) > ($1.1, $0.0) }
            .prefix(limit).map(\.0)
    }
}
