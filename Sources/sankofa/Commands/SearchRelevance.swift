import Foundation
import SankofaCore
import SankofaStore

/// `sankofa search relevance --queries FILE [--plain]`: runs each labelled query of FILE (a JSON
/// array of `{"language", "query", "expected": [practice slugs]}`, `scripts/data/search-relevance.json`)
/// as a visitor reading in the query's language, and prints per language and overall: precision@5
/// (expected practices among the first five, over at most five), recall@10, MRR (1 / rank of the
/// first expected practice) and nDCG@10 (binary gains). `--plain` searches without the thesaurus
/// and without corrections: the figures from before them, in the same run.
struct SearchRelevance {
    struct Query: Decodable {
        var language: Language
        var query: String
        var expected: [String]
    }

    struct Scores {
        var count = 0, precision5 = 0.0, recall10 = 0.0, reciprocalRank = 0.0, ndcg10 = 0.0

        mutating func add(_ ranked: [String], _ expected: Set<String>) {
            count += 1
            precision5 += Double(ranked.prefix(5).filter(expected.contains).count) / Double(min(5, expected.count))
            recall10 += Double(ranked.prefix(10).filter(expected.contains).count) / Double(expected.count)
            reciprocalRank += ranked.firstIndex(where: expected.contains).map { 1 / Double($0 + 1) } ?? 0
            let gain = ranked.prefix(10).enumerated().reduce(0.0) { $0 + (expected.contains($1.element) ? 1 / log2(Double($1.offset + 2)) : 0) }
            let ideal = (0..<min(10, expected.count)).reduce(0.0) { $0 + 1 / log2(Double($1 + 2)) }
            ndcg10 += gain / ideal
        }

        func line(_ name: String) -> String {
            let n = Double(max(count, 1))
            return name.padding(toLength: 8, withPad: " ", startingAt: 0)
                + String(format: " %4d     %.3f   %.3f   %.3f   %.3f", count, precision5 / n, recall10 / n, reciprocalRank / n, ndcg10 / n)
        }
    }

    /// The report, one line a language and one overall, and the misses (queries with recall@10 < 1).
    static func run(_ file: String, index: any SearchIndex, plain: Bool) async throws -> String {
        let queries = try JSONDecoder().decode([Query].self, from: Data(contentsOf: URL(fileURLWithPath: file)))
        var byLanguage: [Language: Scores] = [:], overall = Scores(), misses: [String] = []
        for item in queries where !item.expected.isEmpty {
            var request = SearchRequest(query: item.query, kinds: [.practice], perPage: 10)
            request.expands = !plain
            request.corrects = !plain
            let results = try await index.searchCorrecting(request, preferring: item.language)
            let ranked = results.hits.map(\.slug), expected = Set(item.expected)
            byLanguage[item.language, default: Scores()].add(ranked, expected)
            overall.add(ranked, expected)
            let missing = expected.subtracting(ranked.prefix(10))
            if !missing.isEmpty { misses.append("  \(item.language.rawValue) \(item.query): missing \(missing.sorted().joined(separator: ", "))") }
        }
        var lines = ["language  queries  P@5     R@10    MRR     nDCG@10"]
        lines += Language.displayOrder.compactMap { byLanguage[$0]?.line($0.rawValue) }
        lines.append(overall.line("overall"))
        return (lines + ["misses (\(misses.count)):"] + misses).joined(separator: "\n")
    }
}
