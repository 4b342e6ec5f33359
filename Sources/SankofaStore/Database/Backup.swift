import FluentKit
import Foundation

/// `sankofa backup` and `sankofa restore`: a consistent copy of the database taken while the
/// server runs, and its return into an empty database.
///
/// SQLite: `VACUUM INTO` on a connection of its own (one read transaction: a snapshot, the
/// server's writers never wait for it), written next to the target and renamed into place;
/// restored through SQLite's backup API (one write transaction) after the file's header, its
/// integrity and its migration table have been checked. PostgreSQL: `pg_dump --format=custom`
/// (one repeatable-read snapshot), restored by `pg_restore --single-transaction --exit-on-error`
/// after `pg_restore --list` has read it. A refused file leaves the database as it was.
public enum DatabaseBackup {
    /// What a backup wrote.
    public struct Summary: Sendable {
        public var path: String
        public var bytes: Int
    }

    /// Writes a copy of the database `settings` name to `path` (replaced if it exists, only once
    /// the copy is complete). `database` is the application's.
    @discardableResult
    public static func backup(_ settings: DatabaseSettings, on database: any Database, to path: String,
                              tools: PostgresTools = .locate()) async throws -> Summary {
        // Each engine writes a file next to `path`, renamed into place only once it is complete.
        let partial = sibling(of: path, "partial")
        do {
            switch settings {
            case .sqliteFile, .sqliteMemory:
                guard let source = database.sqliteReads?.path else { throw BackupFailure("the database is not a SQLite file") }
                try await SQLiteBackup.backup(source: source, to: partial)
            case .postgres(let url):
                try await PostgresBackup.backup(url: url, to: partial, tools: tools)
            }
            let bytes = (try FileManager.default.attributesOfItem(atPath: partial)[.size] as? Int) ?? 0
            try moveIntoPlace(partial, path)
            return Summary(path: path, bytes: bytes)
        } catch {
            try? FileManager.default.removeItem(atPath: partial)
            throw error
        }
    }

    /// Restores the copy at `path` into the database `settings` names, which must be empty.
    /// Refuses, writing nothing, a file that is not a complete backup of this application.
    public static func restore(_ settings: DatabaseSettings, on database: any Database, from path: String,
                               tools: PostgresTools = .locate()) async throws {
        guard FileManager.default.isReadableFile(atPath: path) else { throw BackupFailure("cannot read \(path)") }
        switch settings {
        case .sqliteFile, .sqliteMemory:
            guard let target = database.sqliteReads?.path else { throw BackupFailure("the database is not a SQLite file") }
            try await SQLiteBackup.restore(from: path, into: target)
        case .postgres(let url):
            try await PostgresBackup.restore(from: path, url: url, on: database, tools: tools)
        }
    }

    /// The name of the table every database of this application holds from its first migration on.
    static let migrationTable = "_fluent_migrations"

    /// A file next to `path`, in the same folder (so that a rename moves it into place atomically).
    static func sibling(of path: String, _ label: String) -> String {
        let url = URL(fileURLWithPath: path)
        return url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent).\(label)-\(UUID().uuidString.prefix(8))").path
    }

    /// Flushes `path` to disk, then renames it to `target` and flushes the folder: after a crash
    /// the target is either the old file or the whole new one.
    static func moveIntoPlace(_ path: String, _ target: String) throws {
        try sync(path)
        guard rename(path, target) == 0 else {
            let reason = String(cString: strerror(errno))
            try? FileManager.default.removeItem(atPath: path)
            throw BackupFailure("cannot write \(target): \(reason)")
        }
        try? sync(URL(fileURLWithPath: target).deletingLastPathComponent().path)
    }

    private static func sync(_ path: String) throws {
        let descriptor = open(path, O_RDONLY)
        guard descriptor >= 0 else { throw BackupFailure("cannot open \(path): \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        guard fsync(descriptor) == 0 else { throw BackupFailure("cannot flush \(path): \(String(cString: strerror(errno)))") }
    }

    /// Runs blocking work (SQLite's C calls, a subprocess) off Swift's cooperative threads.
    static func blocking<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async { continuation.resume(with: Result { try work() }) }
        }
    }
}

/// A backup or restore refused or failed; `message` says why, for the operator.
public struct BackupFailure: Error, CustomStringConvertible, Equatable {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
