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
        // Normalising is most of a snippet's cost, and Foundation's cost per call dominates on
        // one word: words are normalised by chunks of 64, each chunk in one call, and only the
        // chunks up to the first match and the excerpt's are, so a long text costs about what
        // its opening does. When normalising a chunk changes its number of words (as a
        // compatibility character such as ½ can), its words are normalised one by one.
        let chunkSize = 64
        var chunks: [Int: [String]] = [:]
        func normalised(_ ordinal: Int) -> String {
            let chunk = ordinal / chunkSize
            if chunks[chunk] == nil {
                let range = (chunk * chunkSize)..<min(wordIndexes.count, (chunk + 1) * chunkSize)
                let words = range.map { pieces[wordIndexes[$0]].text }
                let folded = split(TextNormalizer.normalize(words.joined(separator: " "))).filter(\.isWord).map(\.text)
                chunks[chunk] = folded.count == words.count ? folded : words.map(TextNormalizer.normalize)
            }
            return chunks[chunk]![ordinal % chunkSize]
        }
        func isHit(_ ordinal: Int) -> Bool { matchesNormalized(normalised(ordinal), terms) }
        // Words are compared only until the first match (and at most the first 2,000).
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

    /// The text cut into alternating runs of word characters (letters, digits and the marks
    /// that join them) and the rest, losing nothing. Scalar by scalar, with ASCII decided
    /// without a Unicode property lookup: grapheme iteration was most of a snippet's cost.
    static func split(_ text: String) -> [Piece] {
        var pieces: [Piece] = []
        let scalars = text.unicodeScalars
        var runStart = scalars.startIndex
        var runIsWord: Bool?
        for index in scalars.indices {
            let isWord = isWordScalar(scalars[index])
            if let current = runIsWord, current != isWord {
                pieces.append(Piece(text: String(scalars[runStart..<index]), isWord: current))
                runStart = index
            }
            runIsWord = isWord
        }
        if let current = runIsWord { pieces.append(Piece(text: String(scalars[runStart...]), isWord: current)) }
        return pieces
    }

    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 {
            return (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
        }
        if (0x4E00...0x9FFF).contains(value) { return true }
        if let entry = FoldingTable.entry(value) { return entry.isWord }
        return isWordCategory(scalar)
    }

    static func isWordCategory(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.properties.generalCategory {
        case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
             .decimalNumber, .letterNumber, .otherNumber, .nonspacingMark, .spacingMark, .enclosingMark:
            return true
        default:
            return false
        }
    }
}
