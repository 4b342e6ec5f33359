import Fluent
import Foundation
import SankofaStore
import SankofaWeb
import Vapor

/// `sankofa migrate [--revert] [--yes]`: Fluent's migrate command, run under the migration lock
/// (``MigrationLock``) so that nodes started at once migrate one after the other: the second
/// waits, then finds nothing to do. Registered under Fluent's name, replacing its command.
struct LockedMigrateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "revert", help: "Revert the last batch of migrations")
        var revert: Bool
    }

    var help: String { "Prepares or reverts the database's migrations, one node at a time." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let console = context.console
        let migrator = app.migrator
        console.info("Migrate Command: \(signature.revert ? "Revert" : "Prepare")")
        // The preview, the question and the work all happen under the lock: what is listed is
        // what runs, and a node that waited lists only what the first left undone.
        try await MigrationLock.holding(app.settings.database, on: app.db) {
            try await migrator.setupIfNeeded().get()
            let migrations = try await (signature.revert ? migrator.previewRevertLastBatch() : migrator.previewPrepareBatch()).get()
            guard !migrations.isEmpty else {
                console.print(signature.revert ? "No migrations to revert." : "No new migrations.")
                return
            }
            console.print("The following migration(s) will be \(signature.revert ? "reverted" : "prepared"):")
            for (migration, _) in migrations {
                console.print("\(signature.revert ? "-" : "+") \(migration.name)")
            }
            guard console.confirm("Would you like to continue?".consoleText(.warning)) else {
                console.warning("Migration cancelled")
                return
            }
            try await (signature.revert ? migrator.revertLastBatch() : migrator.prepareBatch()).get()
            console.print("Migration successful")
        }
    }
}
