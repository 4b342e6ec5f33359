import Fluent
import Foundation
import SankofaCore
@testable import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing

/// The catalogue's list and related practices read from ``PracticeFacetIndex`` give what the plain
/// rules give over every practice loaded whole, on a catalogue written every way the site writes.
@Suite("The catalogue's counts, pages and related practices")
struct CatalogueAtScaleTests {
    static func filter(_ build: (inout PracticeFilter) -> Void) -> PracticeFilter {
        var filter = PracticeFilter()
        build(&filter)
        return filter
    }

    /// Each kind of filter the counts are answered for differently: none, one value, values of a
    /// one-value facet, two values of a many-value facet, two and more facets, the word, a value
    /// no practice has.
    static let filters: [PracticeFilter] = [
        PracticeFilter(),
        filter { $0.themes = [.youth] },
        filter { $0.regions = [.africa] },
        filter { $0.maturities = [.piloted, .adapted] },
        filter { $0.themes = [.prisons, .education] },
        filter { $0.countries = ["KE", "NO"] },
        filter { $0.themes = [.gender]; $0.countries = ["NG"] },
        filter { $0.regions = [.asiaPacific]; $0.maturities = [.evaluated, .scaledUp] },
        filter { $0.regions = [.africa, .partner]; $0.pillars = [.preventingCombating] },
        filter { $0.regions = [.africa]; $0.pillars = [.capacityBuilding]; $0.maturities = [.evaluated] },
        filter { $0.evidenceLevels = [.none, .peerReviewed]; $0.scopes = [.bilateral, .regional]; $0.themes = [.online, .victims]; $0.countries = ["KE"] },
        filter { $0.query = CatalogueFixture.word },
        filter { $0.query = CatalogueFixture.word; $0.themes = [.youth, .prisons] },
        filter { $0.countries = ["BR"] },
        filter { $0.countries = ["BR"]; $0.themes = [.youth] },
        // Three facets and more, with several values of the many-value facets (counted from the
        // bitmaps on SQLite, by the engine over what the filters leave on PostgreSQL).
        filter { $0.pillars = [.conditionsConducive, .capacityBuilding]; $0.evidenceLevels = [.none, .peerReviewed]; $0.maturities = [.evaluated] },
        filter { $0.regions = [.africa, .asiaPacific]; $0.themes = [.youth, .prisons, .education]; $0.scopes = [.national] },
        filter { $0.countries = ["KE", "NG", "ID"]; $0.pillars = [.preventingCombating, .humanRightsRuleOfLaw]; $0.themes = [.gender, .online] },
        filter {
            $0.regions = [.africa, .partner]; $0.pillars = [.conditionsConducive, .preventingCombating]; $0.themes = [.youth, .victims]
            $0.maturities = [.piloted, .evaluated]; $0.evidenceLevels = [.none, .monitoringData, .internalEvaluation]
        },
        filter { $0.countries = ["BR"]; $0.pillars = [.capacityBuilding, .conditionsConducive]; $0.maturities = [.adapted] },
        filter { $0.themes = [.youth, .prisons, .education, .gender]; $0.pillars = [.humanRightsRuleOfLaw]; $0.scopes = [.bilateral, .national] },
    ]

    @Test(arguments: TestEngine.all)
    func countsAndPagesEqualThePlainRule(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            try await CatalogueFixture.write(on: db)
            let practices = try await CatalogueFixture.stored(on: db)
            let ranks = try await CatalogueFixture.publicationRanks(on: db)
            for filter in Self.filters {
                let expected = CatalogueFixture.facetCounts(practices, filter)
                let result = try await PracticeQuery(filter: filter, perPage: 7).run(on: db)
                let counted = result.facets.mapValues { Dictionary(uniqueKeysWithValues: $0.map { ($0.value, $0.count) }) }
                #expect(counted == expected, "\(filter)")
                let order = CatalogueFixture.ordered(practices, filter, .newest, .en, ranks: ranks)
                #expect(result.total == order.count, "\(filter)")
                for sort in PracticeSort.allCases {
                    for language in [Language.en, .fr] {
                        let all = CatalogueFixture.ordered(practices, filter, sort, language, ranks: ranks)
                        // Short first pages of many practices are walked in order, the others sorted.
                        for (page, perPage) in [(1, 7), (3, 7), (1, 2), (2, 2)] {
                            let shown = try await PracticeQuery(filter: filter, sort: sort, language: language, page: page, perPage: perPage).run(on: db)
                            #expect(shown.practices.map(\.slug) == Array(all.dropFirst((page - 1) * perPage).prefix(perPage)),
                                    "\(filter) \(sort) \(language) page \(page) of \(perPage)")
                        }
                    }
                }
            }
        }
    }

    /// Lists read between writes follow them: each save, unpublishing and deletion gives the
    /// counts and pages of what is stored now (the bitmaps of the data version before it are not used), and
    /// a list read inside the writing transaction counts that transaction's own writes.
    @Test(arguments: TestEngine.all)
    func countsFollowEachWrite(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            try await CatalogueFixture.write(on: db)
            try await Self.check(on: db, "written")
            let store = PracticeStore(database: db)
            var record = try #require(try await CatalogueFixture.stored(on: db).first { $0.status == PracticeStatus.published.rawValue }).record
            record.themes = [.youth, .prisons, .education, .gender]
            record.pillars = [.conditionsConducive, .capacityBuilding]
            record.countries = ["KE", "NG", "ID"]
            record.leadCountry = "KE"
            try await store.save(record)
            try await Self.check(on: db, "saved")
            record.status = .draft
            try await store.save(record)
            try await Self.check(on: db, "unpublished")
            record.status = .published
            try await store.save(record)
            try await store.delete(slug: try #require(try await CatalogueFixture.stored(on: db).last { $0.slug != record.slug }).slug)
            try await Self.check(on: db, "deleted")
            record.evidenceLevel = .peerReviewed
            record.maturity = .evaluated
            let changed = record
            try await db.atomically { tx in
                try await PracticeStore(database: tx).save(changed)
                try await Self.check(on: tx, "in the transaction")
            }
            try await Self.check(on: db, "committed")
        }
    }

    /// The counts, total and second page of the filters of three facets and more, against the plain rule.
    static func check(on database: any Database, _ step: String) async throws {
        let practices = try await CatalogueFixture.stored(on: database)
        let ranks = try await CatalogueFixture.publicationRanks(on: database)
        for filter in filters.filter(\.query.isEmpty).suffix(8) {
            let result = try await PracticeQuery(filter: filter, page: 2, perPage: 3).run(on: database)
            let counted = result.facets.mapValues { Dictionary(uniqueKeysWithValues: $0.map { ($0.value, $0.count) }) }
            #expect(counted == CatalogueFixture.facetCounts(practices, filter), "\(step): \(filter)")
            let order = CatalogueFixture.ordered(practices, filter, .newest, .en, ranks: ranks)
            #expect(result.total == order.count, "\(step): \(filter)")
            #expect(result.practices.map(\.slug) == Array(order.dropFirst(3).prefix(3)), "\(step): \(filter)")
        }
    }

    /// Every practice, published or not (an editor sees a draft's page), gets the related practices
    /// the rule it replaced chose, with more than four themes (counted by the engine) and fewer.
    @Test(arguments: TestEngine.all)
    func relatedPracticesEqualThePlainRule(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            try await CatalogueFixture.write(on: db)
            let practices = try await CatalogueFixture.stored(on: db)
            #expect(practices.contains { $0.themes.count > 4 } && practices.contains { $0.themes.count == 1 })
            let store = PracticeStore(database: db)
            for practice in practices {
                let expected = CatalogueFixture.related(to: practice, among: practices)
                #expect(try await store.related(to: practice).map(\.slug) == expected, "\(practice.slug)")
                #expect(try await store.related(to: practice, limit: 9).map(\.slug) == CatalogueFixture.related(to: practice, among: practices, limit: 9))
            }
        }
    }

    /// A list's practices, read with their children in five queries at once, are whole and in the
    /// page's order: the records equal those Fluent's eager loading gives (a draft's too, and an
    /// id that is not stored is left out).
    @Test(arguments: TestEngine.all)
    func aPageOfPracticesCarriesEveryChild(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            try await CatalogueFixture.write(on: db)
            let stored = try await CatalogueFixture.stored(on: db)
            let ids = stored.compactMap(\.id).shuffled().prefix(30) + [UUID()]
            let page = try await PracticeStore.page(Array(ids), on: db)
            #expect(page.compactMap(\.id) == Array(ids.dropLast()))
            let byID = Dictionary(uniqueKeysWithValues: stored.map { ($0.id!, $0.record) })
            for practice in page { #expect(practice.record == byID[practice.id!], "\(practice.slug)") }
            #expect(try await PracticeStore.page([], on: db).isEmpty)
        }
    }

    /// What every write keeps is what the migration builds from the practices themselves.
    @Test(arguments: TestEngine.all)
    func theKeptTablesEqualTheirRebuild(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            try await CatalogueFixture.write(on: db)
            let sql = db as! any SQLDatabase
            func snapshot() async throws -> (values: [String], counts: [String], titles: [String]) {
                let values = try await sql.raw("SELECT practice_id, facet, value, slug, start_year FROM practice_facet_values").all().map {
                    "\(try $0.decode(column: "practice_id", as: UUID.self)) \(try $0.decode(column: "facet", as: String.self)) "
                        + "\(try $0.decode(column: "value", as: String.self)) \(try $0.decode(column: "slug", as: String.self)) "
                        + "\(try $0.decode(column: "start_year", as: Int.self))"
                }
                let counts = try await sql.raw("SELECT given, facet, value, n FROM practice_facet_counts WHERE n <> 0").all().map {
                    "\(try $0.decode(column: "given", as: String.self)) \(try $0.decode(column: "facet", as: String.self)) "
                        + "\(try $0.decode(column: "value", as: String.self)) \(try $0.decode(column: "n", as: Int.self))"
                }
                let titles = try await sql.raw("SELECT practice_id, language, title, slug FROM practice_sort_titles").all().map {
                    "\(try $0.decode(column: "practice_id", as: UUID.self)) \(try $0.decode(column: "language", as: String.self)) "
                        + "\(try $0.decode(column: "title", as: String.self)) \(try $0.decode(column: "slug", as: String.self))"
                }
                return (values.sorted(), counts.sorted(), titles.sorted())
            }
            let kept = try await snapshot()
            try await PracticeFacetIndex.rebuild(on: sql)
            let rebuilt = try await snapshot()
            #expect(kept.values == rebuilt.values)
            #expect(kept.counts == rebuilt.counts)
            #expect(kept.titles == rebuilt.titles)
            #expect(kept.counts.count > 100)
        }
    }
}
