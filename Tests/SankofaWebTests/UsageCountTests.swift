import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// Handbook downloads and searches are tallied in memory by the node (``UsageCounter``) and reach
/// `usage_counts` only when the tally is flushed: by day and language, with nothing about who
/// asked, from where or for what.
@Suite("Usage counts")
struct UsageCountTests {
    func stored(_ app: Application) async throws -> [(metric: String, day: String, language: String, count: Int)] {
        try await (app.db as! any SQLDatabase).raw("SELECT metric, day, language, count FROM usage_counts ORDER BY metric, language").all().map {
            (try $0.decode(column: "metric", as: String.self), try $0.decode(column: "day", as: String.self),
             try $0.decode(column: "language", as: String.self), try $0.decode(column: "count", as: Int.self))
        }
    }

    @Test("A search is counted once flushed, from the page (cached or not) and the API; no query text is kept",
          arguments: TestEngine.all)
    func searchesAreCounted(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small), pageCache: true) { app in
            let today = IndicatorPeriods.day(Int(Date().timeIntervalSince1970))
            #expect(try await app.get("/fr/search?q=zebraprison").status == .ok)
            // The same search again is answered from the page cache: it is a search all the same.
            #expect(try await app.get("/fr/search?q=zebraprison").status == .ok)
            #expect(try await app.get("/api/v1/search?q=zebraprison&lang=ar").status == .ok)
            #expect(try await app.get("/api/v1/search?q=zebraprison").status == .ok)
            // No words: the search form, not a search. A bad parameter: no answer, no count.
            #expect(try await app.get("/en/search").status == .ok)
            #expect(try await app.get("/en/search?q=%20").status == .ok)
            #expect(try await app.get("/api/v1/search?q=zebraprison&lang=xx").status == .badRequest)
            #expect(app.usageCounter.pending == 4)
            // Nothing is written per request: the table is empty until the flush.
            #expect(try await stored(app).isEmpty)

            try await app.usageCounter.flush(on: app.db)
            #expect(app.usageCounter.pending == 0)
            let rows = try await stored(app)
            #expect(rows.map { "\($0.metric) \($0.language) \($0.count)" } == ["search ar 1", "search en 1", "search fr 2"])
            #expect(rows.allSatisfy { $0.day == today })
            // What a row holds: the metric, the day, the language and the count; no other column, no query.
            let columns = try await (app.db as! any SQLDatabase).raw("SELECT * FROM usage_counts").all().first?.allColumns ?? []
            #expect(Set(columns) == ["metric", "day", "language", "count"])
            #expect(!rows.contains { "\($0.metric)\($0.day)\($0.language)".contains("zebra") })

            // A second flush adds to the stored counts (another node's flush would too).
            #expect(try await app.get("/fr/search?q=autre").status == .ok)
            try await app.usageCounter.flush(on: app.db)
            #expect(try await stored(app).first { $0.language == "fr" }?.count == 3)
            let indicator = try await Indicators(database: app.db).compute(.searches)
            #expect(indicator.value == .count(5))
        }
    }

    @Test("A Handbook file served whole is counted in its language once flushed; a range of it is not",
          arguments: TestEngine.all)
    func downloadsAreCounted(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let folder = HandbookTests.prepare(app)
            defer { try? FileManager.default.removeItem(at: folder) }
            let edition = try await HandbookTests.compiledEdition(app, slug: "usage", publish: true)
            let report = try await HandbookService(app).build(edition, languages: [.fr, .ar], formats: [.epub])
            #expect(report.failures.isEmpty)
            #expect(try await app.get("/handbook/usage/usage-fr.epub").status == .ok)
            #expect(try await app.get("/handbook/usage/usage-fr.epub").status == .ok)
            #expect(try await app.get("/handbook/usage/usage-ar.epub").status == .ok)
            let part = try await app.get("/handbook/usage/usage-ar.epub", headers: ["Range": "bytes=0-9"])
            #expect(part.status == .partialContent)
            #expect(try await app.get("/handbook/usage/usage-ru.epub").status == .notFound)
            #expect(try await stored(app).isEmpty)

            try await app.usageCounter.flush(on: app.db)
            let rows = try await stored(app)
            #expect(rows.map { "\($0.metric) \($0.language) \($0.count)" } == ["handbook-download ar 1", "handbook-download fr 2"])
            let indicator = try await Indicators(database: app.db).compute(.handbookDownloads)
            #expect(indicator.value == .count(3))
            #expect(indicator.breakdowns.first?.rows.first { $0.keys == ["fr"] }?.figure == .count(2))
        }
    }
}
