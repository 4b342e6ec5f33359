import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `sankofa export practices`: every practice, whatever its status, as a JSON array on stdout,
/// in the format `sankofa import practices` reads back.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "What to export: practices")
        var kind: String
        @Flag(name: "published", help: "Only published practices.")
        var published: Bool
    }

    var help: String { "Exports practices as JSON to standard output." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.kind == "practices" else {
            throw CommandFailure(code: 2, message: "Unknown kind \(signature.kind); try: sankofa export practices")
        }
        let practices = try await PracticeStore(database: context.application.db).all(publishedOnly: signature.published)
        FileHandle.standardOutput.write(try PracticeExport.json(practices.map(\.record)))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

/// `sankofa import practices FILE`: idempotent by slug, all or nothing; every invalid record is
/// reported with its index, field and reason, and nothing is written.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "What to import: practices")
        var kind: String
        @Argument(name: "file", help: "A JSON file, as written by sankofa export practices")
        var file: String
    }

    var help: String { "Imports practices from a JSON file (idempotent by slug, all or nothing)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.kind == "practices" else {
            throw CommandFailure(code: 2, message: "Unknown kind \(signature.kind); try: sankofa import practices FILE")
        }
        guard let data = FileManager.default.contents(atPath: signature.file) else {
            throw CommandFailure(code: 2, message: "Cannot read \(signature.file)")
        }
        do {
            let records = try PracticeImport.decode(data)
            let result = try await PracticeImport.run(records, on: context.application.db)
            context.console.info("Imported \(records.count) practices: \(result.created) created, \(result.updated) updated.")
        } catch let failure as PracticeImport.Failure {
            throw CommandFailure(code: 1, message: "Nothing imported.\n\(failure.description)")
        }
    }
}

