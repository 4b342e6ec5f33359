import Fluent
import Foundation
import SankofaStore
import SankofaWeb
import Testing
import Vapor
import VaporTesting

/// Runs `body` against a fresh application on `engine`, migrated and loaded with `data`.
/// PostgreSQL tests each get a schema of their own (pointfreeco's isolation), dropped afterwards.
public func withTestApp<T>(
    _ engine: TestEngine, data: TestData = .demo, pageCache: Bool = false, searchLimits: SearchLimits = .standard,
    _ body: (Application) async throws -> T
) async throws -> T {
    try await PostgresTestSlots.run(engine) {
        try await withTestAppHoldingSlot(engine, data: data, pageCache: pageCache, searchLimits: searchLimits, body)
    }
}

private func withTestAppHoldingSlot<T>(
    _ engine: TestEngine, data: TestData, pageCache: Bool, searchLimits: SearchLimits,
    _ body: (Application) async throws -> T
) async throws -> T {
    let app = try await Application.make(.testing)
    // A thread pool of its own (Vapor starts and shuts it down). Every SQLite statement, password
    // hash and template read runs on the application's pool, by default the process's one pool
    // of a thread per core: with forty test apps at once in one process, a test's four writes
    // queued behind other suites' hashes and statements until one waited a minute for the
    // connection (connectionRequestTimeout in the full run only). A server has one app a process.
    app.threadPool = NIOThreadPool(numberOfThreads: 2)
    app.logger.logLevel = .warning
    let schema = TestSchema()
    do {
        let (database, searchPath) = try engine.settings(schema: schema)
        var settings = AppSettings(database: database, searchPath: searchPath, autoMigrate: false, pageCache: pageCache)
        settings.searchLimits = searchLimits
        // Suites make hundreds of API calls a minute from one (unknown) address; the limits' own
        // suite sets them on `app.apiRateLimiter` (APITokenTests).
        settings.apiRateLimits = .off
        try await configure(app, settings)
        if engine == .postgres { try await schema.create(on: app.db) }
        try await app.autoMigrate()
        try await data.load(on: app.db)
        let result = try await body(app)
        try await teardown(app, engine, schema)
        return result
    } catch {
        // PostgreSQL errors hide their details from `description`; a failing test needs them.
        Issue.record("\(engine): \(String(reflecting: error))")
        try? await teardown(app, engine, schema)
        throw error
    }
}

private func teardown(_ app: Application, _ engine: TestEngine, _ schema: TestSchema) async throws {
    if engine == .postgres { await schema.drop(on: app.db) }
    try await app.asyncShutdown()
}

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
