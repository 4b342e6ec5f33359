import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// `/api/v1/exchanges`: public summaries only, the same whoever asks (both engines). An exchange
/// only one side agreed to publish, or none, or whose agreement was withdrawn, is never listed or
/// counted, and its number answers exactly as a number that does not exist; a published one shows
/// its summary's fields and nothing else (no title, description, place, institution or person).
@Suite("Cooperation isolation: the exchanges API")
struct CooperationIsolationAPITests {
    static let secret = "Quokkaplan"
    static let now = 1_780_000_000

    /// The fields a summary has, and only those.
    static let summaryFields: Set<String> = ["id", "url", "demo", "type", "status", "scope", "triangular", "themes", "startsOn", "endsOn",
                                             "providers", "beneficiaries", "partners", "regions"]

    /// An exchange whose every word carries the secret, and its agreements as asked.
    static func exchange(_ app: Application, type: ExchangeType = .peerReview, starts: String = "2025-03-02", ends: String = "2025-03-06",
                         parties: [ExchangeParty], agreed: [ExchangeSide] = [], themes: [Theme] = [.prisons, .youth]) async throws -> Int {
        let record = ExchangeRecord(
            title: "\(secret) peer review", description: "The \(secret) description names Dr \(secret).", language: .en, type: type,
            status: .held, startsOn: starts, endsOn: ends, place: "\(secret) hall", themes: themes, pillars: [.preventingCombating],
            parties: parties.map { ExchangeParty(side: $0.side, country: $0.country, institution: "\(secret) Ministry of \($0.country)") })
        let id = try await Exchanges(database: app.db).create(record, createdBy: nil, now: now)
        for side in agreed { try await Exchanges(database: app.db).agree(id, side: side, agreed: true, actorID: nil, now: now) }
        return id
    }

    static let triangular = [ExchangeParty(side: .provider, country: "BR"), ExchangeParty(side: .beneficiary, country: "KE"),
                             ExchangeParty(side: .partner, country: "NO")]
    static let bilateral = [ExchangeParty(side: .provider, country: "SN"), ExchangeParty(side: .beneficiary, country: "NE")]

    struct World {
        var published: Int, providerOnly: Int, beneficiaryOnly: Int, neither: Int, withdrawn: Int
    }

    static func world(_ app: Application) async throws -> World {
        let published = try await exchange(app, parties: triangular, agreed: [.provider, .beneficiary])
        let providerOnly = try await exchange(app, parties: bilateral, agreed: [.provider])
        let beneficiaryOnly = try await exchange(app, parties: bilateral, agreed: [.beneficiary])
        let neither = try await exchange(app, parties: bilateral)
        let withdrawn = try await exchange(app, parties: bilateral, agreed: [.provider, .beneficiary])
        try await Exchanges(database: app.db).agree(withdrawn, side: .beneficiary, agreed: false, actorID: nil, now: now + 1)
        return World(published: published, providerOnly: providerOnly, beneficiaryOnly: beneficiaryOnly, neither: neither, withdrawn: withdrawn)
    }

    static func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    @Test("Only summaries both sides agreed to, with the summary's fields only, the same for a visitor, a member and an admin",
          arguments: TestEngine.all)
    func onlyPublicSummaries(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let world = try await Self.world(app)
            _ = try await TestUsers.make(app, "member@example.org")
            _ = try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin])
            var browsers = [Browser(app)]
            for email in ["member@example.org", "admin@example.org"] {
                let browser = Browser(app)
                try await browser.signIn(email)
                browsers.append(browser)
            }
            var answers: [String] = []
            for browser in browsers {
                let list = try await browser.get("/api/v1/exchanges")
                #expect(list.status == .ok)
                #expect(!list.text.contains(Self.secret), "no title, description, place or institution in a summary")
                let body = try Self.json(list)
                #expect(body["total"] as? Int == 1)
                let items = try #require(body["items"] as? [[String: Any]])
                #expect(items.map { $0["id"] as? Int } == [world.published])
                let item = try #require(items.first)
                #expect(Set(item.keys) == Self.summaryFields)
                #expect(item["providers"] as? [String] == ["BR"] && item["beneficiaries"] as? [String] == ["KE"])
                #expect(item["partners"] as? [String] == ["NO"] && item["triangular"] as? Bool == true)
                #expect(item["scope"] as? String == "interRegional" && item["regions"] as? [String] == ["africa", "latinAmericaCaribbean"])
                #expect(item["themes"] as? [String] == ["prisons", "youth"] && item["type"] as? String == "peerReview")
                #expect(item["startsOn"] as? String == "2025-03-02" && item["status"] as? String == "held")

                let one = try await browser.get("/api/v1/exchanges/\(world.published)")
                #expect(one.status == .ok && !one.text.contains(Self.secret))
                #expect(Set(try Self.json(one).keys) == Self.summaryFields)
                answers.append(list.text + one.text)

                let unknown = try await browser.get("/api/v1/exchanges/999999")
                #expect(unknown.status == .notFound)
                for hidden in [world.providerOnly, world.beneficiaryOnly, world.neither, world.withdrawn] {
                    let response = try await browser.get("/api/v1/exchanges/\(hidden)")
                    #expect(response.status == .notFound, "exchange \(hidden)")
                    #expect(response.text == unknown.text, "exchange \(hidden) answers as one that does not exist")
                }
            }
            #expect(Set(answers).count == 1, "a session changes nothing")
        }
    }

    @Test("Filters by type, scope, region, year and triangular; pages; bad values are a 400 naming the parameter",
          arguments: TestEngine.all)
    func filtersAndPages(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let triangular = try await Self.exchange(app, parties: Self.triangular, agreed: [.provider, .beneficiary])
            let bilateral = try await Self.exchange(app, type: .training, starts: "2024-12-20", ends: "2025-01-10", parties: Self.bilateral,
                                                    agreed: [.provider, .beneficiary])
            let later = try await Self.exchange(app, type: .training, starts: "2026-05-01", ends: "2026-05-03", parties: Self.bilateral,
                                                agreed: [.provider, .beneficiary])
            _ = try await Self.exchange(app, type: .training, starts: "2026-06-01", ends: "2026-06-03", parties: Self.bilateral)
            func ids(_ query: String) async throws -> [Int] {
                let response = try await app.get("/api/v1/exchanges" + query)
                #expect(response.status == .ok, "\(query)")
                return (try Self.json(response)["items"] as? [[String: Any]] ?? []).compactMap { $0["id"] as? Int }
            }
            #expect(try await ids("") == [later, triangular, bilateral], "the latest to start first")
            #expect(try await ids("?type=training") == [later, bilateral])
            #expect(try await ids("?scope=bilateral") == [later, bilateral])
            #expect(try await ids("?scope=interRegional") == [triangular])
            #expect(try await ids("?region=latinAmericaCaribbean") == [triangular])
            #expect(try await ids("?region=africa") == [later, triangular, bilateral])
            #expect(try await ids("?region=middleEast") == [])
            #expect(try await ids("?year=2024") == [bilateral], "under way on a day of the year")
            #expect(try await ids("?year=2025") == [triangular, bilateral])
            #expect(try await ids("?triangular=true") == [triangular])
            #expect(try await ids("?triangular=false&type=training&year=2026") == [later])
            #expect(try await ids("?perPage=1&page=2") == [triangular])
            let page = try Self.json(try await app.get("/api/v1/exchanges?perPage=2&page=2"))
            #expect(page["total"] as? Int == 3 && page["pages"] as? Int == 2 && page["page"] as? Int == 2 && page["perPage"] as? Int == 2)
            for (query, parameter) in [("type=flight", "type"), ("scope=triangular", "scope"), ("region=atlantis", "region"),
                                       ("year=20x5", "year"), ("year=99999", "year"), ("triangular=yes", "triangular"),
                                       ("page=0", "page"), ("perPage=1000", "perPage"), ("type=%3Cscript%3E", "type")] {
                let response = try await app.get("/api/v1/exchanges?" + query)
                #expect(response.status == .badRequest, "\(query)")
                #expect(try response.content.decode(APIError.self).error.parameter == parameter, "\(query)")
                #expect(response.headers.contentType == .json, "\(query): JSON, where markup is only text")
            }
            for path in ["/api/v1/exchanges/abc", "/api/v1/exchanges/0", "/api/v1/exchanges/-1", "/api/v1/exchanges/99999999999999999999"] {
                #expect(try await app.get(path).status == .notFound, "\(path)")
            }
        }
    }

    @Test("A cached answer never outlives an agreement: withdrawn, the summary leaves the visitors' list at once",
          arguments: TestEngine.all)
    func cachedAnswersFollowAgreements(engine: TestEngine) async throws {
        // Agreeing and withdrawing move the data version (Exchanges), which every cached answer is kept under.
        try await withTestApp(engine, data: .empty, pageCache: true) { app in
            let id = try await Self.exchange(app, parties: Self.triangular, agreed: [.provider, .beneficiary])
            #expect(try Self.json(try await app.get("/api/v1/exchanges"))["total"] as? Int == 1)
            #expect(try await app.get("/api/v1/exchanges/\(id)").status == .ok)
            #expect(try await app.get("/en/exchanges/\(id)").status == .ok, "the public summary's page")
            try await Exchanges(database: app.db).agree(id, side: .provider, agreed: false, actorID: nil, now: Self.now + 5)
            #expect(try Self.json(try await app.get("/api/v1/exchanges"))["total"] as? Int == 0)
            #expect(try await app.get("/api/v1/exchanges/\(id)").status == .notFound)
            #expect(try await app.get("/en/exchanges/\(id)").status != .ok, "the page of a summary no longer public")
            let other = try await Self.exchange(app, parties: Self.bilateral, agreed: [.provider])
            #expect(try Self.json(try await app.get("/api/v1/exchanges"))["total"] as? Int == 0)
            try await Exchanges(database: app.db).agree(other, side: .beneficiary, agreed: true, actorID: nil, now: Self.now + 6)
            #expect(try Self.json(try await app.get("/api/v1/exchanges"))["total"] as? Int == 1, "a new agreement shows at once too")
        }
    }

    @Test("The OpenAPI document describes both routes, every parameter the list accepts and exactly the summary's fields",
          arguments: TestEngine.all)
    func openAPIDocument(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let document = try Self.json(try await app.get("/api/v1/openapi.json"))
            let paths = try #require(document["paths"] as? [String: Any])
            let routes = SiteURL.Route.allCases.filter { $0.pattern.hasPrefix("/api/v1/exchanges") }
            #expect(routes.count == 2)
            for route in routes {
                let path = route.pattern.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                let get = try #require((paths["/" + path] as? [String: Any])?["get"] as? [String: Any], "\(path)")
                let names = Set(((get["parameters"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
                for parameter in route.pattern.split(separator: "/") where parameter.hasPrefix(":") {
                    #expect(names.contains(String(parameter.dropFirst())), "\(path) documents \(parameter)")
                }
                if route == .apiExchanges { #expect(names == ["type", "scope", "region", "year", "triangular", "page", "perPage"]) }
            }
            let schemas = try #require((document["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let summary = try #require(schemas["ExchangeSummary"] as? [String: Any])
            #expect(Set((summary["properties"] as? [String: Any] ?? [:]).keys) == Self.summaryFields)
            let types = ((summary["properties"] as? [String: Any])?["type"] as? [String: Any])?["enum"] as? [String]
            #expect(types == ExchangeType.allCases.map(\.rawValue))
            let statuses = ((summary["properties"] as? [String: Any])?["status"] as? [String: Any])?["enum"] as? [String]
            #expect(statuses == ExchangeStatus.allCases.map(\.rawValue))
        }
    }
}
