import Foundation
import SankofaCore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

@Suite("JSON API")
struct APITests {
    @Test(arguments: TestEngine.all)
    func listAndDetail(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let list = try await app.get("/api/v1/practices?lang=ar")
            #expect(list.status == .ok)
            #expect(list.headers.contentType?.subType == "json")
            let body = try list.content.decode(PracticeListDTO.self)
            let dialogue = try #require(body.items.first { $0.slug == "prison-dialogue" })
            // No Arabic translation: the original French comes back, flagged as such.
            #expect(dialogue.language == "fr" && !dialogue.translated)
            #expect(dialogue.url.hasSuffix("/ar/practices/prison-dialogue"))

            let detail = try await app.get("/api/v1/practices/south-south-exchange")
            #expect(detail.status == .ok)
            let practice = try detail.content.decode(PracticeDTO.self)
            #expect(practice.scope == "interRegional")
            #expect(practice.regions == ["latinAmericaCaribbean", "asiaPacific"])
            #expect(practice.practice.translations[.en]?.title == "Reintegration know-how from Colombia to the Philippines")
        }
    }

    @Test(arguments: TestEngine.all)
    func badParametersAreA400NamingTheParameter(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let cases = [
                ("region=atlantis", "region"), ("pillar=5", "pillar"), ("pillar=II", "pillar"), ("theme=cooking", "theme"),
                ("maturity=old", "maturity"), ("scope=global", "scope"), ("evidence=rumour", "evidence"),
                ("country=XX", "country"), ("page=-1", "page"), ("page=0", "page"), ("page=abc", "page"),
                ("page=99999999999999999999999", "page"), ("perPage=1000", "perPage"), ("sort=random", "sort"), ("lang=de", "lang"),
                ("q=%00", "query"), ("q=%E0%A4", "query"), ("q=%C3%28", "query"),
            ]
            for (query, parameter) in cases {
                let response = try await app.get("/api/v1/practices?\(query)", headers: ["Accept": "application/json"])
                #expect(response.status == .badRequest, "\(query)")
                let error = try response.content.decode(APIError.self)
                #expect(error.error.parameter == parameter, "\(query)")
                #expect(!error.error.message.isEmpty)
            }
            let missing = try await app.get("/api/v1/practices/nothing-here")
            #expect(missing.status == .notFound)
            #expect(try missing.content.decode(APIError.self).error.status == 404)
        }
    }

    @Test(arguments: TestEngine.all)
    func openAPIDocumentDescribesTheEndpoints(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let response = try await app.get("/api/v1/openapi.json")
            #expect(response.status == .ok)
            let document = try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
            #expect(document["openapi"] as? String == "3.1.0")
            let paths = try #require(document["paths"] as? [String: Any])
            #expect(Set(paths.keys).isSuperset(of: ["/api/v1/practices", "/api/v1/practices/{slug}", "/api/v1/search", "/healthz"]))
            // Every facet parameter the server accepts is documented.
            let list = try #require((paths["/api/v1/practices"] as? [String: Any])?["get"] as? [String: Any])
            let names = Set(((list["parameters"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
            #expect(names == ["q", "region", "country", "pillar", "theme", "maturity", "scope", "evidence", "sort", "page", "perPage", "lang"])
        }
    }
}

@Suite("Bad input never breaks a page")
struct BadInputTests {
    @Test(arguments: TestEngine.all)
    // Broken escapes such as `%E0%A4%A` are repaired by Foundation's URL parser over HTTP only;
    // scripts/live-checks.py sends those to the running server.
    func htmlBadInputIsA4xxPageNeverA500(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let paths = [
                "/en/practices?region=atlantis", "/fr/practices?page=-1", "/ar/practices?page=99999999999999999999",
                "/es/practices?pillar=%3Cscript%3E", "/en/practices?q=%00", "/en/practices?q=%E0%A4",
                "/ru/practices/..%2F..%2Fetc%2Fpasswd", "/zh/practices/%3Cscript%3Ealert(1)%3C%2Fscript%3E",
                "/en/practices/UPPER-Case", "/en/practices/a--b", "/en/practices/" + String(repeating: "a", count: 300),
                "/xx/", "/en/nowhere", "/assets/../Package.swift",
            ]
            for path in paths {
                let response = try await app.get(path)
                #expect((400..<500).contains(Int(response.status.code)), "\(path) gave \(response.status.code)")
                #expect(response.text.contains("<html lang="), "\(path) is not a page")
                #expect(!response.text.contains("<script>alert"), "\(path) echoes markup")
            }
            let message = try await app.get("/fr/practices?region=atlantis")
            #expect(message.text.contains(escapeHTML(Catalogs.bundled.text("error.parameter.value", .fr, ["name": "region", "value": "atlantis"]))))
        }
    }

    @Test(arguments: TestEngine.all)
    func longAndHostileQueriesAreHandled(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let hostile = ["\"", "*", "NEAR", "AND", "-", "\"unbalanced", "(((", "%", "_", "'; DROP TABLE practices; --",
                           String(repeating: "x", count: 10_000), "<script>alert(1)</script>"]
            for query in hostile {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                let html = try await app.get("/en/practices?q=\(encoded)")
                #expect(html.status == .ok, "\(query.prefix(20))")
                #expect(!html.text.contains("<script>alert"))
                let json = try await app.get("/api/v1/practices?q=\(encoded)")
                // The API's document bounds `q` at 1,000 characters (a longer URL of multi-byte
                // letters outgrows what the HTTP server reads); the page reads what it is given.
                #expect(json.status == (query.count > 1000 ? .badRequest : .ok), "\(query.prefix(20))")
            }
            // The catalogue is still there after the SQL-looking query.
            #expect(try await app.get("/api/v1/practices").content.decode(PracticeListDTO.self).total == 3)
        }
    }
}

@Suite("Health")
struct HealthTests {
    @Test(arguments: TestEngine.all)
    func healthNamesTheEngine(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let response = try await app.get("/healthz")
            #expect(response.status == .ok)
            let body = try response.content.decode(HealthController.Health.self)
            #expect(body.database == (engine == .sqlite ? "sqlite" : "postgresql"))
        }
    }

    @Test
    func healthIs503WhenTheDatabaseDoesNotAnswer() async throws {
        let app = try await Application.make(.testing)
        do {
            // Nothing listens on port 1: the database cannot answer.
            try await configure(app, AppSettings(database: try .init(url: "postgres://nobody@127.0.0.1:1/none"), pageCache: false))
            let response = try await app.get("/healthz")
            #expect(response.status == .serviceUnavailable)
            #expect(try response.content.decode(HealthController.Health.self).database == "postgresql")
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }
}
