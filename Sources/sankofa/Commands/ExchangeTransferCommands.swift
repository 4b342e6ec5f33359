import Fluent
import Foundation
import SankofaStore
import Vapor

/// `sankofa export exchanges` (JSON to standard output) and `sankofa import exchanges FILE`
/// (idempotent by key, all or nothing), reached from the `export` and `import` commands.
enum ExchangeTransferCommands {
    static func export(_ context: CommandContext) async throws {
        FileHandle.standardOutput.write(try await CooperationTransfer.exportJSON(on: context.application.db))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }

    static func `import`(_ context: CommandContext, file: String) async throws {
        guard let data = FileManager.default.contents(atPath: file) else { throw CommandFailure(code: 2, message: "Cannot read \(file)") }
        do {
            let outcome = try await CooperationTransfer.importJSON(data, on: context.application.db, now: Int(Date().timeIntervalSince1970))
            context.console.info("Imported \(outcome.created + outcome.updated + outcome.unchanged) exchanges: \(outcome.created) created, "
                                 + "\(outcome.updated) updated, \(outcome.unchanged) unchanged.")
        } catch let failure as CooperationTransfer.Failure {
            throw CommandFailure(code: 1, message: "Nothing imported.\n\(failure.description)")
        }
    }
}
