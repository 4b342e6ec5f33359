import FluentKit
import Foundation
import SQLKit

/// Where `pg_dump` and `pg_restore` are: `SANKOFA_PG_BIN`, else the `PATH`, else the newest
/// `/usr/lib/postgresql/N/bin` (Debian keeps them there, off the `PATH`).
public struct PostgresTools: Sendable {
    public var directory: String?

    public init(directory: String?) { self.directory = directory }

    public static func locate(environment: [String: String] = ProcessInfo.processInfo.environment) -> PostgresTools {
        let manager = FileManager.default
        if let folder = environment["SANKOFA_PG_BIN"], !folder.isEmpty { return PostgresTools(directory: folder) }
        for folder in (environment["PATH"] ?? "").split(separator: ":").map(String.init)
        where manager.isExecutableFile(atPath: folder + "/pg_dump") {
            return PostgresTools(directory: folder)
        }
        let versions = ((try? manager.contentsOfDirectory(atPath: "/usr/lib/postgresql")) ?? []).compactMap(Int.init).sorted()
        for version in versions.reversed() where manager.isExecutableFile(atPath: "/usr/lib/postgresql/\(version)/bin/pg_dump") {
            return PostgresTools(directory: "/usr/lib/postgresql/\(version)/bin")
        }
        return PostgresTools(directory: nil)
    }

    func path(of tool: String) throws -> String {
        guard let directory, FileManager.default.isExecutableFile(atPath: directory + "/" + tool) else {
            throw BackupFailure("\(tool) was not found: install the PostgreSQL client tools (the server's version or newer), "
                                + "or set SANKOFA_PG_BIN to the folder that holds them")
        }
        return directory + "/" + tool
    }
}

/// The PostgreSQL side of ``DatabaseBackup``: the client tools as subprocesses, given the
/// connection as arguments and the password through `PGPASSWORD` (never on a command line,
/// which other users of the machine can read).
enum PostgresBackup {
    /// Writes the archive to `path` (``DatabaseBackup/backup(_:on:to:tools:)`` moves it into place).
    static func backup(url: URL, to path: String, tools: PostgresTools) async throws {
        let dump = try tools.path(of: "pg_dump")
        // One repeatable-read snapshot: what was committed when the dump began.
        let result = try await run(dump, ["--format=custom", "--file=\(path)"] + connection(url), url: url)
        guard result.status == 0 else { throw BackupFailure("pg_dump failed: \(result.errors)") }
    }

    static func restore(from path: String, url: URL, on database: any Database, tools: PostgresTools) async throws {
        let restore = try tools.path(of: "pg_restore")
        let listing = try await run(restore, ["--list", path], url: nil)
        guard listing.status == 0 else {
            throw BackupFailure("not a readable pg_dump archive (\(listing.errors)): refused, nothing restored")
        }
        guard listing.output.contains(" TABLE "), listing.output.contains(DatabaseBackup.migrationTable) else {
            throw BackupFailure("not a Sankofa backup (no migration table in the archive): refused, nothing restored")
        }
        let sql = database as! any SQLDatabase
        let objects = try await sql.raw("""
            SELECT count(*) AS n FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace s ON s.oid = c.relnamespace
            WHERE c.relkind IN ('r', 'p', 'v', 'm', 'S') AND s.nspname NOT IN ('pg_catalog', 'information_schema')
              AND s.nspname NOT LIKE 'pg\\_toast%' AND s.nspname NOT LIKE 'pg\\_temp%'
            """).first()?.decode(column: "n", as: Int.self) ?? 0
        guard objects == 0 else {
            throw BackupFailure("the database is not empty (\(objects) tables, views or sequences): restore only into an empty database")
        }
        // One transaction, stopped at the first error: a file damaged past its table of contents
        // (which --list reads) fails here and leaves nothing behind.
        let result = try await run(restore, ["--single-transaction", "--exit-on-error", "--no-owner", "--no-privileges"]
                                   + connection(url) + [path], url: url)
        guard result.status == 0 else { throw BackupFailure("pg_restore failed, nothing restored: \(result.errors)") }
    }

    /// The connection as the tools' options, without the password.
    private static func connection(_ url: URL) -> [String] {
        var options = ["--no-password", "--host=\(url.host ?? "localhost")", "--port=\(url.port ?? 5432)"]
        if let user = url.user, !user.isEmpty { options.append("--username=\(user)") }
        let name = String(url.path.drop { $0 == "/" })
        if !name.isEmpty { options.append("--dbname=\(name)") }
        return options
    }

    struct Outcome {
        var status: Int32
        var output: String
        var error: String
        /// The tool's last lines of error output, for a message.
        var errors: String {
            let lines = error.split(separator: "\n").suffix(4).joined(separator: " ")
            return lines.isEmpty ? "exit status \(status)" : lines
        }
    }

    /// Runs `tool` with the environment of this process, the password of `url` (if any) as
    /// `PGPASSWORD` and its `sslmode` as `PGSSLMODE`.
    private static func run(_ tool: String, _ arguments: [String], url: URL?) async throws -> Outcome {
        var environment = ProcessInfo.processInfo.environment
        environment["PGPASSWORD"] = nil
        if let url {
            if let password = url.password, !password.isEmpty { environment["PGPASSWORD"] = password.removingPercentEncoding ?? password }
            let query = URLComponents(url: url, resolvingAgainstBaseURL: false)?.queryItems ?? []
            if let mode = query.first(where: { $0.name == "sslmode" })?.value { environment["PGSSLMODE"] = mode }
        }
        let settled = environment
        return try await DatabaseBackup.blocking {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: tool)
            process.arguments = arguments
            process.environment = settled
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            process.standardInput = FileHandle.nullDevice
            do { try process.run() } catch { throw BackupFailure("cannot run \(tool): \(error.localizedDescription)") }
            // Both pipes read at once: a tool that fills one while we wait on the other would stall.
            let box = OutputBox()
            let group = DispatchGroup()
            group.enter()
            DispatchQueue.global().async { box.data = output.fileHandleForReading.readDataToEndOfFile(); group.leave() }
            let errorData = errors.fileHandleForReading.readDataToEndOfFile()
            group.wait()
            process.waitUntilExit()
            return Outcome(status: process.terminationStatus, output: String(decoding: box.data, as: UTF8.self),
                           error: String(decoding: errorData, as: UTF8.self))
        }
    }

    private final class OutputBox: @unchecked Sendable { var data = Data() }
}
