import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import SankofaWeb
import Vapor

/// `sankofa report annual --year Y [--languages …] [--formats html,pdf] [--out DIR]`: builds the
/// programme's annual report for a year. With `--out` the files are written to DIR and nothing is
/// recorded; without it they become the year's unpublished build, which staff check and publish on
/// `/{lang}/annual-reports/{year}` (a published build is never touched: this makes a new one).
/// Prints each file with its size and build time, then the time per language. A format that
/// cannot be built (PDF without WeasyPrint) is reported, the others are still made, and the
/// command exits with status 1.
struct ReportCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "kind", help: "annual")
        var kind: String
        @Option(name: "year", help: "The year reported on (e.g. 2026)")
        var year: String?
        @Option(name: "languages", help: "all (default) or a list such as ar,en")
        var languages: String?
        @Option(name: "formats", help: "all (default) or a list of html,pdf")
        var formats: String?
        @Option(name: "out", help: "Folder for the files (default: kept in the database as an unpublished build)")
        var out: String?
    }

    var help: String { "Builds the programme's annual report (HTML and PDF, six languages)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.kind == "annual" else {
            throw CommandFailure(code: 2, message: "Unknown report \(signature.kind): use sankofa report annual --year Y")
        }
        let range = AnnualReports.years()
        guard let year = AnnualReports.year(signature.year) else {
            throw CommandFailure(code: 2, message: "--year: a year from \(range.lowerBound) to \(range.upperBound)")
        }
        let languages = try BookCommandOptions.languages(signature.languages)
        guard let formats = AnnualReportFormat.parseList(signature.formats ?? "all") else {
            throw CommandFailure(code: 2, message: "--formats: all, or names among html,pdf separated by commas")
        }
        let app = context.application
        let started = Date()
        let report = try await AnnualReportService(app).build(year, languages: languages, formats: formats, builtBy: nil,
                                                              folder: signature.out.map { URL(fileURLWithPath: $0) })
        for file in report.files {
            context.console.print("\(file.language.rawValue)\t\(file.format.rawValue)\t"
                                  + "\(AnnualReports.fileName(year: year, language: file.language, format: file.format.rawValue))\t"
                                  + "\(file.size) bytes\t" + String(format: "%.2f s", file.seconds))
        }
        for language in languages {
            context.console.print("\(language.rawValue)\ttotal\t" + String(format: "%.2f s", report.seconds(of: language)))
        }
        context.console.print("all\ttotal\t" + String(format: "%.2f s", Date().timeIntervalSince(started)))
        if signature.out == nil, !report.files.isEmpty {
            context.console.info("Kept as the unpublished build of \(year): publish it on /en/annual-reports/\(year).")
        }
        if !report.failures.isEmpty {
            throw BookCommandOptions.notBuilt(report.failures.map { ($0.language, $0.format.rawValue, $0.message) })
        }
    }
}
