import Fluent
import Foundation
import SankofaCore
@testable import SankofaStore
import SankofaStoreTestSupport
import Testing

/// The catalogue has a data version of its own (``DataVersion/catalogue(on:)``), which keys the
/// SQLite lists' bitmaps: a write elsewhere on the site (a centre, a forum post: the site-wide
/// version) leaves them as read, a practice write makes the next list read them again.
@Suite("The catalogue's data version")
struct CatalogueVersionTests {
    static let centre = CentreRecord(
        slug: "nairobi-centre", originalLanguage: .en, country: "KE", type: .academic, themes: [.prisons],
        website: "https://example.org/nairobi-centre", focalPoint: nil, experts: [], practices: [],
        translations: LanguageMap([.en: CentreText(name: "Nairobi centre", description: "A centre for prison officers.")]))

    static func practice(_ slug: String, status: PracticeStatus = .published) -> PracticeRecord {
        Fixtures.record(slug, countries: ["KE"], themes: [.prisons], pillars: [.capacityBuilding], maturity: .piloted,
                        title: "Practice \(slug)", status: status)
    }

    @Test(arguments: TestEngine.all)
    func onlyPracticeWritesMoveTheCatalogue(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let store = PracticeStore(database: db)
            for n in 1...3 { try await store.save(Self.practice("practice-\(n)")) }
            // The SQLite lists' bitmaps (none on PostgreSQL, whose lists the engine counts).
            let bitmaps = (db.context.configuration as? SQLiteWithReads)?.practiceFacets
            #expect((bitmaps == nil) == (engine == .postgres))
            let site = try await DataVersion.current(on: db), catalogue = try await DataVersion.catalogue(on: db)
            #expect(try await PracticeQuery(filter: PracticeFilter()).run(on: db).total == 3)
            #expect(bitmaps?.readCount ?? 1 == 1)

            // Writes outside the catalogue: a centre saved, and the bump every other write makes.
            _ = try await CentreStore(database: db).save(Self.centre)
            try await DataVersion.bump(on: db)
            #expect(try await DataVersion.current(on: db) > site)
            #expect(try await DataVersion.catalogue(on: db) == catalogue)
            var prisons = PracticeFilter()
            prisons.themes = [.prisons]
            #expect(try await PracticeQuery(filter: prisons).run(on: db).total == 3)
            #expect(bitmaps?.readCount ?? 1 == 1, "a centre and a site-wide bump keep the bitmaps")

            // A practice saved, unpublished, deleted: each moves both versions and is listed at once.
            for (step, write, total) in [
                ("saved", { try await store.save(Self.practice("practice-4")) }, 4),
                ("unpublished", { try await store.save(Self.practice("practice-1", status: .draft)) }, 3),
                ("deleted", { try await store.delete(slug: "practice-2") }, 2),
            ] as [(String, () async throws -> Void, Int)] {
                let site = try await DataVersion.current(on: db), catalogue = try await DataVersion.catalogue(on: db)
                let reads = bitmaps?.readCount ?? 0
                try await write()
                #expect(try await DataVersion.current(on: db) > site, "\(step)")
                #expect(try await DataVersion.catalogue(on: db) > catalogue, "\(step)")
                #expect(try await PracticeQuery(filter: PracticeFilter()).run(on: db).total == total, "\(step)")
                if let bitmaps { #expect(bitmaps.readCount == reads + 1, "\(step)") }
            }
        }
    }

    /// The bitmaps are read on a connection of their own, closed after, which maps no file:
    /// the search connections kept open are not the ones that scanned the catalogue.
    @Test func theBitmapsAreReadWithoutTheSearchConnections() async throws {
        try await withTestDatabase(.sqlite, data: .empty) { db in
            try await PracticeStore(database: db).save(Self.practice("practice-1"))
            let reads = try #require(db.sqliteReads)
            #expect(try await PracticeQuery(filter: PracticeFilter()).run(on: db).total == 1)
            #expect(reads.idleCount == 0)
        }
    }
}
