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
            databases.use(SQLiteWithReads(path: path, temporary: false), as: .sqlite)
        case .sqliteMemory:
            // sqlite-kit keeps a "memory" database in a temporary file too (sqlite-nio is built
            // without shared cache); naming the file here lets the search connections open it.
            let path = URL(fileURLWithPath: Self.memoryFolder)
                .appendingPathComponent("sankofa-memory-\(ProcessInfo.processInfo.processIdentifier)-\(UUID().uuidString).sqlite").path
            databases.use(SQLiteWithReads(path: path, temporary: true), as: .sqlite)
        case .postgres(let url):
            var configuration = try SQLPostgresConfiguration(url: url)
            configuration.searchPath = searchPath
            databases.use(.postgres(configuration: configuration, maxConnectionsPerEventLoop: 4, sqlLogLevel: .trace), as: .psql)
        }
    }

    /// Where a "memory" database's file goes: shared memory (tmpfs) when the system has it, so
    /// that its commits cost no disk flush. On a disk each commit's fsyncs took 4.5 ms on this
    /// kind of machine (0.2 ms on tmpfs), and forty test apps at once, each migrating and
    /// writing, queued behind the disk until requests waited a minute for their connection.
    /// The file is thrown away at shutdown, so it never needed to survive a power cut.
    static let memoryFolder: String = {
        let shared = "/dev/shm"
        return FileManager.default.isWritableFile(atPath: shared) ? shared : NSTemporaryDirectory()
    }()

    /// Engine settings that live in the database file: write-ahead logging (readers never wait
    /// for the writer) and full fsync. sqlite-nio turns foreign keys on per connection and
    /// installs a busy handler that retries, which serves as the busy timeout.
    public func prepare(_ database: any Database) async throws {
        guard case .sqliteFile = self, let sql = database as? any SQLDatabase else { return }
        try await sql.raw("PRAGMA journal_mode=WAL").run()
        try await sql.raw("PRAGMA synchronous=FULL").run()
    }
}

/// A bulk write on SQLite with a 256 MB page cache on its connection (the default is 2 MB) and
/// its statement journals in memory, both put back afterwards. An import inserts into a dozen
/// b-tree indexes, most keyed in another order than the rows come: with the default cache
/// SQLite wrote pages out and read them back all the time, and each 500-row INSERT wrote the
/// pages it changed to a temporary file in case it had to be undone (together a third of a
/// 100,000-practice import).
/// Other engines run `body` as it is.
public enum BulkWrite {
    public static func withLargeCache<T>(on database: any Database, _ body: () async throws -> T) async throws -> T {
        guard let sql = database as? any SQLDatabase, sql.dialect.name == "sqlite" else { return try await body() }
        let cache = try await sql.raw("PRAGMA cache_size").first()?.decode(column: "cache_size", as: Int.self) ?? -2_000
        let temp = try await sql.raw("PRAGMA temp_store").first()?.decode(column: "temp_store", as: Int.self) ?? 0
        try await sql.raw("PRAGMA cache_size = -262144").run()
        // SQLite refuses to change temp_store inside a transaction once this connection has
        // opened its temporary database; the import then runs with the journals on disk.
        let tempChanged = (try? await sql.raw("PRAGMA temp_store = MEMORY").run()) != nil
        func restore() async throws {
            try await sql.raw("PRAGMA cache_size = \(unsafeRaw: String(cache))").run()
            if tempChanged { _ = try? await sql.raw("PRAGMA temp_store = \(unsafeRaw: String(temp))").run() }
        }
        do {
            let result = try await body()
            try await restore()
            return result
        } catch {
            try? await restore()
            throw error
        }
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
