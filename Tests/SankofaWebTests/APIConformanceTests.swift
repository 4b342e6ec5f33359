import Foundation
import SankofaCore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// The API holds to its OpenAPI document: a method a path does not take is a 405 naming the ones
/// it does, and every declared query parameter is checked against its declared schema (values
/// the code owns, such as country codes, filled into the document from the code's own lists).
/// `scripts/api-conformance` runs schemathesis for the rest.
@Suite("API conformance")
struct APIConformanceTests {
    @Test(arguments: TestEngine.all)
    func undeclaredMethodsAre405WithAllow(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            for (method, path) in [(HTTPMethod.POST, "/api/v1/practices"), (.DELETE, "/api/v1/practices/prison-dialogue"),
                                   (.PUT, "/api/v1/experts"), (.PATCH, "/healthz"), (.POST, "/api/v1/openapi.json")] {
                let response = try await app.send(method, path)
                #expect(response.status == .methodNotAllowed, "\(method) \(path)")
                #expect(response.headers.first(name: .allow) == "GET, HEAD", "\(method) \(path)")
                let error = try response.content.decode(APIError.self)
                #expect(error.error.status == 405)
            }
            // A path that does not exist stays a 404, whatever the method; a GET still answers.
            #expect(try await app.send(.POST, "/api/v1/nothing-here").status != .methodNotAllowed)
            #expect(try await app.get("/api/v1/practices/prison-dialogue").status == .ok)
            #expect(try await app.send(.HEAD, "/api/v1/practices").status == .ok)
            // HTML pages keep their own answers.
            #expect(try await app.send(.DELETE, "/en/practices").status != .methodNotAllowed)
        }
    }

    @Test(arguments: TestEngine.all)
    func declaredParametersAreHeldToTheirSchema(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let refused = [
                ("/api/v1/exchanges?perPage=", "perPage"), ("/api/v1/forum/categories?lang=", "lang"),
                ("/api/v1/courses?month=2026-13", "month"), ("/api/v1/courses?month=0000-01", "month"),
                ("/api/v1/experts?country=AA", "country"), ("/api/v1/centres?country=ne", "country"),
                ("/api/v1/experts?language=zz", "language"), ("/api/v1/practices?pillar=1.5", "pillar"),
                ("/api/v1/search?q=" + String(repeating: "a", count: 1001), "q"),
            ]
            for (path, parameter) in refused {
                let response = try await app.get(path)
                #expect(response.status == .badRequest, "\(path)")
                #expect(try response.content.decode(APIError.self).error.parameter == parameter, "\(path)")
            }
            for path in ["/api/v1/courses?month=2026-12", "/api/v1/experts?country=NE&country=SN", "/api/v1/experts?language=fr",
                         "/api/v1/search?q=" + String(repeating: "a", count: 1000), "/api/v1/practices?country=NE"] {
                #expect(try await app.get(path).status == .ok, "\(path)")
            }
        }
    }

    @Test func theDocumentListsTheCodesTheServerAccepts() throws {
        let url = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Resources/OpenAPI/openapi.json")
        let document = try OpenAPIDocument(contentsOf: url)
        let served = try #require(try JSONSerialization.jsonObject(with: document.data) as? [String: Any])
        #expect(!String(decoding: document.data, as: UTF8.self).contains("x-sankofa-values"))
        let experts = try #require(document.operations.first { $0.method == "GET" && $0.segments == ["api", "v1", "experts"] })
        let country = try #require(experts.parameters.first { $0.name == "country" })
        #expect(country.schema.problem("NE") == nil && country.schema.problem("ZZ") != nil)
        #expect(Countries.all.allSatisfy { country.schema.problem($0) == nil })
        #expect(served["paths"] != nil)
    }
}

extension Application {
    func send(_ method: HTTPMethod, _ path: String) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        try await testing().test(method, path) { response in result = response }
        return result!
    }
}
