import Foundation
import Testing

/// The house rules that the compiler does not check, read from the source tree: the web target
/// leaves every query to the store (a controller passes `req.db` to a store type), files stay
/// short enough to read, and the domain imports nothing but Foundation (and the Snowball C library).
@Suite("Architecture")
struct ArchitectureTests {
    static let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    /// The files under `folder` (relative to the package root) whose name passes `include`, as
    /// paths relative to the root, sorted.
    static func files(under folder: String, _ include: (URL) -> Bool) -> [String] {
        let base = root.appendingPathComponent(folder)
        guard let walker = FileManager.default.enumerator(at: base, includingPropertiesForKeys: [.isRegularFileKey]) else { return [] }
        let prefix = root.standardizedFileURL.path + "/"
        return walker.compactMap { $0 as? URL }
            .filter { (try? $0.resourceValues(forKeys: [.isRegularFileKey]).isRegularFile) == true && include($0) }
            .map { String($0.standardizedFileURL.path.dropFirst(prefix.count)) }
            .sorted()
    }

    static func lines(of path: String) throws -> [Substring] {
        try String(contentsOf: root.appendingPathComponent(path), encoding: .utf8).split(separator: "\n", omittingEmptySubsequences: false)
    }

    static func isSwift(_ url: URL) -> Bool { url.pathExtension == "swift" }

    /// What builds a query or opens a transaction: the store's job.
    static var queryPatterns: [(name: String, regex: Regex<Substring>)] { [
        ("query(on:", #/query\(on:/#),
        (".raw(", #/\.raw\(/#),
        ("SQLDatabase", #/SQLDatabase/#),
        (".transaction", #/\.transaction\b/#),
        ("save(on:", #/save\(on:/#),
        ("create(on:", #/create\(on:/#),
        ("update(on:", #/update\(on:/#),
        ("delete(on:", #/delete\(on:/#),
        (".find(…, on:)", #/\.find\([^)]*\bon:/#),
    ] }

    @Test func theWebTargetBuildsNoQuery() throws {
        let sources = Self.files(under: "Sources/SankofaWeb", Self.isSwift)
        #expect(!sources.isEmpty, "no sources found from \(Self.root.path)")
        let patterns = Self.queryPatterns
        var found: [String] = []
        for path in sources {
            for (number, line) in try Self.lines(of: path).enumerated() {
                // A comment may name what the code must not do.
                if line.trimmingCharacters(in: .whitespaces).hasPrefix("//") { continue }
                for pattern in patterns where line.contains(pattern.regex) {
                    found.append("\(path):\(number + 1): \(pattern.name)")
                }
            }
        }
        #expect(found.isEmpty, "queries belong in SankofaStore:\n\(found.joined(separator: "\n"))")
    }

    /// Code, templates and scripts: data files (the demo records, catalogs, map outlines) may be long.
    @Test func noFileOfOursExceedsFourHundredLines() throws {
        let code: Set<String> = ["swift", "leaf", "py", "sh", "css", "js"]
        var paths: [String] = []
        for folder in ["Sources", "Tests", "Resources", "scripts"] {
            paths += Self.files(under: folder) { url in
                code.contains(url.pathExtension)
                    || url.pathExtension.isEmpty && (try? String(contentsOf: url, encoding: .utf8))?.hasPrefix("#!") == true
            }
        }
        paths.append("Package.swift")
        var long: [String] = []
        for path in paths {
            let lines = try Self.lines(of: path)
            let count = lines.last?.isEmpty == true ? lines.count - 1 : lines.count
            if count > 400 { long.append("\(path): \(count) lines") }
        }
        #expect(long.isEmpty, "split these below 400 lines:\n\(long.joined(separator: "\n"))")
    }

    /// Foundation, Snowball's stemmers (CStemmer), which make search's tokens (Stemmer.swift says why),
    /// and GitHub's CommonMark library (CCmarkGFM), which renders forum posts (ForumMarkdown.swift).
    @Test func theDomainImportsOnlyFoundation() throws {
        var imports: [String] = []
        for path in Self.files(under: "Sources/SankofaCore", Self.isSwift) {
            for (number, line) in try Self.lines(of: path).enumerated() {
                guard let match = line.firstMatch(of: #/^\s*(?:@\w+\s+)*import\s+(?:(?:struct|class|enum|protocol|func|var|let|typealias)\s+)?(\w+)/#),
                      !["Foundation", "CStemmer", "CCmarkGFM"].contains(match.output.1) else { continue }
                imports.append("\(path):\(number + 1): \(line.trimmingCharacters(in: .whitespaces))")
            }
        }
        #expect(imports.isEmpty, "SankofaCore imports Foundation, CStemmer and CCmarkGFM only:\n\(imports.joined(separator: "\n"))")
    }
}
