import Foundation
import SankofaCore

/// Makes the files of an annual report: each language as one HTML file and, through WeasyPrint,
/// a PDF laid out from that same HTML (as the Handbook's are). The bytes are handed to `keep`
/// one file at a time (the web keeps them in the database, the command line writes them out),
/// so a failing PDF leaves the other files made.
public struct AnnualReportBuild: Sendable {
    public struct File: Sendable, Equatable {
        public var language: Language
        public var format: AnnualReportFormat
        public var size: Int
        public var seconds: Double
    }
    public struct Failure: Sendable, Equatable {
        public var language: Language
        public var format: AnnualReportFormat
        public var message: String
    }
    public struct Report: Sendable {
        public var files: [File] = []
        public var failures: [Failure] = []
        public init() {}
        /// Seconds spent on each language, its formats added up (the command prints them).
        public func seconds(of language: Language) -> Double {
            files.filter { $0.language == language }.map(\.seconds).reduce(0, +)
        }
    }

    public var builder: AnnualReportBuilder
    public var weasyPrint: WeasyPrint

    public init(builder: AnnualReportBuilder, weasyPrint: WeasyPrint) {
        self.builder = builder
        self.weasyPrint = weasyPrint
    }

    /// Builds every language in every format. Runs WeasyPrint as a subprocess and waits for it:
    /// call it off the event loops.
    public func build(_ content: AnnualReportContent, languages: [Language], formats: [AnnualReportFormat],
                      keep: (Language, AnnualReportFormat, Data) throws -> Void) -> Report {
        var report = Report()
        for language in languages {
            let started = Date()
            let html = HTMLBook.render(builder.book(content, language))
            // The HTML's own time is counted with the first format made from it.
            var lap = started
            for format in formats {
                do {
                    let data = format == .html ? Data(html.utf8) : try pdf(html)
                    try keep(language, format, data)
                    report.files.append(File(language: language, format: format, size: data.count, seconds: Date().timeIntervalSince(lap)))
                } catch {
                    report.failures.append(Failure(language: language, format: format, message: "\(error)"))
                }
                lap = Date()
            }
        }
        return report
    }

    /// The PDF of `html`, laid out in a scratch folder of its own (removed afterwards).
    func pdf(_ html: String) throws -> Data {
        guard weasyPrint.executable != nil else { throw WeasyPrint.Failure.missing }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("annual-report-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("report.html")
        let output = scratch.appendingPathComponent("report.pdf")
        try Data(html.utf8).write(to: input)
        try weasyPrint.render(html: input, to: output)
        return try Data(contentsOf: output)
    }
}
