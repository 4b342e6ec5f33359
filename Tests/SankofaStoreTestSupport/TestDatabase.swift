import FluentKit
import Foundation
import NIOPosix
import SankofaCore
import SankofaStore
import Testing

public enum TestData: Sendable {
    case empty
    case demo
    case records([PracticeRecord])

    public func load(on database: any Database) async throws {
        switch self {
        case .empty: break
        case .demo: _ = try await DemoData.load(from: Fixtures.demoFolder, on: database)
        case .records(let records): _ = try await PracticeImport.run(records, on: database)
        }
    }
}

/// Runs `body` against a fresh database on `engine`, migrated and loaded with `data`. No
/// application: the store's tests build neither the web target nor Vapor's `configure`.
/// PostgreSQL tests each get a schema of their own, dropped afterwards.
public func withTestDatabase<T>(
    _ engine: TestEngine, data: TestData = .demo, _ body: (any Database) async throws -> T
) async throws -> T {
    try await PostgresTestSlots.run(engine) { try await withTestDatabaseHoldingSlot(engine, data: data, body) }
}

private func withTestDatabaseHoldingSlot<T>(
    _ engine: TestEngine, data: TestData, _ body: (any Database) async throws -> T
) async throws -> T {
    let schema = TestSchema()
    do {
        let (settings, searchPath) = try engine.settings(schema: schema)
        return try await withDatabase(settings, searchPath: searchPath) { database in
            if engine == .postgres { try await schema.create(on: database) }
            do {
                try await TestMigrations.apply(on: database)
                try await data.load(on: database)
                let result = try await body(database)
                if engine == .postgres { await schema.drop(on: database) }
                return result
            } catch {
                if engine == .postgres { await schema.drop(on: database) }
                throw error
            }
        }
    } catch {
        // PostgreSQL errors hide their details from `description`; a failing test needs them.
        Issue.record("\(engine): \(String(reflecting: error))")
        throw error
    }
}

/// Runs `body` against the database `settings` name, as Fluent registers it for the server,
/// and closes it afterwards (a temporary SQLite file is removed then).
public func withDatabase<T>(
    _ settings: DatabaseSettings, searchPath: [String]? = nil, _ body: (any Database) async throws -> T
) async throws -> T {
    let databases = Databases(threadPool: .singleton, on: MultiThreadedEventLoopGroup.singleton)
    var logger = Logger(label: "sankofa.test")
    logger.logLevel = .warning
    do {
        try settings.register(on: databases, searchPath: searchPath)
        let database = try #require(databases.database(logger: logger, on: databases.eventLoopGroup.any()))
        let result = try await body(database)
        await databases.shutdownAsync()
        return result
    } catch {
        await databases.shutdownAsync()
        throw error
    }
}

/// Every migration of ``SankofaMigrations``, applied or reverted on one database, as
/// `sankofa migrate` and Fluent's auto-migrate do for the application.
public enum TestMigrations {
    public static func apply(on database: any Database) async throws {
        let migrator = migrator(on: database)
        try await migrator.setupIfNeeded().flatMap { migrator.prepareBatch() }.get()
    }

    public static func revertAll(on database: any Database) async throws {
        let migrator = migrator(on: database)
        try await migrator.setupIfNeeded().flatMap { migrator.revertAllBatches() }.get()
    }

    private static func migrator(on database: any Database) -> Migrator {
        let migrations = Migrations()
        migrations.add(SankofaMigrations.all)
        return Migrator(databaseFactory: { _ in database }, migrations: migrations, on: database.eventLoop)
    }
}
