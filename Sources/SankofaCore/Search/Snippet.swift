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
        let scalars = text.unicodeScalars
        let pieces = split(scalars)
        let wordIndexes = pieces.indices.filter { pieces[$0].isWord }
        guard !wordIndexes.isEmpty else { return [] }
        // Each word is folded alone, as UTF-8 bytes, from the folding table, and compared with
        // the terms' bytes: no string is made for a word that is not shown. A word the table
        // cannot fold (a rare script, a combining mark) goes through Foundation.
        let tokens = terms.map { (bytes: Array($0.token.utf8), prefix: $0.prefix, cjk: SearchTokens.isCJK($0.token)) }
        func isHit(_ ordinal: Int) -> Bool {
            let word = scalars[pieces[wordIndexes[ordinal]].range]
            let folded = TextNormalizer.foldedUTF8(word) ?? Array(TextNormalizer.normalize(String(Substring(word))).utf8)
            return tokens.contains { token in
                if token.cjk { return contains(folded, token.bytes) }
                return folded == token.bytes || (token.prefix && folded.starts(with: token.bytes))
            }
        }
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
            let piece = String(Substring(scalars[pieces[index].range]))
            if let last = segments.last, last.hit == hit, !hit {
                segments[segments.count - 1].text += piece
            } else {
                segments.append(Segment(piece, hit: hit))
            }
        }
        if endWord < wordIndexes.count - 1 { segments.append(Segment(" …", hit: false)) }
        return segments
    }

    /// Whether `bytes` holds `needle` (CJK terms match inside runs without spaces).
    static func contains(_ bytes: [UInt8], _ needle: [UInt8]) -> Bool {
        guard !needle.isEmpty, bytes.count >= needle.count else { return needle.isEmpty }
        for start in 0...(bytes.count - needle.count) where bytes[start] == needle[0] {
            if bytes[start..<start + needle.count].elementsEqual(needle) { return true }
        }
        return false
    }

    /// The plain text of segments, for the JSON API.
    public static func plain(_ segments: [Segment]) -> String { segments.map(\.text).joined() }

    struct Piece {
        var range: Range<String.UnicodeScalarView.Index>
        var isWord: Bool
    }

    /// The text cut into alternating runs of word characters (letters, digits and the marks
    /// that join them) and the rest, losing nothing. Scalar by scalar, with ASCII decided
    /// without a Unicode property lookup: grapheme iteration was most of a snippet's cost.
    static func split(_ scalars: String.UnicodeScalarView) -> [Piece] {
        var pieces: [Piece] = []
        var runStart = scalars.startIndex
        var runIsWord: Bool?
        for index in scalars.indices {
            let isWord = isWordScalar(scalars[index])
            if let current = runIsWord, current != isWord {
                pieces.append(Piece(range: runStart..<index, isWord: current))
                runStart = index
            }
            runIsWord = isWord
        }
        if let current = runIsWord { pieces.append(Piece(range: runStart..<scalars.endIndex, isWord: current)) }
        return pieces
    }

    /// Letters, digits and marks: a snippet keeps a word's accents and vowel signs with it.
    static func isWordScalar(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return SearchTokens.isASCIIAlphanumeric(value) }
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
