import Foundation
// The SQLite that Fluent's connections use (see SQLiteReads.swift for why not another copy).
import VaporCSQLite

/// The SQLite side of ``DatabaseBackup``.
enum SQLiteBackup {
    /// Writes the copy to `path` (``DatabaseBackup/backup(_:on:to:tools:)`` moves it into place).
    static func backup(source: String, to path: String) async throws {
        try await DatabaseBackup.blocking {
            let connection = try SQLiteHandle(path: source, readOnly: true)
            defer { connection.close() }
            // A read transaction of its own: a snapshot of what was committed when it began.
            try connection.run("VACUUM INTO ?1", bind: path)
            connection.close()
            // The copy is checked as a restore would check it before it replaces anything.
            try verify(path).close()
        }
    }

    /// Checks a private copy of `path` made next to `target`, then copies its pages into `target`
    /// in one write transaction (SQLite's backup API): `target` ends with all of it or none.
    static func restore(from path: String, into target: String) async throws {
        let candidate = DatabaseBackup.sibling(of: target, "restore")
        defer { for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: candidate + suffix) } }
        try await DatabaseBackup.blocking {
            do {
                try FileManager.default.copyItem(atPath: path, toPath: candidate)
            } catch {
                throw BackupFailure("cannot copy \(path) next to the database: \(error.localizedDescription)")
            }
            let source = try verify(candidate)
            defer { source.close() }
            let destination = try SQLiteHandle(path: target, readOnly: false)
            defer { destination.close() }
            let tables = try destination.integer("SELECT count(*) FROM sqlite_master")
            guard tables == 0 else {
                throw BackupFailure("the database \(target) is not empty (\(tables) schema objects): restore only into an empty database")
            }
            try destination.copy(from: source)
            // The server's setting (Databases+Sankofa.swift): readers never wait for the writer.
            _ = try? destination.text("PRAGMA journal_mode=WAL")
        }
    }

    /// Opens `path` after checking that it is a whole SQLite database of this application:
    /// the header and the length it declares, `PRAGMA integrity_check`, the migration table.
    static func verify(_ path: String) throws -> SQLiteHandle {
        let name = URL(fileURLWithPath: path).lastPathComponent
        guard let file = FileHandle(forReadingAtPath: path) else { throw BackupFailure("cannot read \(name)") }
        let header = (try? file.read(upToCount: 100)) ?? Data()
        let size = (try? file.seekToEnd()).map(Int.init) ?? 0
        try? file.close()
        guard header.count == 100, header.prefix(16) == Data("SQLite format 3\0".utf8) else {
            throw BackupFailure("not a SQLite database (no SQLite header): refused, nothing restored")
        }
        func number(_ offset: Int, _ count: Int) -> Int { header[offset..<offset + count].reduce(0) { $0 << 8 | Int($1) } }
        let pageSize = number(16, 2) == 1 ? 65_536 : number(16, 2)
        guard pageSize >= 512, pageSize & (pageSize - 1) == 0 else { throw BackupFailure("damaged SQLite header (page size): refused, nothing restored") }
        // The declared page count is valid when the change counter matches "version valid for".
        let pages = number(28, 4)
        if number(24, 4) == number(92, 4), pages > 0 {
            guard size == pages * pageSize else {
                throw BackupFailure("the file is \(size) bytes where its header declares \(pages * pageSize) (truncated or damaged): refused, nothing restored")
            }
        } else if size % pageSize != 0 {
            throw BackupFailure("the file's length is not a whole number of pages (truncated): refused, nothing restored")
        }
        let connection = try SQLiteHandle(path: path, readOnly: false)
        do {
            let problems = try connection.texts("PRAGMA integrity_check(20)")
            guard problems == ["ok"] else {
                throw BackupFailure("the database fails its integrity check (\(problems.prefix(3).joined(separator: "; "))): refused, nothing restored")
            }
            guard try connection.integer("SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name = '\(DatabaseBackup.migrationTable)'") == 1,
                  try connection.integer("SELECT count(*) FROM \(DatabaseBackup.migrationTable)") > 0
            else { throw BackupFailure("not a Sankofa database (no migrations recorded): refused, nothing restored") }
            return connection
        } catch let failure as BackupFailure {
            connection.close()
            throw failure
        } catch {
            connection.close()
            throw BackupFailure("the database cannot be read (\(error)): refused, nothing restored")
        }
    }
}

/// One connection through SQLite's C API, used by one thread at a time.
final class SQLiteHandle: @unchecked Sendable {
    private var handle: OpaquePointer?

    init(path: String, readOnly: Bool) throws {
        let flags = (readOnly ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE) | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, handle != nil else {
            let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "status \(status)"
            close()
            throw BackupFailure("cannot open \(path): \(message)")
        }
        // The server may be writing: wait for its transactions rather than fail.
        sqlite_nio_sqlite3_busy_timeout(handle, 30_000)
    }

    func close() {
        if let handle { sqlite_nio_sqlite3_close_v2(handle) }
        handle = nil
    }

    deinit { close() }

    func run(_ sql: String, bind text: String? = nil) throws {
        _ = try rows(sql, bind: text)
    }

    func integer(_ sql: String) throws -> Int { Int(try rows(sql).first ?? "") ?? 0 }

    func text(_ sql: String) throws -> String? { try rows(sql).first }

    func texts(_ sql: String) throws -> [String] { try rows(sql) }

    /// The first column of every row of `sql`, as text.
    private func rows(_ sql: String, bind text: String? = nil) throws -> [String] {
        guard let handle else { throw BackupFailure("the connection is closed") }
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(handle, sql, -1, &statement, nil) == SQLITE_OK, let statement else { throw failure() }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        if let text {
            guard sqlite_nio_sqlite3_bind_text(statement, 1, text, -1, unsafeBitCast(-1, to: sqlite3_destructor_type.self)) == SQLITE_OK else { throw failure() }
        }
        var values: [String] = []
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { return values }
            guard status == SQLITE_ROW else { throw failure() }
            values.append(sqlite_nio_sqlite3_column_text(statement, 0).map { String(cString: $0) } ?? "")
        }
    }

    /// Replaces this database's content with `source`'s, in one step of the backup API.
    func copy(from source: SQLiteHandle) throws {
        guard let handle, let backup = sqlite_nio_sqlite3_backup_init(handle, "main", source.handle, "main") else { throw failure() }
        let status = sqlite_nio_sqlite3_backup_step(backup, -1)
        sqlite_nio_sqlite3_backup_finish(backup)
        guard status == SQLITE_DONE else { throw BackupFailure("the copy into the database failed: \(String(cString: sqlite_nio_sqlite3_errstr(status)))") }
    }

    private func failure() -> BackupFailure {
        BackupFailure(handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "the connection is closed")
    }
}
