import Foundation

/// Typo tolerance (issue 21), the pure part: which of a query's words may be corrected, how far
/// a correction may be (edit distance 1 for 5–7 letters, 2 for 8 or more, a swap of two
/// neighbours counting as one), which of the index's words is chosen, and the query as
/// corrected. The index supplies its vocabulary and how many documents hold each word.
public enum SpellCorrection {
    /// The most edits a word of `length` letters may be corrected by.
    public static func maximumDistance(_ length: Int) -> Int {
        switch length {
        case ..<5: 0
        case 5...7: 1
        default: 2
        }
    }

    /// Whether a query's term is a word that may be corrected: typed (not quoted), not Chinese,
    /// letters only, long enough.
    public static func isCorrectable(_ term: SearchTokens.Term) -> Bool {
        !term.quoted && !term.isPhrase && !SearchTokens.isCJK(term.token)
            && term.token.unicodeScalars.allSatisfy { $0.properties.numericType == nil }
            && maximumDistance(term.token.count) > 0
    }

    /// The best correction of `word` among `candidates` (an indexed word and the documents the
    /// reader may see that hold it): the fewest edits, then the most documents, then the word.
    /// Nil when none is near enough or holds anything.
    public static func best(for word: String, among candidates: [(word: String, documents: Int)]) -> String? {
        let limit = maximumDistance(word.count)
        return candidates
            .filter { $0.word != word && $0.documents > 0 }
            .compactMap { candidate in distance(word, candidate.word, limit: limit).map { (candidate, $0) } }
            .min { ($0.1, -$0.0.documents, $0.0.word) < ($1.1, -$1.0.documents, $1.0.word) }?.0.word
    }

    /// The indexed words worth counting for `word`, nearest first, at most `limit` of them.
    public static func nearest(_ word: String, in vocabulary: [String], limit: Int = 8) -> [String] {
        let maximum = maximumDistance(word.count)
        return vocabulary.compactMap { candidate in
            candidate == word ? nil : distance(word, candidate, limit: maximum).map { (candidate, $0) }
        }.sorted { ($0.1, $0.0) < ($1.1, $1.0) }.prefix(limit).map(\.0)
    }

    /// Optimal string alignment distance between `a` and `b` (insertions, deletions,
    /// substitutions, swaps of neighbours), or nil when above `limit`.
    public static func distance(_ a: String, _ b: String, limit: Int) -> Int? {
        let a = Array(a), b = Array(b)
        guard abs(a.count - b.count) <= limit else { return nil }
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) <= limit ? max(a.count, b.count) : nil }
        var before = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            var rowMinimum = i
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost)
                if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] { current[j] = min(current[j], before[j - 2] + 1) }
                rowMinimum = min(rowMinimum, current[j])
            }
            // Every later row only grows from this one's smallest value.
            if rowMinimum > limit { return nil }
            (before, previous, current) = (previous, current, before)
        }
        return previous[b.count] <= limit ? previous[b.count] : nil
    }

    /// `query` with its words replaced as `corrections` says (folded words to their corrections),
    /// quoted parts kept as they were: the query the reader is shown results for.
    public static func corrected(_ query: String, _ corrections: [String: String]) -> String {
        SearchTokens.quotedParts(query).map { part in
            part.quoted ? "\"\(part.text)\""
                : SearchTokens.words(String(part.text)).map { corrections[$0] ?? $0 }.joined(separator: " ")
        }.filter { !$0.isEmpty }.joined(separator: " ")
    }
}
