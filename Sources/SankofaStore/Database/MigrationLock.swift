import FluentKit
import Foundation
import SQLKit
#if canImport(Glibc)
import Glibc
#endif

/// Makes migrations started on several nodes at once run once. Fluent's migrator reads which
/// migrations ran, then runs the others, with nothing in between: two nodes started together
/// both ran migration 001 on an empty database, and the second failed on a table the first had
/// just made. So whoever migrates holds a lock for the whole run; a second migrator waits, then
/// finds every migration recorded and has nothing to do.
///
/// - PostgreSQL: a session-level advisory lock on one connection kept for the whole run (the
///   migrator's own statements go through the pool, and some of them are not in a
///   transaction, so a transaction-level lock would not cover them). Keyed by the schema
///   migrated, so that databases of several schemas (the tests') do not wait for each other.
///   If the node dies, its connection closes and PostgreSQL drops the lock.
/// - SQLite: `flock` on a file beside the database (`PATH.migrate.lock`), so that two processes
///   on one file wait for each other too. The kernel drops it when the process dies.
/// - An in-memory SQLite database is private to its process: no lock.
public enum MigrationLock {
    /// The first half of the advisory lock's key ("Skf1"); the second is the schema's hash.
    public static let postgresClassID: Int32 = 0x536B_6631

    /// Runs `body` holding the migration lock of the database `settings` names (`database` is
    /// that database, for PostgreSQL's lock connection). The lock is released afterwards, also
    /// when `body` throws.
    public static func holding<T: Sendable>(
        _ settings: DatabaseSettings, on database: any Database, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        switch settings {
        case .postgres:
            return try await database.withConnection { connection in
                try await advisoryLock(on: connection as! any SQLDatabase, body)
            }
        case .sqliteFile(let path):
            return try await FileLock(path: path + ".migrate.lock").holding(body)
        case .sqliteMemory:
            return try await body()
        }
    }

    private static func advisoryLock<T: Sendable>(on sql: any SQLDatabase, _ body: @Sendable () async throws -> T) async throws -> T {
        // The same two keys in both calls; coalesce: current_schema() is NULL when no schema of
        // the search path exists, and pg_advisory_lock(…, NULL) locks nothing.
        let key = "\(postgresClassID), hashtext(coalesce(current_schema(), ''))"
        try await sql.raw("SELECT pg_advisory_lock(\(unsafeRaw: key))::text AS locked").run()
        do {
            let result = try await body()
            try await sql.raw("SELECT pg_advisory_unlock(\(unsafeRaw: key))::text AS unlocked").run()
            return result
        } catch {
            // If even this fails the connection is broken, and PostgreSQL drops the lock with it.
            _ = try? await sql.raw("SELECT pg_advisory_unlock(\(unsafeRaw: key))::text AS unlocked").run()
            throw error
        }
    }
}

/// An exclusive `flock(2)` on a file (made if missing, never removed: removing it would let a
/// third process lock a new file while the second holds the old one). Each `holding` opens the
/// file again, and flock locks belong to that open file description, so two holders conflict
/// even within one process.
public struct FileLock: Sendable {
    public let path: String

    public init(path: String) { self.path = path }

    public func holding<T: Sendable>(_ body: @Sendable () async throws -> T) async throws -> T {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileLockError.cannotOpen(path, errno) }
        defer { close(descriptor) }  // closing releases the lock too
        // Tried without blocking and retried after a pause, so that no thread of the pool is
        // held while another node migrates (minutes, on a large database).
        while flock(descriptor, LOCK_EX | LOCK_NB) != 0 {
            guard errno == EWOULDBLOCK || errno == EINTR else { throw FileLockError.cannotLock(path, errno) }
            try await Task.sleep(nanoseconds: 50_000_000)
        }
        do {
            let result = try await body()
            flock(descriptor, LOCK_UN)
            return result
        } catch {
            flock(descriptor, LOCK_UN)
            throw error
        }
    }

    /// Whether another holder has the lock now (for tests and diagnostics).
    public func isHeld() throws -> Bool {
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw FileLockError.cannotOpen(path, errno) }
        defer { close(descriptor) }
        if flock(descriptor, LOCK_EX | LOCK_NB) == 0 { return false }
        return errno == EWOULDBLOCK
    }
}

public enum FileLockError: Error, CustomStringConvertible {
    case cannotOpen(String, Int32)
    case cannotLock(String, Int32)

    public var description: String {
        switch self {
        case .cannotOpen(let path, let code): "cannot open the lock file \(path): \(String(cString: strerror(code)))"
        case .cannotLock(let path, let code): "cannot lock \(path): \(String(cString: strerror(code)))"
        }
    }
}

/// Fluent's migrations, run under ``MigrationLock``: `sankofa migrate`, `serve` with
/// `SANKOFA_AUTO_MIGRATE=1` or `--auto-migrate`, and the tests that start two migrators at once.
public enum LockedMigrations {
    /// Sets up the migrations table if needed and runs every migration not yet recorded, in one
    /// batch. Returns the names of those it ran: none when another node ran them first.
    @discardableResult
    public static func prepare(_ migrator: Migrator, settings: DatabaseSettings, on database: any Database) async throws -> [String] {
        try await MigrationLock.holding(settings, on: database) {
            try await migrator.setupIfNeeded().get()
            let pending = try await migrator.previewPrepareBatch().get().map { $0.0.name }
            if !pending.isEmpty { try await migrator.prepareBatch().get() }
            return pending
        }
    }
}
