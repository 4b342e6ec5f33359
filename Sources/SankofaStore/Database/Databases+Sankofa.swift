import FluentKit
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation
import SQLKit

extension DatabaseSettings {
    /// Registers the engine with Fluent. `searchPath` lets PostgreSQL tests isolate
    /// themselves in a schema of their own.
    public func register(on databases: Databases, searchPath: [String]? = nil) throws {
        switch self {
        case .sqliteFile(let path):
            let folder = URL(fileURLWithPath: path).deletingLastPathComponent().path
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            databases.use(.sqlite(.file(path), sqlLogLevel: nil), as: .sqlite)
        case .sqliteMemory:
            databases.use(.sqlite(.memory, sqlLogLevel: nil), as: .sqlite)
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = searchPath
            databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, sqlLogLevel: .trace), as: .psql)
        }
    }

    /// Engine settings that live in the database file: write-ahead logging (readers never wait
    /// for the writer) and full fsync. sqlite-nio turns foreign keys on per connection and
    /// installs a busy handler that retries, which serves as the busy timeout.
    public func prepare(_ database: any Database) async throws {
        guard case .sqliteFile = self, let sql = database as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await sql.raw("PRAGMA synchronous=FULL").run()
    }
}

/// Answers whether the database answers, for `/healthz`.
public enum DatabaseHealth {
    public static func check(_ database: any Database) async -> Bool {
        guard let sql = database as? any SQLDatabase else { return false }
        do {
            _ = try await sql.raw("SELECT 1 AS ok").first()
            return true
        } catch {
            return false
        }
    }
}
