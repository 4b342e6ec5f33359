import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing

@Suite("Demo data and migrations")
struct DemoDataAndMigrationTests {
    /// The demo catalogue covers what the foundation issue asks of it.
    @Test func demoDataCoversRegionsPillarsThemesMaturityScopeAndLanguages() throws {
        let records = try Fixtures.demo()
        #expect(records.count >= 40)
        #expect(records.allSatisfy { PracticeValidation.issues(in: $0).isEmpty })
        let published = records.filter { $0.status == .published }
        let regions = Set(published.flatMap { $0.countries.map { RegionTable.standard.region(of: $0) } })
        #expect(regions.isSuperset(of: Region.southern))
        #expect(Set(published.flatMap(\.pillars)) == Set(Pillar.allCases))
        #expect(Set(published.flatMap(\.themes)).count >= 12)
        #expect(Set(published.map(\.maturity)) == Set(Maturity.allCases))
        #expect(Set(published.compactMap(\.scope)) == Set(Scope.allCases))
        let fullyTranslated = records.filter { record in
            record.translations.count >= 2 && record.translations.values.allSatisfy { text in
                PracticeText.fieldNames.allSatisfy { !text.value(of: $0).isEmpty }
            }
        }
        #expect(fullyTranslated.count >= 15)
        // And one translation begun (a title and a summary), as translators leave them: its page
        // and the Handbook show the rest in the original, marked (scripts/handbook-checks.py).
        #expect(records.contains { record in
            record.translations.keys.contains { language in
                !ShownPracticeText(record.translations, original: record.originalLanguage, in: language, placeholderTitle: "")
                    .fromOriginal.isEmpty
            }
        })
        let languages = Set(records.flatMap(\.translations.keys))
        #expect(languages.isSuperset(of: [.ar, .zh]))
        #expect(records.allSatisfy { !$0.sources.isEmpty })
    }

    /// Every migration reverts cleanly and applies again.
    @Test(arguments: TestEngine.all)
    func migrationsRevertAndReapply(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .records(Fixtures.small)) { db in
            try await TestMigrations.revertAll(on: db)
            let sql = db as! any SQLDatabase
            await #expect(throws: (any Error).self) { _ = try await sql.raw("SELECT COUNT(*) AS n FROM practices").first() }
            try await TestMigrations.apply(on: db)
            #expect(try await PracticeModel.query(on: db).count() == 0)
            #expect(try await DataVersion.current(on: db) == 0)
        }
    }
}
