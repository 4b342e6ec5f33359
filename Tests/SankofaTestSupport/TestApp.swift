import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import VaporTesting
import SankofaWeb

/// The engines every suite runs on. PostgreSQL joins when the test script has started a
/// throwaway cluster and exported `PG_TEST_URL`; `SANKOFA_REQUIRE_POSTGRES=1` (set by the
/// test script) makes its absence a failure rather than a silent skip.
public enum TestEngine: String, CaseIterable, Sendable, CustomTestStringConvertible {
    case sqlite, postgres

    public static var all: [TestEngine] {
        let environment = ProcessInfo.processInfo.environment
        if environment["PG_TEST_URL"] != nil { return [.sqlite, .postgres] }
        return environment["SANKOFA_REQUIRE_POSTGRES"] == "1" ? [.sqlite, .postgres] : [.sqlite]
    }

    public var testDescription: String { rawValue }
}

public enum TestData: Sendable {
    case empty
    case demo
    case records([PracticeRecord])
}

/// Runs `body` against a fresh application on `engine`, migrated and loaded with `data`.
/// PostgreSQL tests each get a schema of their own (pointfreeco's isolation), dropped afterwards.
public func withTestApp<T>(
    _ engine: TestEngine, data: TestData = .demo, pageCache: Bool = false, searchLimits: SearchLimits = .standard,
    _ body: (Application) async throws -> T
) async throws -> T {
    let app = try await Application.make(.testing)
    app.logger.logLevel = .warning
    let schema = "t_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16)
    do {
        var settings: AppSettings
        switch engine {
        case .sqlite:
            settings = AppSettings(database: .sqliteMemory, autoMigrate: false, pageCache: pageCache)
        case .postgres:
            guard let url = ProcessInfo.processInfo.environment["PG_TEST_URL"] else {
                Issue.record("PG_TEST_URL is not set: start PostgreSQL with scripts/test")
                throw TestSetupError.postgresMissing
            }
            settings = AppSettings(database: try DatabaseSettings(url: url), searchPath: [String(schema)], autoMigrate: false, pageCache: pageCache)
        }
        settings.searchLimits = searchLimits
        try await configure(app, settings)
        if engine == .postgres {
            try await (app.db as! any SQLDatabase).raw("CREATE SCHEMA \(unsafeRaw: String(schema))").run()
        }
        try await app.autoMigrate()
        switch data {
        case .empty: break
        case .demo: _ = try await DemoData.load(from: Fixtures.demoFolder, on: app.db)
        case .records(let records): _ = try await PracticeImport.run(records, on: app.db)
        }
        let result = try await body(app)
        try await teardown(app, engine, schema: String(schema))
        return result
    } catch {
        // PostgreSQL errors hide their details from `description`; a failing test needs them.
        Issue.record("\(engine): \(String(reflecting: error))")
        try? await teardown(app, engine, schema: String(schema))
        throw error
    }
}

private func teardown(_ app: Application, _ engine: TestEngine, schema: String) async throws {
    if engine == .postgres {
        try? await (app.db as? any SQLDatabase)?.raw("DROP SCHEMA IF EXISTS \(unsafeRaw: schema) CASCADE").run()
    }
    try await app.asyncShutdown()
}

public enum TestSetupError: Error { case postgresMissing }

extension Application {
    /// GET `path` and hand back the response, for tests that look at several things.
    public func get(_ path: String, headers: HTTPHeaders = [:]) async throws -> TestingHTTPResponse {
        var result: TestingHTTPResponse?
        try await testing().test(.GET, path, headers: headers) { response in result = response }
        return result!
    }
}

extension TestingHTTPResponse {
    public var text: String { body.string }
}

/// A bare application on given database settings, for store tests that look at the engine itself.
public enum TestApplication {
    public static func make(_ database: DatabaseSettings) async throws -> BareApplication {
        let app = try await Application.make(.testing)
        try database.register(on: app.databases)
        return BareApplication(app: app)
    }
}

public struct BareApplication: Sendable {
    let app: Application
    public var db: any Database { app.db }
    public func shutdown() async throws { try await app.asyncShutdown() }
}
