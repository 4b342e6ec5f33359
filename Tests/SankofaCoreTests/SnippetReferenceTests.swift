import Testing
@testable import SankofaCore

/// The snippet reads the text as UTF-8 bytes and stops cutting words once the excerpt is known;
/// this checks it against the plain definition (words cut scalar by scalar into a
/// `String`, folded by ``TextNormalizer/normalize(_:)``) on texts mixing the six scripts, accents,
/// combining marks, emoji, punctuation and lengths around the window's edges.
@Suite("Snippets against their definition")
struct SnippetReferenceTests {
    @Test func excerptsEqualTheReferenceOnMixedTexts() {
        let words = ["Réinsertion", "des", "détenus", "مكافحة", "التطرّف", "العنيف", "预防暴力极端主义", "社区",
                     "ПРОФИЛАКТИКА", "ёлка", "de\u{0301}tenus", "PRISON", "été", "½", "2024", "👩🏽‍⚖️", "Ένα",
                     "σχολεια", "niños", "ТЮРЬМА", "x", "٣٤", "ـــ", "l’école",
                     // Decomposed: a mark after the first letter changes how it folds (и + ◌̆ is й).
                     "и\u{0306}од", "йод", "ا\u{0654}من", "e\u{0301}te\u{0301}", "ǅemal", "ﬁlm",
                     // A mark folded away (tashkeel, tatweel) between the letter and the breve.
                     "и\u{064B}\u{0306}од", "и\u{0640}\u{0306}од"]
        let gaps = [" ", ", ", ". ", " — ", "\n", " (", ") ", "«", "» ", "؟ ", "，", "。"]
        let queries = ["detenus", "prison ete", "التطرف", "极端主义", "елка", "ni", "tyur", "2024", "σχολεια", "社", "zzz",
                       "йод", "иод", "امن", "ete", "dzemal", "film", "fi"]
        var seed: UInt64 = 20261129
        func next(_ bound: Int) -> Int {
            // A fixed sequence (xorshift), so that a failure can be reproduced.
            seed ^= seed << 13; seed ^= seed >> 7; seed ^= seed << 17
            return Int(seed % UInt64(bound))
        }
        for round in 0..<400 {
            let count = [0, 1, 2, 8, 30, 36, 37, 44, 45, 90, 2_100][round % 11] + next(3)
            var text = next(4) == 0 ? gaps[next(gaps.count)] : ""
            for index in 0..<count {
                if index > 0 { text += gaps[next(gaps.count)] }
                text += words[next(words.count)]
            }
            if next(2) == 0 { text += gaps[next(gaps.count)] }
            let terms = SearchTokens.query(queries[next(queries.count)])
            #expect(Snippet.make(text, terms: terms) == Self.reference(text, terms: terms), "round \(round)")
        }
    }

    @Test func theASCIIMaskAgreesWithTheLetterTest() {
        for byte in UInt8(0)..<0x80 {
            #expect(Snippet.asciiWord(byte) == SearchTokens.isASCIIAlphanumeric(UInt32(byte)), "\(byte)")
        }
    }

    /// The definition: words are maximal runs of word scalars; the excerpt starts 8 words before
    /// the first of the first 2,000 words that matches (or at the first word), holds 36 words,
    /// marks every matching word, and keeps the text's closing punctuation at its end.
    static func reference(_ text: String, terms: [SearchTokens.Term], maxWords: Int = 36) -> [Snippet.Segment] {
        var pieces: [(text: String, isWord: Bool)] = []
        for scalar in text.unicodeScalars {
            let isWord = Snippet.isWordScalar(scalar.value)
            if let last = pieces.last, last.isWord == isWord {
                pieces[pieces.count - 1].text.unicodeScalars.append(scalar)
            } else {
                pieces.append((String(scalar), isWord))
            }
        }
        let wordIndexes = pieces.indices.filter { pieces[$0].isWord }
        guard !wordIndexes.isEmpty else { return [] }
        func isHit(_ ordinal: Int) -> Bool {
            let folded = TextNormalizer.normalize(pieces[wordIndexes[ordinal]].text)
            return terms.contains { term in
                if SearchTokens.isCJK(term.token) { return folded.contains(term.token) }
                return folded == term.token || (term.prefix && folded.hasPrefix(term.token))
            }
        }
        let firstHit = wordIndexes.indices.prefix(2_000).first { isHit($0) } ?? 0
        let startWord = max(0, firstHit - 8)
        let endWord = min(wordIndexes.count - 1, startWord + maxWords - 1)
        let last = endWord == wordIndexes.count - 1 ? pieces.count - 1 : wordIndexes[endWord]
        var segments: [Snippet.Segment] = startWord > 0 ? [.init("… ", hit: false)] : []
        for index in wordIndexes[startWord]...last {
            let hit = pieces[index].isWord && (startWord...endWord).contains { wordIndexes[$0] == index && isHit($0) }
            if let previous = segments.last, previous.hit == hit, !hit {
                segments[segments.count - 1].text += pieces[index].text
            } else {
                segments.append(.init(pieces[index].text, hit: hit))
            }
        }
        if endWord < wordIndexes.count - 1 { segments.append(.init(" …", hit: false)) }
        return segments
    }
}

/// Markup assembled in Swift (snippets, the Handbook) relies on this escaping alone.
@Suite("HTML escaping")
struct HTMLEscapingTests {
    @Test func theFiveCharactersBecomeReferencesAndTheRestStays() {
        #expect(HTMLEscaping.escape(#"a & b < c > d " e ' f"#) == "a &amp; b &lt; c &gt; d &quot; e &#39; f")
        #expect(HTMLEscaping.escape("حوار 极端 ёмкая é\u{0}") == "حوار 极端 ёмкая é\u{0}")
        // A combining mark after a quote or a bracket makes one Character with it, not another
        // character: the quote must still be escaped (a Character-by-Character escaper missed it).
        #expect(HTMLEscaping.escape("\"\u{301}<\u{301}x") == "&quot;\u{301}&lt;\u{301}x")
        #expect(HTMLEscaping.escape("") == "")
    }

    @Test func aSnippetMarksItsHitsAndEscapesEverything() {
        let segments = [Snippet.Segment("… <i>x</i> ", hit: false), Snippet.Segment("<mentoring>", hit: true), Snippet.Segment(" & more", hit: false)]
        #expect(Snippet.html(segments) == "… &lt;i&gt;x&lt;/i&gt; <mark>&lt;mentoring&gt;</mark> &amp; more")
    }
}
