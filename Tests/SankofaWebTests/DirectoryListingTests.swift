import Foundation
import SankofaCore
import SankofaStore
import SankofaTestSupport
import Testing
import Vapor
import VaporTesting
@testable import SankofaWeb

/// The directories' facets and counts, bad parameters, the course calendar and its iCalendar
/// feed, and the demo directory's coverage.
@Suite("Directory: listings, the course feed and the demo directory")
struct DirectoryListingTests {
    @Test(arguments: TestEngine.all)
    func directoriesFilterCountAndRefuseBadParameters(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("one", country: "KE", fields: [.country: .public, .organisation: .public]))
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("two", country: "NG", fields: [.country: .public]))
            let store = CentreStore(database: app.db), courseStore = CourseStore(database: app.db)
            try await store.save(DirectoryFixtures.centre("nairobi-centre", experts: ["one"], focalPoint: "one"))
            try await courseStore.save(DirectoryFixtures.course("past-course", centre: "nairobi-centre", start: "2020-01-06", end: "2020-01-10"))
            try await courseStore.save(DirectoryFixtures.course("future-remote", start: "2031-05-04", end: "2031-05-08", modality: .remote,
                                                          languages: ["ar"], cost: .financialSupport))
            try await courseStore.save(DirectoryFixtures.course("future-nairobi", centre: "nairobi-centre", start: "2031-02-01", end: "2031-02-03"))

            let kenya = try await app.get("/en/experts?country=KE&offer=mentoring")
            #expect(kenya.text.contains("1 expert") && kenya.text.contains("Name one") && !kenya.text.contains("Name two"))
            #expect(kenya.text.contains("Nigeria") && kenya.text.contains("aria-current=\"true\""))
            let courses = try await app.get("/api/v1/courses?when=upcoming").text
            #expect(courses.contains("\"total\":2") && courses.contains("{\"count\":1,\"value\":\"2031-05\"}"))
            let ordered = try await app.get("/en/courses").text
            let positions = ["Course future-nairobi", "Course future-remote", "Course past-course"].compactMap { ordered.range(of: $0)?.lowerBound }
            #expect(positions.count == 3 && positions == positions.sorted(), "upcoming first, soonest first, then the past")
            #expect(try await app.get("/en/courses?cost=financialSupport&language=ar").text.contains("1 course"))
            let centre = try await app.get("/en/centres/nairobi-centre").text
            #expect(centre.contains("Name one") && centre.contains("Course future-nairobi") && centre.contains("Course past-course"))
            let arabic = try await app.get("/ar/centres/nairobi-centre").text
            #expect(arabic.contains("dir=\"rtl\"") && arabic.contains("مركز nairobi-centre"))
            #expect(try await app.get("/en/centres?type=academic").text.contains("1 centre"))
            // A centre's page lists its own courses only; the home page counts centres and the
            // courses not yet over (the engine counts them: see CourseStore.count(endingOnOrAfter:)).
            try await store.save(DirectoryFixtures.centre("lagos-centre", country: "NG"))
            try await courseStore.save(DirectoryFixtures.course("lagos-course", centre: "lagos-centre", country: "NG", start: "2031-03-01", end: "2031-03-02"))
            let nairobi = try await app.get("/en/centres/nairobi-centre").text
            #expect(nairobi.contains("Course future-nairobi") && !nairobi.contains("Course lagos-course") && !nairobi.contains("Course future-remote"))
            #expect(try await app.get("/en/centres/lagos-centre").text.contains("Course lagos-course"))
            let home = try await app.get("/en/").text
            func figure(_ path: String) -> String? {
                guard let match = home.firstMatch(of: try! Regex("href=\"\(path)\"><span>[^<]*</span> <span class=\"count\">([0-9]+)</span>")) else { return nil }
                return match.output[1].substring.map(String.init)
            }
            #expect(figure("/en/centres") == "2")
            #expect(figure("/en/courses/calendar") == "3")

            for path in ["/en/experts?country=XX", "/en/experts?offer=juggling", "/en/courses?month=2031-13", "/en/courses?when=soon",
                         "/en/centres?type=club", "/en/experts?page=0", "/api/v1/experts?perPage=500", "/en/experts?q=%FF",
                         "/api/v1/courses?page=abc", "/en/experts?language=english"] {
                let response = try await app.get(path)
                #expect(response.status == .badRequest, "\(path): \(response.status)")
            }
            for path in ["/en/experts?q=" + String(repeating: "a", count: 10_000), "/en/experts?q=%22NEAR(%2A", "/en/experts/unknown",
                         "/en/centres/unknown", "/en/courses/unknown", "/api/v1/experts/unknown", "/en/courses/..%2F..%2Fetc"] {
                #expect(try await app.get(path).status.code < 500, "\(path)")
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func theCourseFeedIsICalendarInTheReadersLanguage(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            var course = DirectoryFixtures.course("feed-course", start: "2031-02-01", end: "2031-02-03")
            course.translations[.fr] = CourseText(title: "Formation, prisons; niveau 1", description: "Une formation.")
            try await CourseStore(database: app.db).save(course)
            let feed = try await app.get("/fr/courses.ics")
            #expect(feed.status == .ok && feed.headers.contentType?.subType == "calendar")
            #expect(feed.text.contains("SUMMARY;LANGUAGE=fr:Formation\\, prisons\\; niveau 1"))
            #expect(feed.text.contains("DTSTART;VALUE=DATE:20310201") && feed.text.contains("DTEND;VALUE=DATE:20310204"))
            #expect(feed.text.contains("URL:http://127.0.0.1:8080/fr/courses/feed-course") || feed.text.contains("/fr/courses/feed-course"))
            // Untranslated into Russian: the English original, labelled as such.
            #expect(try await app.get("/ru/courses.ics").text.contains("SUMMARY;LANGUAGE=en:Course feed-course"))
            let calendar = try await app.get("/en/courses/calendar").text
            #expect(calendar.contains("February 2031") && calendar.contains("Course feed-course"))
        }
    }

    @Test(arguments: TestEngine.all)
    func theDemoDirectoryIsComplete(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .demo) { app in
            let experts = try await ExpertStore(database: app.db).all()
            let centres = try await CentreStore(database: app.db).all()
            let courses = try await CourseStore(database: app.db).all()
            #expect(experts.count >= 30 && centres.count >= 10 && courses.count >= 15)
            #expect(experts.allSatisfy(\.record.demo) && courses.allSatisfy(\.record.demo))
            for region in Region.southern {
                #expect(experts.contains { RegionTable.standard.region(of: $0.record.country) == region }, "experts in \(region)")
                #expect(centres.contains { RegionTable.standard.region(of: $0.record.country) == region }, "centres in \(region)")
                #expect(courses.contains { RegionTable.standard.region(of: $0.record.country) == region }, "courses in \(region)")
            }
            // Every endorsement in the demo data obeys the rule: a country focal point of the same country.
            let byID = Dictionary(uniqueKeysWithValues: experts.map { ($0.id, $0) })
            let endorsements = experts.flatMap { expert in expert.endorsements.map { (expert, $0) } }
            #expect(!endorsements.isEmpty)
            for (expert, endorsement) in endorsements {
                let endorser = try #require(endorsement.endorserExpertID.flatMap { byID[$0] })
                #expect(endorser.record.isCountryFocalPoint && endorser.record.country == expert.record.country && endorser.id != expert.id)
            }
        }
    }
}
