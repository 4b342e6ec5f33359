import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import SankofaWeb
import Vapor

/// `sankofa handbook create|compile|publish|build --edition E …`: the Handbook from the command line.
/// - `create --title T [--year Y] [--number N]` makes a draft edition of every published practice;
/// - `compile` freezes the published practices the edition selects (as they are now);
/// - `publish` makes a compiled edition public;
/// - `build` writes the files: into `--out DIR` (nothing recorded), or without `--out` into the
///   handbook folder, where the site lists and serves them.
/// A format that cannot be built (PDF without WeasyPrint) is reported, the others are still
/// written, and the command then exits with status 1.
struct HandbookCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "create, compile, publish or build")
        var action: String
        @Option(name: "edition", help: "The edition's address (slug).")
        var edition: String?
        @Option(name: "languages", help: "all (default) or a list such as ar,en")
        var languages: String?
        @Option(name: "formats", help: "all (default) or a list of html,epub,pdf")
        var formats: String?
        @Option(name: "title", help: "create: the English title")
        var title: String?
        @Option(name: "year", help: "create: the year (default: this year)")
        var year: Int?
        @Option(name: "number", help: "create: the edition number (default 1)")
        var number: Int?
        @Option(name: "out", help: "Folder for the files (default: the handbook folder, served by the site)")
        var out: String?
    }

    var help: String { "Compiles, publishes and builds Handbook editions (HTML, EPUB, PDF)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        guard let slug = signature.edition else {
            throw CommandFailure(code: 2, message: "Say which edition: sankofa handbook \(signature.action) --edition E")
        }
        let store = EditionStore(database: app.db)
        if signature.action == "create" {
            let year = signature.year ?? Calendar(identifier: .gregorian).component(.year, from: Date())
            let draft = EditionDraft(slug: slug, number: signature.number ?? 1, year: year, selection: .all,
                                     texts: ["en": EditionText(title: signature.title ?? "")])
            do {
                try await store.create(draft)
            } catch EditionStoreError.invalid(let issues) {
                throw CommandFailure(code: 1, message: issues.map { Catalogs.bundled.text($0.messageKey, .en) }.joined(separator: " "))
            }
            context.console.info("Edition \(slug) created (draft).")
            return
        }
        guard let edition = try await store.find(slug: slug, publishedOnly: false) else {
            throw CommandFailure(code: 1, message: "No edition \(slug).")
        }
        do {
            switch signature.action {
            case "compile":
                let frozen = try await store.compile(edition)
                context.console.info("Edition \(slug) compiled: \(frozen.entries.count) practices frozen.")
            case "publish":
                try await store.publish(edition)
                context.console.info("Edition \(slug) published.")
            case "build":
                try await build(edition, signature, context)
            default:
                throw CommandFailure(code: 2, message: "Unknown action \(signature.action): use create, compile, publish or build.")
            }
        } catch EditionStoreError.invalid(let issues) {
            throw CommandFailure(code: 1, message: issues.map { Catalogs.bundled.text($0.messageKey, .en) }.joined(separator: " "))
        }
    }

    func build(_ edition: EditionModel, _ signature: Signature, _ context: CommandContext) async throws {
        let languages = try BookCommandOptions.languages(signature.languages)
        guard let formats = BookFormat.parseList(signature.formats ?? "all") else {
            throw CommandFailure(code: 2, message: "--formats: all, or names among html,epub,pdf separated by commas")
        }
        let folder = signature.out.map { URL(fileURLWithPath: $0) }
        let report = try await HandbookService(context.application).build(edition, languages: languages, formats: formats, folder: folder)
        for file in report.files {
            context.console.print("\(file.language.rawValue)\t\(file.format.rawValue)\t\(file.name)\t\(file.size) bytes\t"
                                  + String(format: "%.2f s", file.seconds))
        }
        if !report.failures.isEmpty {
            throw BookCommandOptions.notBuilt(report.failures.map { ($0.language, $0.format.rawValue, $0.message) })
        }
    }
}
