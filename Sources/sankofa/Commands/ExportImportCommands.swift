import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `sankofa export practices`: every practice, whatever its status, as a JSON array on stdout,
/// in the format `sankofa import practices` reads back.
struct ExportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "What to export: practices, experts, centres, courses, exchanges")
        var kind: String
        @Flag(name: "published", help: "Only published practices.")
        var published: Bool
        @Option(name: "audience", help: "experts: as seen by visitor (default), member or staff (whole records, for backups)")
        var audience: String?
    }

    var help: String { "Exports practices or the directory as JSON to standard output." }

    func run(using context: CommandContext, signature: Signature) async throws {
        if let kind = DirectoryTransfer.Kind(rawValue: signature.kind) {
            guard let audience = Audience(rawValue: signature.audience ?? "visitor") else {
                throw CommandFailure(code: 2, message: "Unknown audience \(signature.audience ?? ""); try: visitor, member, staff")
            }
            FileHandle.standardOutput.write(try await DirectoryTransfer.exportJSON(kind, audience: audience, on: context.application.db))
            FileHandle.standardOutput.write(Data("\n".utf8))
            return
        }
        if signature.kind == "exchanges" { return try await ExchangeTransferCommands.export(context) }
        guard signature.kind == "practices" else {
            throw CommandFailure(code: 2, message: "Unknown kind \(signature.kind); try: sankofa export practices|experts|centres|courses|exchanges")
        }
        let practices = try await PracticeStore(database: context.application.db).allRecords(publishedOnly: signature.published)
        FileHandle.standardOutput.write(try PracticeExport.json(practices))
        FileHandle.standardOutput.write(Data("\n".utf8))
    }
}

/// `sankofa import practices FILE`: idempotent by slug, all or nothing; every invalid record is
/// reported with its index, field and reason, and nothing is written.
struct ImportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "What to import: practices, experts, centres, courses, exchanges")
        var kind: String
        @Argument(name: "file", help: "A JSON file, as written by sankofa export practices")
        var file: String
    }

    var help: String { "Imports practices or the directory from a JSON file (idempotent by slug, all or nothing)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        if let kind = DirectoryTransfer.Kind(rawValue: signature.kind) {
            guard let data = FileManager.default.contents(atPath: signature.file) else {
                throw CommandFailure(code: 2, message: "Cannot read \(signature.file)")
            }
            do {
                let count = try await DirectoryTransfer.importJSON(data, kind: kind, on: context.application.db)
                context.console.info("Imported \(count) \(kind.rawValue).")
            } catch let failure as DirectoryTransfer.Failure {
                throw CommandFailure(code: 1, message: "Nothing imported.\n\(failure.description)")
            }
            return
        }
        if signature.kind == "exchanges" { return try await ExchangeTransferCommands.import(context, file: signature.file) }
        guard signature.kind == "practices" else {
            throw CommandFailure(code: 2, message: "Unknown kind \(signature.kind); try: sankofa import practices|experts|centres|courses|exchanges FILE")
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

