/// A short excerpt of a text around the first word a query matched, as segments to be escaped
/// and marked up by the template (matched words in `<mark>`), never as HTML built here.
public enum Snippet {
    public struct Segment: Sendable, Equatable, Encodable {
        public var text: String
        public var hit: Bool

        public init(_ text: String, hit: Bool) {
            self.text = text
            self.hit = hit
        }
    }

    public static func make(_ text: String, terms: [SearchTokens.Term], words maxWords: Int = 36) -> [Segment] {
        let pieces = split(text)
        let wordIndexes = pieces.indices.filter { pieces[$0].isWord }
        guard !wordIndexes.isEmpty else { return [] }
        // Words are compared only until the first match (and at most the first 2,000), then within
        // the excerpt: a long text costs no more than its opening.
        // Normalising is most of a snippet's cost, and on one word Foundation's cost per call
        // dominates: a text of ordinary length is normalised once, whole, and its words paired
        // with the text's by position. Otherwise (a long text, or normalising changed the number
        // of words, as a compatibility character can) each distinct word is normalised once.
        let folded = text.utf8.count <= 20_000 ? split(TextNormalizer.normalize(text)).filter(\.isWord).map(\.text) : []
        let paired = folded.count == wordIndexes.count
        var seen: [String: Bool] = [:]
        func isHit(_ ordinal: Int) -> Bool {
            if paired { return matchesNormalized(folded[ordinal], terms) }
            let word = pieces[wordIndexes[ordinal]].text
            if let known = seen[word] { return known }
            let hit = matches(word, terms)
            seen[word] = hit
            return hit
        }
        let firstHit = wordIndexes.indices.prefix(2_000).first { isHit($0) } ?? 0
        let startWord = max(0, firstHit - 8)
        let endWord = min(wordIndexes.count - 1, startWord + maxWords - 1)
        let hits = Set((startWord...endWord).filter { isHit($0) }.map { wordIndexes[$0] })
        // At the end of the text, keep its closing punctuation.
        let last = endWord == wordIndexes.count - 1 ? pieces.count - 1 : wordIndexes[endWord]
        let range = wordIndexes[startWord]...last

        var segments: [Segment] = startWord > 0 ? [Segment("… ", hit: false)] : []
        for index in range {
            let hit = hits.contains(index)
            if let last = segments.last, last.hit == hit, !hit {
                segments[segments.count - 1].text += pieces[index].text
            } else {
                segments.append(Segment(pieces[index].text, hit: hit))
            }
        }
        if endWord < wordIndexes.count - 1 { segments.append(Segment(" …", hit: false)) }
        return segments
    }

    /// The plain text of segments, for the JSON API.
    public static func plain(_ segments: [Segment]) -> String { segments.map(\.text).joined() }

    static func matches(_ word: String, _ terms: [SearchTokens.Term]) -> Bool {
        matchesNormalized(TextNormalizer.normalize(word), terms)
    }

    static func matchesNormalized(_ normalised: String, _ terms: [SearchTokens.Term]) -> Bool {
        terms.contains { term in
            if SearchTokens.isCJK(term.token) { return normalised.contains(term.token) }
            return normalised == term.token || (term.prefix && normalised.hasPrefix(term.token))
        }
    }

    struct Piece { var text: String; var isWord: Bool }

    /// The text cut into alternating runs of word characters and the rest, losing nothing.
    static func split(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        for character in text {
            let isWord = character.isLetter || character.isNumber || character.unicodeScalars.allSatisfy { $0.properties.generalCategory == .nonspacingMark }
            if let last = pieces.last, last.isWord == isWord {
                pieces[pieces.count - 1].text.append(character)
            } else {
                pieces.append(Piece(text: String(character), isWord: isWord))
            }
        }
        return pieces
    }
}
