import Foundation
import SankofaStore
import SankofaWeb
import Vapor

/// `sankofa backup --out FILE`: a consistent copy of the database named by `DATABASE_URL`,
/// taken while the server runs (SQLite: a SQLite file; PostgreSQL: a `pg_dump` custom archive).
struct BackupCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "out", help: "The file to write (replaced only once the copy is complete)")
        var out: String?
    }

    var help: String { "Writes a consistent copy of the database to a file, while the server runs." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard let out = signature.out, !out.isEmpty else { throw CommandFailure(code: 2, message: "Say where: sankofa backup --out FILE") }
        let app = context.application
        let started = Date()
        do {
            let summary = try await DatabaseBackup.backup(app.settings.database, on: app.db, to: out)
            context.console.info("Backup of the \(app.settings.database.engineName) database written to \(summary.path): "
                + "\(summary.bytes) bytes in \(String(format: "%.1f", Date().timeIntervalSince(started))) s.")
        } catch let failure as BackupFailure {
            throw CommandFailure(code: 1, message: "Backup failed: \(failure.message)")
        }
    }
}

/// `sankofa restore FILE`: restores a backup into the empty database named by `DATABASE_URL`
/// (create it, do not migrate it). A damaged or foreign file is refused and nothing is written.
struct RestoreCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "file", help: "A file written by sankofa backup")
        var file: String
    }

    var help: String { "Restores a backup into an empty database (refuses a damaged file or a database that holds data)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        do {
            try await DatabaseBackup.restore(app.settings.database, on: app.db, from: signature.file)
            context.console.info("Restored \(signature.file) into the \(app.settings.database.engineName) database.")
        } catch let failure as BackupFailure {
            throw CommandFailure(code: 1, message: "Restore refused: \(failure.message)")
        }
    }
}
