import Fluent
import Foundation
import SankofaCore
@testable import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing

/// The annual reports' files as the table keeps them: a build is unpublished until published, a
/// published revision is never written again (a rebuild is the next revision and replaces it for
/// readers only once published), bytes come back exactly; the year's highlights count what that
/// year holds and nothing else.
@Suite("Annual report store")
struct AnnualReportStoreTests {
    /// Every byte value, so that a BLOB or BYTEA that changed an encoding would show.
    static func bytes(_ tag: UInt8) -> Data { Data([tag] + (0...255).map { UInt8($0) } + [tag]) }

    @Test("Build, publish, rebuild: the published bytes stay until the next build is published", arguments: TestEngine.all)
    func publishKeepsTheBytes(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let reports = AnnualReports(database: db)
            #expect(try await reports.draftRevision(2025) == 1)
            await #expect(throws: AnnualReportError.nothingToPublish) { try await reports.publish(2025, by: nil) }

            for language in [Language.ar, .en] {
                for format in ["html", "pdf"] {
                    try await reports.save(year: 2025, revision: 1, language: language, format: format, content: Self.bytes(1), builtBy: nil)
                }
            }
            #expect(try await reports.published(2025).isEmpty, "nothing public before publication")
            let draft = try await reports.draft(2025)
            #expect(draft.map { "\($0.language.rawValue).\($0.format)" } == ["ar.html", "ar.pdf", "en.html", "en.pdf"])
            #expect(draft.allSatisfy { $0.size == 258 && !$0.isPublished && $0.revision == 1 })
            #expect(draft[0].fileName == "annual-report-2025-ar.html")
            // A second build before publication replaces the draft: the same revision again.
            #expect(try await reports.draftRevision(2025) == 1)

            #expect(try await reports.publish(2025, by: nil, now: Date(timeIntervalSince1970: 1_767_225_600)) == 4)
            let published = try await reports.published(2025)
            #expect(published.count == 4 && published.allSatisfy(\.isPublished))
            #expect(try await reports.content(published[1]) == Self.bytes(1))
            #expect(try await reports.draft(2025).isEmpty)
            #expect(try await reports.draftYears().isEmpty)
            await #expect(throws: AnnualReportError.nothingToPublish) { try await reports.publish(2025, by: nil) }

            // A published file cannot be written again, whatever the caller says.
            await #expect(throws: (any Error).self) {
                try await reports.save(year: 2025, revision: 1, language: .ar, format: "pdf", content: Self.bytes(9), builtBy: nil)
            }
            #expect(try await reports.content(published[1]) == Self.bytes(1))

            // A rebuild is revision 2, unpublished: readers keep revision 1's bytes, and a
            // discarded draft never takes published files with it.
            let next = try await reports.draftRevision(2025)
            #expect(next == 2)
            try await reports.save(year: 2025, revision: next, language: .ar, format: "pdf", content: Self.bytes(2), builtBy: nil)
            try await reports.discardDraft(2025)
            #expect(try await reports.draft(2025).isEmpty)
            try await reports.save(year: 2025, revision: next, language: .ar, format: "pdf", content: Self.bytes(2), builtBy: nil)
            try await reports.save(year: 2025, revision: next, language: .ar, format: "html", content: Self.bytes(3), builtBy: nil)
            #expect(try await reports.published(2025).map(\.revision) == [1, 1, 1, 1])
            #expect(try await reports.content(try await reports.published(2025)[1]) == Self.bytes(1))
            #expect(try await reports.builtYears() == [2025])
            #expect(try await reports.draftYears() == [2025])

            #expect(try await reports.publish(2025, by: nil) == 2)
            let now = try await reports.published(2025)
            #expect(now.map { "\($0.revision) \($0.language.rawValue).\($0.format)" } == ["2 ar.html", "2 ar.pdf"])
            #expect(try await reports.content(now[1]) == Self.bytes(2))
            // The first publication is still kept, as it was.
            let first = AnnualReportFile(year: 2025, revision: 1, language: .en, format: "pdf", size: 0, builtAt: Date())
            #expect(try await reports.content(first) == Self.bytes(1))
            #expect(try await reports.publishedByYear().keys.sorted() == [2025])
        }
    }

    @Test("A year is four plain digits within the programme's years")
    func years() {
        let now = Date(timeIntervalSince1970: 1_796_601_600)  // 2026-12-07
        #expect(AnnualReports.year("2026", now: now) == 2026)
        #expect(AnnualReports.year("2015", now: now) == 2015)
        for bad in ["2027", "2014", "abc", "", "20260", " 2026", "٢٠٢٦", "2e03", "-202", nil] as [String?] {
            #expect(AnnualReports.year(bad, now: now) == nil, "\(bad ?? "nil")")
        }
    }

    @Test("Highlights count the practices published that year only, newest first", arguments: TestEngine.all)
    func highlights(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .records(Fixtures.small)) { db in
            let sql = db as! any SQLDatabase
            let dates = ["prison-dialogue": "2025-03-01T10:00:00Z", "regional-training": "2025-09-01T10:00:00Z",
                         "south-south-exchange": "2026-02-01T10:00:00Z"]
            for (slug, day) in dates {
                let date = ISO8601DateFormatter().date(from: day)!
                try await sql.raw("UPDATE practice_facet_values SET published_at = \(bind: date) WHERE slug = \(bind: slug)").run()
            }
            let year = try await AnnualReports(database: db).highlights(2025)
            #expect(year.practicesTotal == 2)
            #expect(year.latestPractices == ["regional-training", "prison-dialogue"])
            // Mauritania's practice and the East African one: both in Africa.
            #expect(year.practicesByRegion.rows == [IndicatorRow(keys: [Region.africa.rawValue], figure: .count(2))])
            #expect(year.exchangesTotal == 0 && year.flows.rows.isEmpty && year.contributions.rows.isEmpty)
            let next = try await AnnualReports(database: db).highlights(2026)
            #expect(next.practicesTotal == 1 && next.latestPractices == ["south-south-exchange"])
            #expect(try await AnnualReports(database: db).highlights(2024).practicesTotal == 0)
        }
    }
}
