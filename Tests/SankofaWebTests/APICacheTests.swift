import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// The JSON API's lists and records are kept for visitors like the pages: until the next write.
@Suite("JSON API answers cached for visitors")
struct APICacheTests {
    static let paths = ["/api/v1/practices?theme=prisons", "/api/v1/practices/regional-training", "/api/v1/experts",
                        "/api/v1/centres", "/api/v1/courses"]

    /// A save changes what every path answers; the data version is then put back by hand, so an
    /// answer that does not change came from the cache, not from the database.
    @Test(arguments: TestEngine.all)
    func aVisitorsAnswerIsCachedUntilTheDataVersionMoves(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small), pageCache: true) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("first-expert"))
            try await DirectoryFixtures.saveCentreAndCourse(app, slug: "first-centre")
            for path in Self.paths { #expect(try await app.get(path).status == .ok, "\(path)") }
            let version = try await DataVersion.current(on: app.db)

            var record = try #require(Fixtures.small.first { $0.slug == "regional-training" })
            record.translations[.en]?.title = "Renamed training for prison officers"
            try await PracticeStore(database: app.db).save(record)
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("second-expert"))
            try await DirectoryFixtures.saveCentreAndCourse(app, slug: "second-centre")
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE data_version SET version = \(bind: version) WHERE name = 'public'").run()

            let changed = ["Renamed training", "Renamed training", "second-expert", "second-centre", "second-centre"]
            for (path, mark) in zip(Self.paths, changed) {
                let cached = try await app.get(path)
                #expect(!cached.text.contains(mark), "\(path) served from the cache")
                #expect(cached.headers.contentType == .json, "\(path) keeps its headers")
                // A request with credentials is never answered from the cache.
                #expect(try await app.get(path, headers: ["Cookie": "theme=dark"]).text.contains(mark), "\(path) with a cookie")
            }
            try await DataVersion.bump(on: app.db)
            for (path, mark) in zip(Self.paths, changed) {
                #expect(try await app.get(path).text.contains(mark), "\(path) after the data version moved")
            }
        }
    }

    /// A member sees profiles a visitor does not: neither is answered with the other's list.
    @Test(arguments: TestEngine.all)
    func membersAndVisitorsNeverShareACachedList(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small), pageCache: true) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("members-only", profile: .members))
            try await TestUsers.make(app, "member@example.org")
            let member = Browser(app)
            try await member.signIn("member@example.org")
            for round in 1...2 {
                #expect(!(try await app.get("/api/v1/experts").text.contains("members-only")), "visitor, round \(round)")
                #expect(try await member.get("/api/v1/experts").text.contains("members-only"), "member, round \(round)")
            }
        }
    }

    /// A token holder and a member read a profile's members-only field; the visitor, asking before
    /// and after them (the second time from the cache), never gets it, and they never get the
    /// visitor's cached answer.
    @Test(arguments: TestEngine.all)
    func tokenHoldersAndMembersGetTheirOwnAnswerAndNoPrivateFieldReachesTheCache(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty, pageCache: true) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("open-profile", fields: [.biography: .members]))
            try await TestUsers.make(app, "partner@example.org")
            let (member, secret) = try await APITokenTests.token(app, "partner@example.org", scopes: [.directoryRead])
            let path = "/api/v1/experts/open-profile"
            for round in 1...2 {
                let token = try await APITokenTests.api(app, path, secret: secret)
                #expect(token.status == .ok && token.text.contains("biographymark"), "token holder, round \(round)")
                #expect(try await member.get(path).text.contains("biographymark"), "member, round \(round)")
                let visitor = try await app.get(path)
                #expect(visitor.status == .ok && !visitor.text.contains("biographymark"), "visitor, round \(round)")
                #expect(visitor.text.contains("open-profile"), "visitor, round \(round)")
            }
        }
    }

    /// The rate limit runs before the cache: an answer served from it is counted, and carries this
    /// request's RateLimit-* headers, not those of the request that filled it.
    @Test(arguments: TestEngine.all)
    func aCachedAnswerIsCountedAndCarriesItsOwnRateLimitHeaders(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small), pageCache: true) { app in
            app.apiRateLimiter.limits = APIRateLimits(anonymous: 3, token: 5, window: 3600)
            let path = "/api/v1/practices/regional-training"
            let first = try await app.get(path)
            #expect(first.status == .ok && first.headers.first(name: "RateLimit-Remaining") == "2")
            // Renamed, the version put back by hand: what follows comes from the cache.
            let version = try await DataVersion.current(on: app.db)
            var record = try #require(Fixtures.small.first { $0.slug == "regional-training" })
            record.translations[.en]?.title = "Renamed training for prison officers"
            try await PracticeStore(database: app.db).save(record)
            try await (app.db as! any SQLDatabase).raw("UPDATE data_version SET version = \(bind: version) WHERE name = 'public'").run()
            for remaining in ["1", "0"] {
                let cached = try await app.get(path)
                #expect(cached.status == .ok && !cached.text.contains("Renamed training"), "served from the cache")
                #expect(cached.headers.first(name: "RateLimit-Remaining") == remaining)
                #expect(cached.headers.first(name: "RateLimit-Limit") == "3")
                #expect(cached.headers.contentType == .json)
            }
            let refused = try await app.get(path)
            #expect(refused.status == .tooManyRequests && refused.headers.first(name: "RateLimit-Remaining") == "0")
        }
    }

    @Test func thePageCacheIsOnUnlessTheEnvironmentSaysZero() throws {
        #expect(try AppSettings.fromEnvironment([:]).pageCache)
        #expect(try !AppSettings.fromEnvironment(["SANKOFA_PAGE_CACHE": "0"]).pageCache)
    }
}
