import Testing
@testable import SankofaCore

@Suite("Search tokens and snippets")
struct SearchTokensTests {
    @Test func chineseRunsBecomeCharactersAndBigrams() {
        #expect(SearchTokens.index("暴力极端") == "暴 力 极 端 暴力 力极 极端")
        #expect(SearchTokens.query("极端主义").map(\.token) == ["极端", "端主", "主义"])
        #expect(SearchTokens.query("社").map(\.token) == ["社"])
        #expect(SearchTokens.index("CVE极端2026") == "cve 极 端 极端 2026 ªecve")
    }

    /// The shortcuts for common blocks answer what the Unicode properties say, for every scalar.
    @Test func letterShortcutsAgreeWithTheUnicodeProperties() {
        for value in UInt32(0)...0x10FFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            let expected = scalar.properties.isAlphabetic || scalar.properties.numericType != nil
            #expect(SearchTokens.isLetterOrNumber(scalar) == expected, "U+\(String(value, radix: 16))")
            if value < 0x300 { #expect(!scalar.properties.isGraphemeExtend, "U+\(String(value, radix: 16))") }
        }
    }

    @Test func onlyTheLastWordIsAPrefix() {
        #expect(SearchTokens.query("prison refo").map(\.token) == ["prison", "refo"])
        #expect(SearchTokens.query("prison refo").map(\.prefix) == [false, true])
        #expect(SearchTokens.query("a") == [.init("a")])
    }

    @Test func engineSyntaxNeverSurvives() {
        let terms = SearchTokens.query("\"NEAR(a b)\" AND -c* title:x ^y")
        // The quoted words are a phrase; no token holds anything but letters, digits and the spaces of a phrase.
        #expect(terms.map(\.token) == ["near a b", "and", "c", "title", "x", "y"])
        #expect((terms.map(\.token) + terms.flatMap(\.stems)).allSatisfy { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == " " } })
        #expect(SearchTokens.query("\"" + String(repeating: "w ", count: 5_000)).first?.words.count == 16)
        #expect(SearchTokens.query(String(repeating: "w ", count: 5_000)).count == 1)
        #expect(SearchTokens.query((1...100).map { "w\($0)" }.joined(separator: " ")).count == 16)
    }

    @Test func snippetsMarkMatchesAroundTheFirstHit() {
        let text = (1...60).map { "word\($0)" }.joined(separator: " ") + " Réinsertion des détenus."
        let segments = Snippet.make(text, terms: SearchTokens.query("detenus"))
        #expect(segments.first?.text.hasPrefix("… word") == true)
        #expect(segments.contains(.init("détenus", hit: true)))
        #expect(Snippet.plain(segments).hasSuffix("détenus."))
        let arabic = Snippet.make("مكافحة التطرّف العنيف", terms: SearchTokens.query("التطرف"))
        #expect(arabic.contains(.init("التطرّف", hit: true)))
    }

    /// Words are paired with the normalised text by position; where normalising changes the
    /// number of words (½ becomes 1⁄2), each word is normalised on its own, with the same result.
    @Test func snippetsMarkTheSameWordsWhenNormalisingSplitsAWord() {
        let terms = SearchTokens.query("prison ete")
        let plain = Snippet.make("Coût: la moitié du budget de la PRISON, été 2024.", terms: terms)
        let split = Snippet.make("Coût: ½ du budget de la PRISON, été 2024.", terms: terms)
        for segments in [plain, split] {
            #expect(segments.filter(\.hit).map(\.text) == ["PRISON", "été"])
        }
    }

    /// Words are folded from the table, or by Foundation for what the table leaves (Greek here,
    /// a combining accent); Chinese terms match inside a run.
    @Test func snippetsFoldEveryScript() {
        let chinese = Snippet.make("项目：预防暴力极端主义的社区方案。", terms: SearchTokens.query("极端主义"))
        #expect(chinese.contains(.init("预防暴力极端主义的社区方案", hit: true)))
        let greek = Snippet.make("Ένα πρόγραμμα για ΣΧΟΛΕΙΑ.", terms: SearchTokens.query("σχολεια"))
        #expect(greek.contains(.init("ΣΧΟΛΕΙΑ", hit: true)))
        let combining = Snippet.make("Les de\u{0301}tenus libe\u{0301}re\u{0301}s", terms: SearchTokens.query("detenus"))
        #expect(combining.contains(.init("de\u{0301}tenus", hit: true)))
        #expect(Snippet.plain(combining) == "Les de\u{0301}tenus libe\u{0301}re\u{0301}s")
    }
}
