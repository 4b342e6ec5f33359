import Foundation
import SankofaCore
import SankofaStore
import SankofaTestSupport
import Testing
import VaporTesting
@testable import SankofaWeb

/// The course calendar and its feed read a bounded number of courses, whatever the directory holds.
@Suite("Directory: the course calendar in pages, the feed in a window")
struct CourseCalendarPagingTests {
    /// The calendar shows the courses not yet over 50 a page, the soonest first, with links to
    /// the next page; the feed leaves out courses over for more than a month.
    @Test(arguments: TestEngine.all)
    func theCalendarIsPagedAndTheFeedLeavesThePastOut(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let store = CourseStore(database: app.db)
            for index in 0..<60 {
                let day = String(format: "2031-03-%02d", index / 2 + 1)
                try await store.save(DirectoryFixtures.course(String(format: "soon-%02d", index), start: day, end: day))
            }
            try await store.save(DirectoryFixtures.course("long-over", start: "2019-01-01", end: "2019-01-02"))
            let first = try await app.get("/en/courses/calendar")
            #expect(first.status == .ok && first.text.contains("Course soon-00") && first.text.contains("Course soon-49"))
            #expect(!first.text.contains("Course soon-50") && !first.text.contains("long-over"))
            #expect(first.text.contains("/en/courses/calendar?page=2"))
            let second = try await app.get("/en/courses/calendar?page=2")
            #expect(second.text.contains("Course soon-50") && second.text.contains("Course soon-59") && !second.text.contains("Course soon-49"))
            #expect(try await app.get("/en/courses/calendar?page=0").status == .badRequest)
            let feed = try await app.get("/en/courses.ics").text
            #expect(feed.contains("Course soon-00") && feed.contains("Course soon-59") && !feed.contains("long-over"))
        }
    }
}
