import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing

private typealias F = AccessFixture

/// `practice_coverage` (migration 016) follows every later write of a practice or a translation
/// through its triggers, not only the saves ``IndicatorAccessTests`` count after.
@Suite("Practice coverage triggers")
struct PracticeCoverageTests {
    /// The practice's rows, "language:original", sorted.
    func coverage(_ slug: String, _ sql: any SQLDatabase) async throws -> [String] {
        try await sql.raw("""
            SELECT c.language AS l, c.original AS o FROM practice_coverage c JOIN practices p ON p.id = c.practice_id
            WHERE p.slug = \(bind: slug)
            """).all().map { "\(try $0.decode(column: "l", as: String.self)):\(try $0.decode(column: "o", as: Int.self))" }.sorted()
    }

    func translation(_ slug: String, _ language: String) -> SQLQueryString {
        "practice_id = (SELECT id FROM practices WHERE slug = \(bind: slug)) AND language = \(bind: language)"
    }

    @Test(arguments: TestEngine.all)
    func rowsFollowTranslationsAndPractices(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            try await F.practices(on: db)
            let sql = db as! any SQLDatabase
            #expect(try await coverage("alpha", sql) == ["en:1", "fr:0"])
            #expect(try await coverage("gamma", sql) == ["ar:1", "en:0", "zh:0"])
            #expect(try await coverage("delta", sql).isEmpty)

            // An edit that leaves a field of the original untranslated drops the language; filling it back returns it.
            try await sql.raw("UPDATE practice_translations SET summary = '' WHERE \(translation("alpha", "fr"))").run()
            #expect(try await coverage("alpha", sql) == ["en:1"])
            try await sql.raw("UPDATE practice_translations SET summary = 'Résumé.' WHERE \(translation("alpha", "fr"))").run()
            #expect(try await coverage("alpha", sql) == ["en:1", "fr:0"])

            // A translation moved to another practice leaves the first and counts for the second.
            try await sql.raw("""
                UPDATE practice_translations SET practice_id = (SELECT id FROM practices WHERE slug = 'alpha') WHERE \(translation("gamma", "zh"))
                """).run()
            #expect(try await coverage("gamma", sql) == ["ar:1", "en:0"])
            #expect(try await coverage("alpha", sql) == ["en:1", "fr:0", "zh:0"])

            try await sql.raw("DELETE FROM practice_translations WHERE \(translation("alpha", "fr"))").run()
            #expect(try await coverage("alpha", sql) == ["en:1", "zh:0"])
            try await sql.raw("UPDATE practices SET status = 'draft' WHERE slug = 'beta'").run()
            #expect(try await coverage("beta", sql).isEmpty)
            try await sql.raw("UPDATE practices SET status = 'published' WHERE slug = 'delta'").run()
            #expect(try await coverage("delta", sql) == ["en:1"])
            let epsilon = try await sql.raw("SELECT id FROM practices WHERE slug = 'epsilon'").first()!.decode(column: "id", as: UUID.self)
            try await sql.raw("DELETE FROM practices WHERE slug = 'epsilon'").run()
            let left = try await sql.raw("SELECT COUNT(*) AS n FROM practice_coverage WHERE practice_id = \(bind: epsilon)").first()!
            #expect(try left.decode(column: "n", as: Int.self) == 0)
        }
    }
}
