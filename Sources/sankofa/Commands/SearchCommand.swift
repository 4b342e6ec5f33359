import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `sankofa search reindex`: rebuilds the search index from the records, in one transaction.
/// `sankofa search time --queries FILE [--runs N]`: runs the index's own SQL for each query of
/// FILE (one a line) straight through the database driver, with no HTTP, and prints the
/// latencies as JSON; `scripts/bench-search` compares them with the HTTP figures.
/// `sankofa search relevance --queries FILE [--plain]`: the labelled queries' figures (``SearchRelevance``).
struct SearchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "reindex | time | relevance")
        var action: String
        @Option(name: "queries", help: "File of queries, one a line (time)")
        var queries: String?
        @Option(name: "runs", help: "Passes over the queries (time), default 5")
        var runs: Int?
        @Option(name: "slowest", help: "Also print the N slowest queries with their median time (time)")
        var slowest: Int?
        @Flag(name: "plain", help: "Without the thesaurus and corrections (relevance)")
        var plain: Bool
    }

    var help: String { "Maintains and measures the search index (reindex, time, relevance)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        switch signature.action {
        case "reindex":
            let count = try await context.application.db.transaction { tx in
                let practices = try await PracticeStore(database: tx).reindex()
                try await ExpertStore(database: tx).reindexAll()
                try await CentreStore(database: tx).reindexAll()
                try await CourseStore(database: tx).reindexAll()
                return practices
            }
            context.console.info("Search index rebuilt: \(count) practices, with the experts, centres and courses.")
        case "time":
            guard let file = signature.queries, let text = try? String(contentsOfFile: file, encoding: .utf8) else {
                throw CommandFailure(code: 2, message: "Give a readable file of queries: sankofa search time --queries FILE")
            }
            let queries = text.split(separator: "\n").map(String.init).filter { !$0.isEmpty }
            let index = searchIndex(on: context.application.db)
            var byQuery: [String: [Double]] = [:]
            for run in 0...(signature.runs ?? 5) {
                for query in queries {
                    let start = DispatchTime.now().uptimeNanoseconds
                    _ = try await index.search(SearchRequest(query: query), preferring: .en)
                    // The first pass warms the caches and is not counted.
                    guard run > 0 else { continue }
                    let milliseconds = Double(DispatchTime.now().uptimeNanoseconds - start) / 1_000_000
                    byQuery[query, default: []].append(milliseconds)
                }
            }
            if let slowest = signature.slowest, slowest > 0 {
                let medians = byQuery.map { ($0.key, $0.value.sorted()[$0.value.count / 2]) }.sorted { $0.1 > $1.1 }
                for (query, median) in medians.prefix(slowest) {
                    FileHandle.standardError.write(Data(String(format: "%8.2f ms  %@\n", median, query).utf8))
                }
            }
            let timings = byQuery.values.flatMap { $0 }.sorted()
            func percentile(_ p: Double) -> Double { timings.isEmpty ? 0 : timings[min(timings.count - 1, Int(Double(timings.count) * p))] }
            let report = ["count": Double(timings.count), "p50_ms": percentile(0.50), "p95_ms": percentile(0.95), "p99_ms": percentile(0.99)]
            let data = try JSONSerialization.data(withJSONObject: report, options: [.sortedKeys])
            FileHandle.standardOutput.write(data + Data("\n".utf8))
        case "relevance":
            guard let file = signature.queries else {
                throw CommandFailure(code: 2, message: "Give the labelled queries: sankofa search relevance --queries FILE [--plain]")
            }
            let report = try await SearchRelevance.run(file, index: searchIndex(on: context.application.db), plain: signature.plain)
            FileHandle.standardOutput.write(Data((report + "\n").utf8))
        default:
            throw CommandFailure(code: 2, message: "Unknown action \(signature.action); try: sankofa search reindex")
        }
    }
}
