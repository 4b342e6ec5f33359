import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing

@Suite("Practice store")
struct PracticeStoreTests {
    @Test(arguments: TestEngine.all)
    func saveDerivesScopeAndRegionsAndRoundTrips(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .records(Fixtures.small)) { db in
            let store = PracticeStore(database: db)
            let practice = try #require(try await store.find(slug: "south-south-exchange", publishedOnly: true))
            #expect(practice.scope == Scope.interRegional.rawValue)
            #expect(practice.countries.sorted { $0.position < $1.position }.map(\.region) == ["latinAmericaCaribbean", "asiaPacific"])
            let expected = try #require(Fixtures.small.first { $0.slug == "south-south-exchange" })
            #expect(practice.record == expected)
            #expect(practice.publishedAt != nil)
            #expect(try await store.find(slug: "unpublished-idea", publishedOnly: true) == nil)
            #expect(try await store.find(slug: "unpublished-idea", publishedOnly: false) != nil)
        }
    }

    @Test(arguments: TestEngine.all)
    func changingCountriesChangesTheScope(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .records(Fixtures.small)) { db in
            var record = try #require(Fixtures.small.first { $0.slug == "regional-training" })
            record.countries = ["KE"]
            try await PracticeStore(database: db).save(record)
            let practice = try #require(try await PracticeStore(database: db).find(slug: "regional-training", publishedOnly: true))
            #expect(practice.scope == "national")
            #expect(practice.countryCodes == ["KE"])
        }
    }

    @Test(arguments: TestEngine.all)
    func importIsAllOrNothingAndReportsEveryBadRecord(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let json = """
            [{"slug":"good-one","originalLanguage":"en","countries":["KE"],"leadCountry":"KE","pillars":[1],"themes":["youth"],
              "maturity":"piloted","translations":{"en":{"title":"Good","summary":"","context":"","approach":"","results":"","lessons":"",
              "transferConditions":"","expansionPotential":"","safeguards":"","targetGroups":""}}},
             {"slug":"Bad Slug","originalLanguage":"en","countries":["ZZZ"],"leadCountry":"KE","pillars":[9],"themes":["youth"],
              "maturity":"piloted","translations":{}},
             {"slug":"no-themes","originalLanguage":"en","countries":["KE"],"leadCountry":"KE","pillars":[1],"themes":[],
              "maturity":"piloted","translations":{"en":{"title":"T","summary":"","context":"","approach":"","results":"","lessons":"",
              "transferConditions":"","expansionPotential":"","safeguards":"","targetGroups":""}}},
             "not an object"]
            """
            do {
                _ = try PracticeImport.decode(Data(json.utf8))
                Issue.record("an invalid file was accepted")
            } catch let PracticeImport.Failure.invalid(problems) {
                #expect(Set(problems.map(\.index)) == [1, 2, 3])
                #expect(problems.contains { $0.index == 1 && $0.field == "pillars.[0]" || $0.index == 1 && $0.field.hasPrefix("pillars") })
                #expect(problems.contains { $0.index == 2 && $0.field == "themes" })
            }
            #expect(try await PracticeModel.query(on: db).count() == 0)

            do {
                _ = try PracticeImport.decode(Data("{not json".utf8))
                Issue.record("invalid JSON was accepted")
            } catch PracticeImport.Failure.unreadable {}

            // A batch whose last record fails in the store rolls back the records before it.
            var broken = Fixtures.small[2]
            broken.countries = ["XX"]
            await #expect(throws: PracticeStore.StoreError.self) {
                _ = try await PracticeImport.run([Fixtures.small[0], Fixtures.small[1], broken], on: db)
            }
            #expect(try await PracticeModel.query(on: db).count() == 0)
        }
    }

    @Test(arguments: TestEngine.all)
    func importIsIdempotentAndExportRoundTripsByteForByte(engine: TestEngine) async throws {
        try await withTestDatabase(engine) { db in
            let store = PracticeStore(database: db)
            let first = try PracticeExport.json(try await store.allRecords(publishedOnly: false))
            let records = try PracticeImport.decode(first)
            let again = try await PracticeImport.run(records, on: db)
            #expect(again.created == 0 && again.updated == records.count)
            let second = try PracticeExport.json(try await store.allRecords(publishedOnly: false))
            #expect(first == second)
            #expect(records.count == (try Fixtures.demo()).count)
        }
    }

    /// Export and the Handbook read the catalogue in pages of 100: past a page boundary nothing
    /// is lost, repeated or out of order, and each record keeps its children.
    @Test(arguments: TestEngine.all)
    func everyRecordIsReadAcrossPages(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let records = (0..<250).map { index in
                var record = Fixtures.small[index % Fixtures.small.count]
                record.slug = String(format: "paged-%03d", (index * 37) % 250)
                record.status = index % 3 == 0 ? .draft : .published
                return record
            }
            _ = try await PracticeImport.run(records, on: db)
            let store = PracticeStore(database: db)
            let all = try await store.allRecords(publishedOnly: false)
            #expect(all.map(\.slug) == records.map(\.slug).sorted())
            let bySlug = Dictionary(uniqueKeysWithValues: records.map { ($0.slug, $0) })
            // Each record as a read of that practice alone gives it (themes come back in the store's order).
            for record in all {
                let alone = try await store.find(slug: record.slug, publishedOnly: false)?.record
                #expect(record == alone, "\(record.slug)")
                #expect(record.countries == bySlug[record.slug]?.countries && record.translations == bySlug[record.slug]?.translations)
            }
            let published = try await store.allRecords(publishedOnly: true)
            #expect(published.map(\.slug) == records.filter { $0.status == .published }.map(\.slug).sorted())
            #expect(published.count == 166)
            // Page by page, each in a transaction of its own (the Handbook's compile in the server): the same records.
            #expect(try await store.allRecords(publishedOnly: true, oneSnapshot: false) == published)
            #expect(try await store.allRecords(publishedOnly: false, oneSnapshot: false) == all)
        }
    }

    @Test func sqliteFileUsesWALFullSyncAndForeignKeys() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sankofa-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("data/sankofa.sqlite").path
        let settings = DatabaseSettings.sqliteFile(path)
        #expect(try DatabaseSettings(url: "sqlite:\(path)") == settings)
        #expect(try DatabaseSettings(url: nil) == .sqliteFile("data/sankofa.sqlite"))
        #expect(throws: (any Error).self) { try DatabaseSettings(url: "mysql://x") }
        try await withTestDatabase(.sqlite, data: .empty) { _ in }  // keeps the helper honest on SQLite
        try await withDatabase(settings) { db in
            let sql = db as! any SQLDatabase
            try await settings.prepare(db)
            #expect(FileManager.default.fileExists(atPath: path))
            #expect(try await sql.raw("PRAGMA journal_mode").first()?.decode(column: "journal_mode", as: String.self) == "wal")
            #expect(try await sql.raw("PRAGMA synchronous").first()?.decode(column: "synchronous", as: Int.self) == 2)
            #expect(try await sql.raw("PRAGMA foreign_keys").first()?.decode(column: "foreign_keys", as: Int.self) == 1)
        }
    }
}

@Suite("Session store")
struct SessionStoreTests {
    @Test(arguments: TestEngine.all)
    func expiredSessionsArePruned(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let store = SessionStore(database: db, idle: 60, absolute: 600)
            for (index, age) in [0, 120, 700].enumerated() {
                try await store.create(SessionRecord(tokenHash: "t\(index)", userID: nil, csrfToken: "c", twoFactorPending: false,
                                                     createdAt: 1_000_000 - age, lastSeenAt: 1_000_000 - min(age, 120), ip: "x", userAgent: "y"))
            }
            try await store.prune(now: 1_000_000)
            #expect(try await store.find("t0", now: 1_000_000) != nil)
            #expect(try await store.find("t1", now: 1_000_000) == nil)
            #expect(try await store.find("t2", now: 1_000_000) == nil)
        }
    }
}
