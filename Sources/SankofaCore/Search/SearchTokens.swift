import Foundation

/// Turns text into the tokens both search engines index, and a query into the tokens it must match.
/// Words are normalised (``TextNormalizer``); runs of Han, Kana or Hangul, which have no spaces
/// between words, become overlapping bigrams plus single characters, so that 极端主义 is found
/// inside 暴力极端主义 and a one-character query still matches. Tokens hold letters and digits
/// only, so neither engine's query syntax can be reached through them.
public enum SearchTokens {
    /// The index form of `text`, written in `language`: tokens separated by single spaces, each
    /// word as it is, then the stems of the words that have one (``stemToken(_:_:)``). Stems come
    /// after the words, not between them, so that the words of a quoted phrase stay adjacent.
    /// `stemmed: false` gives the tokens from before stems (migration 013's revert).
    public static func index(_ text: String, language: Language? = nil, stemmed: Bool = true) -> String {
        var tokens: [String] = []
        var stems: [String] = []
        for word in words(text) {
            if isCJK(word) {
                let characters = Array(word)
                tokens += characters.map(String.init)
                if characters.count > 1 {
                    tokens += (0..<characters.count - 1).map { String(characters[$0...$0 + 1]) }
                }
            } else {
                tokens.append(word)
                if stemmed, let algorithm = stemmer(of: word, in: language) { stems.append(stemToken(word, algorithm)) }
            }
        }
        return (tokens + stems).joined(separator: " ")
    }

    /// One term of a query: the token (a quoted phrase's words separated by spaces), whether it
    /// may match as a prefix (the last word typed), and the stem tokens that also match it.
    public struct Term: Sendable, Equatable, Hashable {
        public var token: String
        public var prefix: Bool
        /// ``stemToken(_:_:)`` in each language the word may be written in; empty for a quoted
        /// word or phrase, which matches exactly.
        public var stems: [String]
        /// Written between quotation marks: matched exactly, never expanded or corrected.
        public var quoted: Bool
        /// Other words for the concept this term (and the next `span - 1` terms) names, in the
        /// other languages (``Thesaurus``); documents matching only these rank below the others.
        public var expansion: Expansion?

        public init(_ token: String, prefix: Bool = false, stems: [String] = [], quoted: Bool = false) {
            self.token = token
            self.prefix = prefix
            self.stems = stems
            self.quoted = quoted
        }

        /// A quoted phrase of several words, which must be adjacent.
        public var isPhrase: Bool { token.contains(" ") }
        /// The words the term's token holds (one, or a phrase's).
        public var words: [Substring] { token.split(separator: " ") }
    }

    /// The terms a document must all contain to match `query`. At most `limit` terms are kept,
    /// so a 10,000-character query costs no more than a long sentence. Words between quotes
    /// match as they are (not stemmed, not a prefix), and several of them as a phrase.
    public static func query(_ query: String, limit: Int = 16) -> [Term] {
        var parts: [(word: String, quoted: Bool)] = []
        for part in quotedParts(query) {
            parts += part.quoted ? quotedWords(part.text) : words(String(part.text)).map { ($0, false) }
        }
        var terms: [Term] = []
        for (index, (word, quoted)) in parts.enumerated() {
            let isLast = index == parts.count - 1
            if quoted {
                terms.append(Term(word, quoted: true))
            } else if isCJK(word) {
                let characters = Array(word)
                if characters.count == 1 {
                    terms.append(Term(word))
                } else {
                    terms += (0..<characters.count - 1).map { Term(String(characters[$0...$0 + 1])) }
                }
            } else {
                // A prefix of one letter would match half the index: only longer last words are prefixes.
                terms.append(Term(word, prefix: isLast && word.count >= 2, stems: queryStems(word)))
            }
        }
        var seen: Set<Term> = []
        return Array(terms.filter { seen.insert($0).inserted }.prefix(limit))
    }

    /// Normalised words: runs of letters and digits, with CJK split from other scripts.
    /// Scalar by scalar when every scalar is of the simple kind (Latin, Greek, Cyrillic, Arabic,
    /// CJK ideographs and kana, punctuation: where a character is one scalar, or a letter and
    /// marks that join it), as grapheme iteration cost more than all the rest of tokenising;
    /// otherwise (Hangul jamo, Indic scripts, emoji, prepended signs) character by character.
    /// A test holds both to the same answers on random text.
    static func words(_ text: String) -> [String] {
        let normalized = TextNormalizer.normalize(text)
        var result: [String] = []
        var current = String.UnicodeScalarView()
        var currentIsCJK = false
        // Whether the last character (base scalar and the marks joining it) belongs to a word.
        var inWord = false
        var afterBase = false
        for scalar in normalized.unicodeScalars {
            guard isSimple(scalar) else { return wordsByCharacter(normalized, normalized: true) }
            // No scalar below U+0300 extends a grapheme; the property lookup was a tenth of an import.
            if scalar.value >= 0x300 && scalar.properties.isGraphemeExtend {
                // A mark with no letter before it is a character of its own: leave it to Character.
                guard afterBase else { return wordsByCharacter(normalized, normalized: true) }
                if inWord { current.append(scalar) }
                continue
            }
            afterBase = true
            guard isLetterOrNumber(scalar) else {
                if !current.isEmpty { result.append(String(current)); current = String.UnicodeScalarView() }
                inWord = false
                continue
            }
            let cjk = isCJK(scalar)
            if !current.isEmpty && cjk != currentIsCJK {
                result.append(String(current))
                current = String.UnicodeScalarView()
            }
            current.append(scalar)
            currentIsCJK = cjk
            inWord = true
        }
        if !current.isEmpty { result.append(String(current)) }
        return result
    }

    /// Scalars whose characters the scalar loop cuts as grapheme iteration would.
    static func isSimple(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x0000...0x036F, 0x0370...0x03FF, 0x0400...0x052F, 0x2010...0x2027, 0x2030...0x205F,
             0x3000...0x3098, 0x309B...0x30FF, 0x4E00...0x9FFF, 0xFF00...0xFF9D, 0xFFA0...0xFFEF:
            return true
        case 0x0606...0x06DC, 0x06DE...0x06FF:
            // Arabic, without the signs that prepend themselves to the next character.
            return true
        default:
            return false
        }
    }

    /// The grapheme-by-grapheme version ``words(_:)`` replaced, kept as the reference its test
    /// compares against.
    static func wordsByCharacter(_ text: String, normalized: Bool = false) -> [String] {
        var result: [String] = []
        var current = ""
        var currentIsCJK = false
        for character in normalized ? text : TextNormalizer.normalize(text) {
            let isWordCharacter = character.isLetter || character.isNumber
            guard isWordCharacter else {
                if !current.isEmpty { result.append(current); current = "" }
                continue
            }
            let cjk = isCJK(character)
            if !current.isEmpty && cjk != currentIsCJK {
                result.append(current)
                current = ""
            }
            current.append(character)
            currentIsCJK = cjk
        }
        if !current.isEmpty { result.append(current) }
        return result
    }

    /// ASCII letters and digits, decided without a Unicode property lookup.
    static func isASCIIAlphanumeric(_ value: UInt32) -> Bool {
        (0x30...0x39).contains(value) || (0x41...0x5A).contains(value) || (0x61...0x7A).contains(value)
    }

    static func isLetterOrNumber(_ scalar: Unicode.Scalar) -> Bool {
        let value = scalar.value
        if value < 0x80 { return isASCIIAlphanumeric(value) }
        // Letters of the Latin, Cyrillic and Arabic blocks most text is made of, without the
        // property lookup (each range holds letters only: Lu, Ll, Lo, Lm).
        switch value {
        case 0xC0...0xD6, 0xD8...0xF6, 0xF8...0x24F, 0x400...0x481, 0x620...0x64A, 0x4E00...0x9FFF: return true
        default: break
        }
        // What Character.isLetter and isNumber ask of a character's first scalar.
        return scalar.properties.isAlphabetic || scalar.properties.numericType != nil
    }

    public static func isCJK(_ word: String) -> Bool { word.first.map(isCJK) ?? false }

    static func isCJK(_ character: Character) -> Bool {
        guard let scalar = character.unicodeScalars.first else { return false }
        return isCJK(scalar)
    }

    static func isCJK(_ scalar: Unicode.Scalar) -> Bool {
        switch scalar.value {
        case 0x3040...0x30FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0xF900...0xFAFF, 0x20000...0x2FA1F: return true
        default: return false
        }
    }
}
