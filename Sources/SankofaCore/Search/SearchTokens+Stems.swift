import Foundation

/// Stems and quoted phrases. A word of a stemmed language is indexed as it is and, after the
/// words, as its stem marked with its language (`ªe` + the English stem): a query's word matches
/// either, so `rehabilitate` finds `rehabilitation`, and a document holding the very word
/// matches both, which ranks it above one that holds only another form of it. The mark `ª`
/// folds to `a` (NFKC), so no typed word can reach a stem token; both engines' tokenizers keep
/// it as a letter.
extension SearchTokens {
    public static let stemMarker: Character = "ª"

    /// The stem token of a folded word in `algorithm`'s language.
    static func stemToken(_ word: String, _ algorithm: Stemmer.Algorithm) -> String {
        "\(stemMarker)\(algorithm.code)" + Stemmer.stem(accented(word, algorithm), algorithm)
    }

    /// Snowball's Spanish stemmer knows -ción and -sión only with their accent, which folding
    /// took away (rehabilitacion would stay whole while rehabilitaciones became rehabilit);
    /// Spanish always writes that accent, so it goes back before stemming.
    private static func accented(_ word: String, _ algorithm: Stemmer.Algorithm) -> String {
        guard algorithm == .spanish, word.hasSuffix("cion") || word.hasSuffix("sion") else { return word }
        return word.dropLast(2) + "ón"
    }

    /// Which stemmer applies to an indexed word of a document in `language`: its script decides
    /// for Arabic and Cyrillic; a Latin word takes its document's language when that is English,
    /// French or Spanish, English otherwise (names and acronyms in other texts). Words shorter
    /// than three letters, with digits, or in other scripts are not stemmed.
    static func stemmer(of word: String, in language: Language?) -> Stemmer.Algorithm? {
        guard let script = script(of: word) else { return nil }
        switch script {
        case .arabic: return .arabic
        case .russian: return .russian
        default:
            switch language {
            case .fr: return .french
            case .es: return .spanish
            default: return .english
            }
        }
    }

    /// The stem tokens a query's word may match: a Latin word may be English, French or Spanish.
    static func queryStems(_ word: String) -> [String] {
        guard let script = script(of: word) else { return [] }
        let algorithms: [Stemmer.Algorithm] = script == .english ? [.english, .french, .spanish] : [script]
        return algorithms.map { stemToken(word, $0) }
    }

    /// The script of a word worth stemming, as the stemmer it calls for (`.english` for Latin).
    private static func script(of word: String) -> Stemmer.Algorithm? {
        guard word.unicodeScalars.count >= 3, let first = word.unicodeScalars.first,
              !word.unicodeScalars.contains(where: { $0.properties.numericType != nil }) else { return nil }
        switch first.value {
        case 0x61...0x7A, 0xC0...0x24F: return .english
        case 0x400...0x52F: return .russian
        case 0x620...0x64A, 0x66E...0x6D3: return .arabic
        default: return nil
        }
    }

    /// Quotation marks that open or close a phrase, in the six languages' conventions.
    private static let quotes: Set<Character> = ["\"", "“", "”", "„", "«", "»", "「", "」", "『", "』", "＂"]

    /// The query cut at its quotation marks: the parts between a pair are quoted (an unclosed
    /// quotation runs to the end).
    static func quotedParts(_ query: String) -> [(text: Substring, quoted: Bool)] {
        var parts: [(text: Substring, quoted: Bool)] = []
        var start = query.startIndex, quoted = false
        for index in query.indices where quotes.contains(query[index]) {
            parts.append((query[start..<index], quoted))
            quoted.toggle()
            start = query.index(after: index)
        }
        parts.append((query[start...], quoted))
        return parts.filter { !$0.text.isEmpty }
    }

    /// A quoted part's terms: its words as one phrase; a CJK run in it keeps its bigrams
    /// (``query(_:limit:)``), which stand for its words.
    static func quotedWords(_ text: Substring) -> [(word: String, quoted: Bool)] {
        let all = words(String(text))
        let plain = all.filter { !isCJK($0) }.prefix(16)
        var result: [(word: String, quoted: Bool)] = plain.isEmpty ? [] : [(plain.joined(separator: " "), true)]
        result += all.filter { isCJK($0) }.map { (word: $0, quoted: false) }
        return result
    }
}
