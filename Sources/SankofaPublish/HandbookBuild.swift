import Foundation
import SankofaCore

/// The downloadable formats of a book.
public enum BookFormat: String, CaseIterable, Codable, Sendable {
    case html, epub, pdf

    public var fileExtension: String { rawValue }
    public var contentType: String {
        switch self {
        case .html: "text/html; charset=utf-8"
        case .epub: "application/epub+zip"
        case .pdf: "application/pdf"
        }
    }
    public var labelKey: String { "handbook.format.\(rawValue)" }

    /// "html,epub" → formats; nil when a name is unknown.
    public static func parseList(_ text: String) -> [BookFormat]? {
        let names = text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces).lowercased() }
        if names == ["all"] { return allCases }
        let formats = names.map { BookFormat(rawValue: $0) }
        guard !formats.isEmpty, !formats.contains(nil) else { return nil }
        return allCases.filter { formats.contains($0) }
    }
}

/// Builds the files of an edition into a folder: every requested language in every requested
/// format. A format that fails (PDF without WeasyPrint) is reported and the others are still built.
public struct HandbookBuild: Sendable {
    public struct File: Sendable, Equatable {
        public var language: Language
        public var format: BookFormat
        public var name: String
        public var size: Int
        public var seconds: Double
    }
    public struct Failure: Sendable, Equatable {
        public var language: Language
        public var format: BookFormat
        public var message: String
    }
    public struct Report: Sendable {
        public var files: [File] = []
        public var failures: [Failure] = []
        public init() {}
    }

    public var builder: BookBuilder
    public var weasyPrint: WeasyPrint

    public init(builder: BookBuilder, weasyPrint: WeasyPrint) {
        self.builder = builder
        self.weasyPrint = weasyPrint
    }

    /// `{edition}-{language}.{ext}`: the stable name of a file, also its download address's last part.
    public static func fileName(_ slug: String, _ language: Language, _ format: BookFormat) -> String {
        "\(slug)-\(language.rawValue).\(format.fileExtension)"
    }

    /// `progress(done, total)` is called after each file, for the editor's progress page.
    public func build(_ edition: FrozenEdition, languages: [Language], formats: [BookFormat], into folder: URL,
                      progress: (Int, Int) -> Void = { _, _ in }) -> Report {
        var report = Report()
        let total = languages.count * formats.count
        var done = 0
        do {
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        } catch {
            for language in languages { for format in formats {
                report.failures.append(Failure(language: language, format: format, message: "cannot create \(folder.path): \(error)"))
            } }
            return report
        }
        for language in languages {
            let book = builder.book(edition, language)
            var html: String?
            for format in formats {
                let started = Date()
                let target = folder.appendingPathComponent(Self.fileName(edition.slug, language, format))
                do {
                    switch format {
                    case .html:
                        html = html ?? HTMLBook.render(book)
                        try Data(html!.utf8).write(to: target, options: .atomic)
                    case .epub:
                        try EPUBBook.render(book, slug: edition.slug, modified: edition.compiledAt).write(to: target, options: .atomic)
                    case .pdf:
                        html = html ?? HTMLBook.render(book)
                        try renderPDF(html!, to: target)
                    }
                    let size = (try? FileManager.default.attributesOfItem(atPath: target.path)[.size] as? Int) ?? 0
                    report.files.append(File(language: language, format: format, name: target.lastPathComponent,
                                             size: size, seconds: Date().timeIntervalSince(started)))
                } catch {
                    report.failures.append(Failure(language: language, format: format, message: "\(error)"))
                }
                done += 1
                progress(done, total)
            }
        }
        return report
    }

    /// WeasyPrint reads the HTML from a file; the PDF is written beside the target and moved in
    /// place only when complete, so a reader never downloads half a PDF.
    func renderPDF(_ html: String, to target: URL) throws {
        guard weasyPrint.executable != nil else { throw WeasyPrint.Failure.missing }
        let scratch = target.deletingLastPathComponent().appendingPathComponent(".pdf-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        let input = scratch.appendingPathComponent("book.html")
        let output = scratch.appendingPathComponent("book.pdf")
        try Data(html.utf8).write(to: input)
        try weasyPrint.render(html: input, to: output)
        _ = try? FileManager.default.removeItem(at: target)
        try FileManager.default.moveItem(at: output, to: target)
    }
}
