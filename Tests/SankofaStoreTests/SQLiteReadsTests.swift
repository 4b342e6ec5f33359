import Fluent
import Foundation
import NIOCore
import SankofaCore
@testable import SankofaStore
import SankofaStoreTestSupport
import Testing

/// SQLite searches run on connections of their own with statements kept between searches
/// (``SQLiteReadPool``). What must hold: a kept statement never pins an old state, searches run
/// together, and the connections and the temporary file go when the application stops.
@Suite("SQLite search connections")
struct SQLiteReadsTests {
    static func document(_ id: UUID, _ slug: String, _ body: String) -> SearchDocument {
        SearchDocument(kind: .practice, recordID: id, slug: slug, language: .en, audience: .everyone, title: slug, body: body)
    }

    /// The same search, on the same kept statements, sees each write committed in between.
    @Test func eachSearchSeesWhatWasCommittedBeforeIt() async throws {
        try await withTestDatabase(.sqlite, data: .empty) { db in
            let index = searchIndex(on: db)
            let first = UUID(), second = UUID()
            #expect(try await index.search(SearchRequest(query: "mentoring"), preferring: .en).total == 0)
            try await index.replace(kind: .practice, recordID: first, with: [Self.document(first, "mentors", "Peer mentoring in prisons.")])
            #expect(try await index.search(SearchRequest(query: "mentoring"), preferring: .en).hits.map(\.slug) == ["mentors"])
            try await db.transaction { tx in
                try await searchIndex(on: tx).replace(kind: .practice, recordID: second, with: [Self.document(second, "circles", "Mentoring circles for returnees.")])
            }
            let both = try await index.search(SearchRequest(query: "mentoring"), preferring: .en)
            #expect(Set(both.hits.map(\.slug)) == ["mentors", "circles"] && both.total == 2)
            try await index.replace(kind: .practice, recordID: first, with: [])
            #expect(try await index.search(SearchRequest(query: "mentoring"), preferring: .en).hits.map(\.slug) == ["circles"])
            let reads = try #require(db.sqliteReads)
            #expect(reads.idleCount >= 1)
        }
    }

    /// Many searches at once, each answered in full and right; the pool opens no more
    /// connections than the thread pool runs searches at a time.
    @Test func searchesRunTogether() async throws {
        try await withTestDatabase(.sqlite, data: .empty) { db in
            let index = searchIndex(on: db)
            for n in 0..<30 {
                let id = UUID()
                try await index.replace(kind: .practice, recordID: id, with: [Self.document(id, "practice-\(n)", "Community dialogue number w\(n) and resilience.")])
            }
            let results = try await withThrowingTaskGroup(of: (Int, [String]).self) { group in
                for n in 0..<60 {
                    group.addTask {
                        let found = try await index.search(SearchRequest(query: "w\(n % 30) resilience"), preferring: .en)
                        return (n, found.hits.map(\.slug))
                    }
                }
                return try await group.reduce(into: [:]) { $0[$1.0] = $1.1 }
            }
            #expect(results.count == 60)
            #expect(results.allSatisfy { $0.value == ["practice-\($0.key % 30)"] })
            let reads = try #require(db.sqliteReads)
            #expect(reads.idleCount >= 1 && reads.idleCount <= System.coreCount)
        }
    }

    /// Stopping the application closes the connections; the temporary database file is removed.
    @Test func theConnectionsAndTheTemporaryFileGoWithTheApplication() async throws {
        var pool: SQLiteReadPool?
        try await withTestDatabase(.sqlite, data: .empty) { db in
            _ = try await searchIndex(on: db).search(SearchRequest(query: "anything"), preferring: .en)
            pool = db.sqliteReads
            #expect(pool.map { FileManager.default.fileExists(atPath: $0.path) } == true)
        }
        let reads = try #require(pool)
        #expect(!FileManager.default.fileExists(atPath: reads.path))
        #expect(reads.idleCount == 0)
        await #expect(throws: SQLiteReadError.self) {
            try await reads.read { _ in 0 }
        }
    }
}

/// The search connections rank with `sankofa_bm25`, bm25 with the document counts and lengths kept
/// between searches: it must score every document as FTS5's bm25 does, and both must follow writes.
@Suite("SQLite ranking with kept document counts")
struct SQLiteRankFunctionTests {
    @Test func scoresEqualFTS5sBM25AndCountsFollowWrites() async throws {
        try await withTestDatabase(.sqlite, data: .records(Array(SearchBulkTests.records.prefix(120)))) { db in
            let reads = try #require(db.sqliteReads)
            func compare(_ query: String) async throws -> Int {
                let terms = SearchTokens.query(query)
                return try await reads.read { connection in
                    let phrases = SQLiteSearchIndex.phrases(terms)
                    let counts = [Int64(phrases.count)] + (try phrases.map(connection.documentCount))
                    let rows = try connection.rows("""
                        SELECT -bm25(search_fts, 10.0, 1.0) AS a, \(SQLiteSearch.score) AS b FROM search_fts WHERE search_fts MATCH ?1
                        """, [SQLiteSearchIndex.matchExpression(terms)], counts: counts) { ($0.double(0), $0.double(1)) }
                    #expect(rows.allSatisfy { abs($0.0 - $0.1) <= 1e-12 * max(1, abs($0.0)) }, "\(query)")
                    return rows.count
                }
            }
            for query in ["prison", "pri", "prison youth", "réseau éducation", "mentor po", "zzz", "prison 🅰"] {
                _ = try await compare(query)
            }
            // A letter for Swift that FTS5's tokenizer drops (🅰): the match expression leaves it
            // out (SQLiteSearchIndex.kept), as FTS5 would, and the counts line up.
            #expect(SearchTokens.query("prison 🅰").count == 2)
            let withSymbol = try await searchIndex(on: db).search(SearchRequest(query: "prison 🅰"), preferring: .en)
            let plain = try await searchIndex(on: db).search(SearchRequest(query: "prison"), preferring: .en)
            #expect(withSymbol.total == plain.total && withSymbol.total > 0)
            #expect(withSymbol.hits.map(\.slug) == plain.hits.map(\.slug))
            #expect(try await compare("prison youth") > 3)
            // A write changes the counts: a document holding the word makes FTS5's count (and so
            // the IDF) move, and the kept count must move with it.
            let before = try await compare("radio")
            let id = UUID()
            try await searchIndex(on: db).replace(kind: .practice, recordID: id, with: [
                SearchDocument(kind: .practice, recordID: id, slug: "radio-x", language: .en, audience: .everyone, title: "Radio radio", body: "radio"),
            ])
            #expect(try await compare("radio") == before + 1)
            // A write changes a document's length under the same rowid (the same record): the
            // length the function kept for it must go, or its score would no longer be bm25's.
            try await searchIndex(on: db).replace(kind: .practice, recordID: id, with: [
                SearchDocument(kind: .practice, recordID: id, slug: "radio-x", language: .en, audience: .everyone, title: "Radio radio",
                               body: "radio " + String(repeating: "community listening station ", count: 60)),
            ])
            #expect(try await compare("radio") == before + 1)
        }
    }
}
