import Foundation
import SankofaCore

extension SearchResults {
    /// The counts of a bounded search (past ``SearchLimits/scan`` matches), from what each
    /// language's scan read, the same on both engines: the records of each kind per language and
    /// across languages, the languages whose scan stopped short (at ``SearchLimits/count`` + 1
    /// documents), and whether the engine may have left a kind's count partial. Each language
    /// is counted with the kind filter, each kind with the language filter (the scans cover the
    /// chosen languages only).
    static func bounded(records: [Language: [SearchKind: Int]], kindRecords: [SearchKind: Int], stoppedShort: Set<Language>,
                        kindPartial: (SearchKind) -> Bool, _ request: SearchRequest) -> SearchResults {
        let cap = request.limits.count
        let chosen = request.kinds.isEmpty ? SearchKind.allCases : request.kinds
        var results = SearchResults.empty
        for (language, byKind) in records {
            let n = chosen.compactMap { byKind[$0] }.reduce(0, +)
            guard n > 0 else { continue }
            results.languages[language.rawValue] = min(n, cap)
            if stoppedShort.contains(language) || n > cap { results.languagesAtLeast.insert(language.rawValue) }
        }
        for (kind, n) in kindRecords where n > 0 {
            results.kinds[kind.rawValue] = min(n, cap)
            if n > cap || kindPartial(kind) { results.kindsAtLeast.insert(kind.rawValue) }
        }
        // A record has one kind, so the chosen kinds' counts add up to the total, exactly unless
        // one of them stopped short.
        let sum = chosen.compactMap { results.kinds[$0.rawValue] }.reduce(0, +)
        results.totalIsExact = !chosen.contains { results.kindsAtLeast.contains($0.rawValue) }
        results.total = results.totalIsExact ? sum : min(sum, cap)
        return results
    }
}
