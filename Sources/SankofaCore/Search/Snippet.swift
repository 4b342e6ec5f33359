/// A short excerpt of a text around the first word a query matched, as segments: plain text for
/// the API, escaped HTML with the matched words in `<mark>` for the page (``html(_:)``).
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
        // A phrase's words each, and a stem (its mark dropped) as the start of the forms it stands for.
        let tokens = terms.flatMap { term in
            term.words.map { Token(bytes: Array($0.utf8), prefix: term.prefix, cjk: SearchTokens.isCJK(String($0))) }
                + Set(term.stems.map { $0.dropFirst(2) }).map { Token(bytes: Array($0.utf8), prefix: true, cjk: false) }
        }
        var text = text
        return text.withUTF8 { bytes in
            var excerpt = Excerpt(bytes: bytes, tokens: tokens)
            return excerpt.segments(maxWords: maxWords)
        }
    }

    struct Token {
        var bytes: [UInt8]
        var prefix: Bool
        var cjk: Bool
    }

    /// The excerpt of one text, read as UTF-8 bytes and cut into words only as far as the
    /// excerpt needs: up to the first word that matches (at most the first 2,000), the window
    /// after it, and one word more to know whether the text goes on. Each word is folded alone
    /// from the folding table into one reused buffer and compared with the terms' bytes; a word
    /// the table cannot fold (a rare script, a combining mark) goes through Foundation.
    /// (Cutting the whole text into pieces of `String.UnicodeScalarView` first was a fifth of
    /// the search API's CPU under load.)
    struct Excerpt {
        let bytes: UnsafeBufferPointer<UInt8>
        let tokens: [Token]
        /// Chinese terms match inside a run of characters, not from a word's start.
        let anyCJK: Bool
        /// Byte ranges of the words found so far, in order.
        var words: [Range<Int>] = []
        var position = 0
        var folded: [UInt8] = []

        init(bytes: UnsafeBufferPointer<UInt8>, tokens: [Token]) {
            self.bytes = bytes
            self.tokens = tokens
            anyCJK = tokens.contains(where: \.cjk)
        }

        mutating func segments(maxWords: Int) -> [Segment] {
            guard word(0) != nil else { return [] }
            var firstHit = 0, found = false
            var ordinal = 0
            while ordinal < 2_000, let range = word(ordinal) {
                if isHit(range) { firstHit = ordinal; found = true; break }
                ordinal += 1
            }
            // Words before `tested` were compared and did not match; `firstHit` did, if found.
            let tested = found ? firstHit : ordinal
            let startWord = max(0, firstHit - 8)
            var endWord = startWord + max(1, maxWords) - 1
            if word(endWord) == nil { endWord = words.count - 1 }
            let endsText = word(endWord + 1) == nil
            // At the end of the text, keep its closing punctuation.
            let end = endsText ? bytes.count : words[endWord].upperBound

            // Text between matches is one contiguous run of bytes: made into one string when a
            // match (or the end) closes it, the leading "… " joined to the first.
            var segments: [Segment] = []
            var lead = startWord > 0 ? "… " : ""
            var plainStart = words[startWord].lowerBound
            func closePlain(at end: Int) {
                guard end > plainStart || !lead.isEmpty else { return }
                segments.append(Segment(lead + text(plainStart..<end), hit: false))
                lead = ""
            }
            for index in startWord...endWord {
                let range = words[index]
                let hit = index < tested ? false : (found && index == firstHit) || isHit(range)
                guard hit else { continue }
                closePlain(at: range.lowerBound)
                segments.append(Segment(text(range), hit: true))
                plainStart = range.upperBound
            }
            closePlain(at: end)
            if !endsText { segments.append(Segment(" …", hit: false)) }
            return segments
        }

        private func text(_ range: Range<Int>) -> String {
            String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
        }

        /// The `ordinal`th word's byte range, reading on as far as needed; nil past the last word.
        mutating func word(_ ordinal: Int) -> Range<Int>? {
            while words.count <= ordinal {
                guard let next = nextWord() else { return nil }
                words.append(next)
            }
            return words[ordinal]
        }

        private mutating func nextWord() -> Range<Int>? {
            var index = position
            while index < bytes.count {
                let (isWord, length) = wordScalar(at: index)
                if isWord { break }
                index += length
            }
            guard index < bytes.count else { position = index; return nil }
            let start = index
            while index < bytes.count {
                let (isWord, length) = wordScalar(at: index)
                if !isWord { break }
                index += length
            }
            position = index
            return start..<index
        }

        /// Whether the scalar at `index` is a word character, and its length; ASCII from a bit
        /// mask without decoding (most of a text's bytes in most scripts' punctuation and spaces).
        @inline(__always)
        private func wordScalar(at index: Int) -> (Bool, Int) {
            let byte = bytes[index]
            if byte < 0x80 { return (Snippet.asciiWord(byte), 1) }
            let (value, length) = scalar(at: index)
            return (Snippet.isWordScalar(value), length)
        }

        /// Whether the word's first scalar, folded alone, already rules out every term: a term
        /// must begin with it (or, shorter, be its beginning). Most words of a text end here.
        /// Decided only when the second scalar, if any, folds alone to something (a letter, a
        /// digit): a combining mark may change the first (и + ◌̆ is й), and one that folds to
        /// nothing (tatweel, tashkeel) may let a mark after it reach the first. Nor when the
        /// first does not fold alone.
        private mutating func firstScalarMisses(_ range: Range<Int>) -> Bool {
            let (first, length) = scalar(at: range.lowerBound)
            let next = range.lowerBound + length
            if next < range.upperBound, !TextNormalizer.foldsAloneToSomething(scalar(at: next).0) { return false }
            folded.removeAll(keepingCapacity: true)
            guard TextNormalizer.appendFolded(first, to: &folded) else { return false }
            return !tokens.contains { $0.bytes.starts(with: folded) || folded.starts(with: $0.bytes) }
        }

        /// The scalar starting at `index` and its length in bytes (the text is valid UTF-8).
        @inline(__always)
        private func scalar(at index: Int) -> (UInt32, Int) {
            let lead = UInt32(bytes[index])
            if lead < 0x80 { return (lead, 1) }
            if lead < 0xE0 { return ((lead & 0x1F) << 6 | UInt32(bytes[index + 1] & 0x3F), 2) }
            if lead < 0xF0 {
                return ((lead & 0x0F) << 12 | UInt32(bytes[index + 1] & 0x3F) << 6 | UInt32(bytes[index + 2] & 0x3F), 3)
            }
            return ((lead & 0x07) << 18 | UInt32(bytes[index + 1] & 0x3F) << 12 | UInt32(bytes[index + 2] & 0x3F) << 6
                    | UInt32(bytes[index + 3] & 0x3F), 4)
        }

        private mutating func isHit(_ range: Range<Int>) -> Bool {
            if !anyCJK && firstScalarMisses(range) { return false }
            folded.removeAll(keepingCapacity: true)
            var index = range.lowerBound
            var foldable = true
            while index < range.upperBound {
                let (value, length) = scalar(at: index)
                guard TextNormalizer.appendFolded(value, to: &folded) else { foldable = false; break }
                index += length
            }
            if !foldable {
                let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
                folded = Array(TextNormalizer.normalize(word).utf8)
            }
            return tokens.contains { token in
                if token.cjk { return Snippet.contains(folded, token.bytes) }
                return folded == token.bytes || (token.prefix && folded.starts(with: token.bytes))
            }
        }
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

    /// The segments as HTML: every text escaped, each match in `<mark>`.
    public static func html(_ segments: [Segment]) -> String {
        var output: [UInt8] = []
        for segment in segments {
            if segment.hit { output.append(contentsOf: "<mark>".utf8) }
            HTMLEscaping.append(segment.text, to: &output)
            if segment.hit { output.append(contentsOf: "</mark>".utf8) }
        }
        return String(decoding: output, as: UTF8.self)
    }

    /// ASCII letters and digits, as ``SearchTokens/isASCIIAlphanumeric(_:)``, from two masks.
    @inline(__always)
    static func asciiWord(_ byte: UInt8) -> Bool {
        // Bits 48-57 of the first word: 0-9; bits 1-26 and 33-58 of the second: A-Z, a-z.
        byte < 64 ? (0x03FF_0000_0000_0000 as UInt64) >> byte & 1 == 1 : (0x07FF_FFFE_07FF_FFFE as UInt64) >> (byte - 64) & 1 == 1
    }

    /// Letters, digits and marks: a snippet keeps a word's accents and vowel signs with it.
    @inline(__always)
    static func isWordScalar(_ value: UInt32) -> Bool {
        if value < 0x80 { return SearchTokens.isASCIIAlphanumeric(value) }
        if (0x4E00...0x9FFF).contains(value) { return true }
        if let isWord = FoldingTable.isWord(value) { return isWord }
        return Unicode.Scalar(value).map(isWordCategory) ?? false
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
