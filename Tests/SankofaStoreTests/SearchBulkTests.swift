import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing

@Suite("Search after a bulk import")
struct SearchBulkTests {
    static let words = ["prison", "dialogue", "youth", "mentor", "radio", "school", "family", "policy", "réseau", "éducation"]

    /// 1,050 practices (three batches of up to 500, and enough for the index's bulk mode), each
    /// with words picked by its number, a third of them with a French translation as well.
    static let records: [PracticeRecord] = (0..<1_050).map { n in
        var record = Fixtures.record(String(format: "bulk-%04d", n), countries: ["KE"], themes: [.youth], pillars: [.capacityBuilding],
                                     maturity: .piloted, title: "\(words[n % 10]) \(words[(n / 10) % 10])")
        record.translations[.en]?.summary = "\(words[(n * 7) % 10]) and \(words[(n * 3 + 1) % 10])."
        if n % 3 == 0 { record.translations[.fr] = PracticeText(title: "\(words[(n + 5) % 10]) projet", summary: "Un \(words[8]).") }
        return record
    }

    /// The records (and languages) whose text holds every term: what the index must count.
    static func bruteForce(_ query: String) -> (records: Set<String>, languages: [String: Int]) {
        let terms = SearchTokens.query(query)
        var found: Set<String> = [], languages: [String: Int] = [:]
        for record in records {
            for (language, text) in record.translations {
                let body = PracticeText.fieldNames.map { text.value(of: $0) }.joined(separator: " ")
                let tokens = Set(SearchTokens.index(body).split(separator: " ").map(String.init))
                let all = terms.allSatisfy { term in tokens.contains(term.token) || term.prefix && tokens.contains { $0.hasPrefix(term.token) } }
                if all {
                    found.insert(record.slug)
                    languages[language.rawValue, default: 0] += 1
                }
            }
        }
        return (found, languages)
    }

    @Test(arguments: TestEngine.all)
    func bulkImportIndexesEveryRecordAndCountsMatchABruteForceCount(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .records(Self.records)) { db in
            #expect(try await PracticeModel.query(on: db).count() == Self.records.count)
            let index = searchIndex(on: db)
            try await expectBruteForceCounts(db, index)
            // `sankofa search reindex` (pages of 100 through the bulk path) gives the same answers.
            #expect(try await PracticeStore(database: db).reindex() == Self.records.count)
            try await expectBruteForceCounts(db, index)
        }
    }

    /// The index's counts match a count over the records' own text.
    func expectBruteForceCounts(_ database: any Database, _ index: any SearchIndex) async throws {
        for query in ["prison", "youth mentor", "reseau", "edu", "radio family", "projet", "pri"] {
            let expected = Self.bruteForce(query)
            let results = try await index.search(SearchRequest(query: query, perPage: 100), preferring: .en)
            #expect(results.total == expected.records.count, "total for \(query)")
            #expect(results.languages == expected.languages, "languages for \(query)")
            #expect(results.kinds == (expected.records.isEmpty ? [:] : ["practice": expected.records.count]), "kinds for \(query)")
            let french = try await index.search(SearchRequest(query: query, languages: [.fr]), preferring: .en)
            #expect(french.total == (expected.languages["fr"] ?? 0), "French total for \(query)")
        }
        // The catalogue's `q` counts the same records.
        var filter = PracticeFilter()
        filter.query = "school prison"
        let page = try await PracticeQuery(filter: filter).run(on: database)
        #expect(page.total == Self.bruteForce("school prison").records.count)
    }

    /// Pages of equally scored hits are ordered by slug with no record twice or missing, however
    /// far the ties reach past the ranked candidates read at first.
    @Test(arguments: TestEngine.all)
    func tiesArePagedBySlug(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let index = searchIndex(on: db)
            var slugs: [String] = []
            for n in (0..<130).reversed() {
                let id = UUID(), slug = String(format: "tie-%03d", n)
                slugs.append(slug)
                try await index.replace(kind: .centre, recordID: id, with: [
                    SearchDocument(kind: .centre, recordID: id, slug: slug, language: .en, audience: .everyone,
                                   title: "Same title", body: "Same body text."),
                ])
            }
            var seen: [String] = []
            for page in 1...7 {
                let results = try await index.search(SearchRequest(query: "same", page: page), preferring: .en)
                #expect(results.total == 130)
                seen += results.hits.map(\.slug)
            }
            #expect(seen == slugs.sorted())
        }
    }

    /// A large import sets FTS5 up for bulk writes (see `SQLiteSearchIndex.bulk`) and puts its
    /// stored settings back; its row ids sort in the order they were made (`TimeOrderedIDs`).
    @Test func bulkImportPutsTheIndexSettingsBackAndOrdersItsIDs() async throws {
        try await withTestDatabase(.sqlite, data: .records(Self.records)) { db in
            let sql = db as! any SQLDatabase
            var settings: [String: Int] = [:]
            for row in try await sql.raw("SELECT k, v FROM search_fts_config WHERE k IN ('hashsize', 'automerge')").all() {
                settings[try row.decode(column: "k", as: String.self)] = try row.decode(column: "v", as: Int.self)
            }
            #expect(settings == ["hashsize": 1 << 20, "automerge": 4])
            let slugs = try await sql.raw("SELECT slug FROM practices ORDER BY id").all().map { try $0.decode(column: "slug", as: String.self) }
            #expect(slugs == Self.records.map(\.slug))
            let themes = try await sql.raw("SELECT COUNT(DISTINCT id) AS n FROM practice_themes").first()?.decode(column: "n", as: Int.self)
            #expect(themes == Self.records.reduce(0) { $0 + $1.themes.count })
        }
    }

    /// Updating a record replaces its documents; deleting removes them; others stay findable.
    @Test(arguments: TestEngine.all)
    func updateAndDeleteKeepTheIndexConsistent(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .records(Array(Self.records.prefix(30)))) { db in
            let store = PracticeStore(database: db)
            let index = searchIndex(on: db)
            var changed = Self.records[0]
            changed.translations[.en]?.title = "Lighthouse keepers"
            try await store.save(changed)
            #expect(try await index.search(SearchRequest(query: "lighthouse"), preferring: .en).hits.map(\.slug) == ["bulk-0000"])
            let before = try await index.search(SearchRequest(query: "prison"), preferring: .en).total
            try await store.delete(slug: "bulk-0000")
            #expect(try await index.search(SearchRequest(query: "lighthouse"), preferring: .en).total == 0)
            let after = try await index.search(SearchRequest(query: "prison"), preferring: .en).total
            #expect(after == before - (Self.bruteForce("prison").records.contains("bulk-0000") ? 1 : 0))
        }
    }

    /// Migrations 007 and 008 rebuild the SQLite index from the stored documents (007 keys it
    /// by packed rowids, 008 moves language and kind to the high bits): reverting both and
    /// applying them again loses nothing, and 008 alone moves back and forth too.
    @Test func migrations007And008KeepTheDocuments() async throws {
        try await withTestDatabase(.sqlite, data: .records(Array(Self.records.prefix(40)))) { db in
            let index = searchIndex(on: db)
            let before = try await index.search(SearchRequest(query: "prison", perPage: 100), preferring: .en)
            try await RepackSQLiteSearchRowIDs().revert(on: db)
            try await RebuildSQLiteSearchIndex().revert(on: db)
            try await RebuildSQLiteSearchIndex().prepare(on: db)
            try await RepackSQLiteSearchRowIDs().prepare(on: db)
            let middle = try await index.search(SearchRequest(query: "prison", perPage: 100), preferring: .en)
            #expect(middle.hits.map(\.slug) == before.hits.map(\.slug))
            try await RepackSQLiteSearchRowIDs().revert(on: db)
            try await RepackSQLiteSearchRowIDs().prepare(on: db)
            let after = try await index.search(SearchRequest(query: "prison", perPage: 100), preferring: .en)
            #expect(before.total > 0 && after.total == before.total)
            #expect(after.hits.map(\.slug) == before.hits.map(\.slug))
            #expect(after.languages == before.languages)
        }
    }

    /// 010 (PostgreSQL): the documents move into one partition a language and back, and a
    /// search finds the same hits, counts and facets in both shapes, bounded or not.
    @Test(.enabled(if: TestEngine.all.contains(.postgres), "PostgreSQL only: scripts/test starts it"))
    func migration010PartitionsTheDocumentsAndKeepsThem() async throws {
        try await withTestDatabase(.postgres, data: .records(Array(Self.records.prefix(60)))) { db in
            let sql = db as! any SQLDatabase
            let index = searchIndex(on: db)
            func partitions() async throws -> Int {
                try await sql.raw("""
                    SELECT COUNT(*) AS n FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhparent
                    WHERE c.relname = 'search_documents' AND c.relnamespace = to_regnamespace(current_schema())
                    """).first()?.decode(column: "n", as: Int.self) ?? 0
            }
            func documents() async throws -> [String: Int] {
                var counts: [String: Int] = [:]
                for row in try await sql.raw("SELECT language, COUNT(*) AS n FROM search_documents GROUP BY language").all() {
                    counts[try row.decode(column: "language", as: String.self)] = try row.decode(column: "n", as: Int.self)
                }
                return counts
            }
            func primaryKey() async throws -> String? {
                try await sql.raw("""
                    SELECT conname FROM pg_constraint WHERE conrelid = 'search_documents'::regclass AND contype = 'p'
                    """).first()?.decode(column: "conname", as: String.self)
            }
            var request = SearchRequest(query: "prison", perPage: 100)
            request.limits = .init(scan: 20, count: 10, candidates: 15)
            #expect(try await partitions() == 7)
            let before = try await (index.search(request, preferring: .en), documents())
            try await PartitionPostgresSearchDocuments().revert(on: db)
            #expect(try await partitions() == 0)
            #expect(try await primaryKey() == "search_documents_pkey")
            let single = try await (index.search(request, preferring: .en), documents())
            try await PartitionPostgresSearchDocuments().prepare(on: db)
            #expect(try await partitions() == 7)
            #expect(try await primaryKey() == "search_documents_pkey")
            let after = try await (index.search(request, preferring: .en), documents())
            #expect(before.1.values.reduce(0, +) > 60 && single.1 == before.1 && after.1 == before.1)
            for results in [single.0, after.0] {
                #expect(results.hits.map(\.slug) == before.0.hits.map(\.slug))
                #expect(results.total == before.0.total && results.totalIsExact == before.0.totalIsExact)
                #expect(results.languages == before.0.languages && results.kinds == before.0.kinds)
            }
            #expect(!before.0.totalIsExact && !before.0.hits.isEmpty)
        }
    }
}
