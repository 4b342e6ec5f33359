import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

@Suite("Rendered-page and search-result cache")
struct PageCacheTests {
    static func entry(_ version: Int, bytes: Int) -> PageCache.Entry {
        .init(version: version, body: ByteBuffer(repeating: 0x61, count: bytes), headers: [:])
    }

    @Test func staysWithinItsBudgetAndKeepsWhatIsReadOften() {
        let cache = PageCache(budget: 10_000)
        cache.put("often", Self.entry(1, bytes: 1_000))
        for index in 0..<40 {
            cache.put("page \(index)", Self.entry(1, bytes: 1_000))
            // Read between writes, the often-read page moves to the young generation each time it ages.
            #expect(cache.get("often", version: 1) != nil, "after \(index) other pages")
            #expect(cache.usage.bytes <= 10_000 + 1_100)
        }
        #expect(cache.get("page 0", version: 1) == nil, "the oldest page, never read, is gone")
        #expect(cache.get("page 39", version: 1) != nil)
    }

    /// The body is kept in a buffer of its own size, not in the one it was written into.
    @Test func aBodyIsKeptAtItsOwnSize() {
        let cache = PageCache(budget: 100_000)
        var grown = ByteBufferAllocator().buffer(capacity: 16_384)
        grown.writeString(String(repeating: "a", count: 100))
        cache.put("small", .init(version: 1, body: grown, headers: [:]))
        #expect(cache.usage.bytes < 1_000)
        #expect(cache.get("small", version: 1)?.body.readableBytes == 100)
    }

    @Test func theSearchCacheIsOnUnlessTheEnvironmentSaysZero() throws {
        #expect(try AppSettings.fromEnvironment([:]).searchCache)
        #expect(try AppSettings.fromEnvironment(["SANKOFA_SEARCH_CACHE": "1"]).searchCache)
        #expect(try !AppSettings.fromEnvironment(["SANKOFA_SEARCH_CACHE": "0"]).searchCache)
    }

    @Test func anotherDataVersionIsAMissAndATooLargeResponseIsNotKept() {
        let cache = PageCache(budget: 10_000)
        cache.put("a", Self.entry(1, bytes: 100))
        #expect(cache.get("a", version: 2) == nil)
        cache.put("a", Self.entry(2, bytes: 100))
        #expect(cache.get("a", version: 2)?.version == 2)
        #expect(cache.usage.entries == 1)
        cache.put("big", Self.entry(2, bytes: 6_000))
        #expect(cache.get("big", version: 2) == nil)
    }

    @Test func searchesHaveACacheOfTheirOwnAndTheRestOfTheAPIIsCachedAsPages() {
        #expect(PageCacheMiddleware.kind(of: "/fr/search") == .search)
        #expect(PageCacheMiddleware.kind(of: "/api/v1/search") == .search)
        #expect(PageCacheMiddleware.kind(of: "/fr/practices") == .page)
        #expect(PageCacheMiddleware.kind(of: "/ar/") == .page)
        #expect(PageCacheMiddleware.kind(of: "/api/v1/practices") == .page)
        #expect(PageCacheMiddleware.kind(of: "/api/v1/experts/some-one") == .page)
        #expect(PageCacheMiddleware.kind(of: "/api/v2/practices") == nil)
        #expect(PageCacheMiddleware.kind(of: "/") == nil)
    }

    /// The kind is read without an array now; it answers as the split of the path it replaced.
    @Test func theKindIsWhatSplittingThePathGives() {
        func split(_ path: String) -> PageCacheMiddleware.Kind? {
            let parts = path.split(separator: "/")
            if parts.count >= 3, parts[0] == "api", parts[1] == "v1" { return parts.count == 3 && parts[2] == "search" ? .search : .page }
            guard parts.first?.count == 2 else { return nil }
            return parts.count > 1 && parts[1] == "search" ? .search : .page
        }
        let paths = ["", "/", "//", "/en", "/en/", "//en//search", "/en/search/", "/en/search/more", "/en/searching", "/api",
                     "/api/v1", "/api/v1/", "/api/v1/search", "/api//v1//search/", "/api/v1/search/more", "/api/v2/search",
                     "api/v1/search", "/healthz", "/assets/sankofa.1.css", "/zh/搜索", "/é́s/search", "/e/search", "/eng/search"]
        for path in paths { #expect(PageCacheMiddleware.kind(of: path) == split(path), "\(path)") }
    }

    /// A visitor's search is answered from the cache while the data version stands, and searched
    /// again once it moves. The version is put back by hand after a save to show that the answer
    /// really came from the cache and not from a new search.
    @Test(arguments: TestEngine.all)
    func aVisitorsSearchIsCachedUntilTheDataChanges(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(SearchFixtures.records), pageCache: true) { app in
            #expect(try await SearchTests.slugs(app, "coaching").isEmpty)
            let page = try await app.get("/en/search?q=coaching")
            #expect(page.status == .ok)
            #expect(!page.text.contains("Coaching networks"))

            var record = SearchFixtures.records[5]
            record.translations[.en]?.title = "Coaching networks for returnees"
            try await PracticeStore(database: app.db).save(record)
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE data_version SET version = version - 1 WHERE name = 'public'").run()
            #expect(try await SearchTests.slugs(app, "coaching").isEmpty, "served from the cache")
            let cached = try await app.get("/en/search?q=coaching")
            #expect(!cached.text.contains("Coaching networks"))
            #expect(cached.headers.contentType == .html, "a cached page keeps its headers")
            // A request with credentials is never answered from the cache.
            for header in [("Cookie", "theme=dark"), ("Authorization", "Bearer anything")] {
                let fresh = try await app.get("/en/search?q=coaching", headers: [header.0: header.1])
                #expect(fresh.text.contains("Coaching networks"), "\(header.0)")
            }

            try await DataVersion.bump(on: app.db)
            #expect(try await SearchTests.slugs(app, "coaching") == ["title-mentoring"])
            let fresh = try await app.get("/en/search?q=coaching")
            #expect(fresh.headers.contentType == .html)
            #expect(fresh.text.contains("Coaching networks"))
            let json = try await app.get("/api/v1/search?q=coaching")
            #expect(json.headers.contentType == .json, "a cached answer keeps its headers")
        }
    }

    /// A member's search is never stored, and never answered with the visitor's cached one.
    @Test(arguments: TestEngine.all)
    func membersAndVisitorsNeverShareACachedSearch(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small), pageCache: true) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("members-only", profile: .members))
            try await TestUsers.make(app, "member@example.org")
            let member = Browser(app)
            try await member.signIn("member@example.org")

            for round in 1...2 {
                let seen = try await member.get("/api/v1/search?q=titlemarkmembersonly").text
                #expect(seen.contains("\"slug\":\"members-only\""), "member, round \(round)")
                let visitor = try await app.get("/api/v1/search?q=titlemarkmembersonly").text
                #expect(!visitor.contains("members-only"), "visitor, round \(round)")
                let html = try await app.get("/en/search?q=titlemarkmembersonly").text
                #expect(!html.contains("Name membersonly"), "visitor's page, round \(round)")
            }
        }
    }
}
