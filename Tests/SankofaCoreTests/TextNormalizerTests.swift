import Testing
@testable import SankofaCore

/// The table-driven folding must give exactly what Foundation's normalisation forms give, or
/// indexed text and queries would disagree with text indexed before it existed.
@Suite("Text folding")
struct TextNormalizerTests {
    /// A deterministic generator (SplitMix64), so that a failure names a reproducible text.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    /// The table's slots are numbered as its ranges run, one after the other, with none shared.
    @Test func everyScalarOfTheRangesHasItsOwnSlot() {
        let values = FoldingTable.ranges.joined()
        #expect(values.enumerated().allSatisfy { FoldingTable.slot($0.element) == $0.offset })
        #expect(FoldingTable.slot(0x7F) == nil && FoldingTable.slot(0x0300) == nil && FoldingTable.slot(0xFFF0) == nil)
        #expect(FoldingTable.folding(of: 0x00E9) == Array("e".utf8) && FoldingTable.isWord(0x00E9) == true)
        #expect(FoldingTable.folding(of: 0x0301) == nil && FoldingTable.isWord(0x2026) == false)
    }

    @Test func theTableAgreesWithFoundationOnRandomTexts() {
        // Every range the table covers, ASCII, CJK, and scalars it must leave to Foundation
        // (combining marks, Greek, Hangul, Arabic presentation forms).
        let pools: [ClosedRange<UInt32>] = FoldingTable.ranges + [
            0x0020...0x007E, 0x4E00...0x9FFF, 0x0300...0x036F, 0x0391...0x03C9, 0xAC00...0xAC20, 0xFB50...0xFB60,
        ]
        var random = Seeded(state: 20261129)
        var tableUsed = 0
        for _ in 0..<3_000 {
            let length = Int.random(in: 1...12, using: &random)
            var scalars = String.UnicodeScalarView()
            for _ in 0..<length {
                // Mostly one or two pools per text, as real text is.
                let pool = pools[Int.random(in: 0..<(Bool.random(using: &random) ? 3 : pools.count), using: &random)]
                if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &random)) { scalars.append(scalar) }
            }
            let text = String(scalars)
            if TextNormalizer.folded(text) != nil { tableUsed += 1 }
            #expect(TextNormalizer.normalize(text) == TextNormalizer.foundationNormalize(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
        #expect(tableUsed > 500)
    }

    @Test func theFoldingsTheIssueNames() {
        #expect(TextNormalizer.normalize("Éducation ÉTÉ") == "education ete")
        #expect(TextNormalizer.normalize("Ёлка й") == "елка й")
        #expect(TextNormalizer.normalize("أإآٱ ى ة ـ ٣٤") == "اااا ي ه  34")
        #expect(TextNormalizer.normalize("التَّطَرُّف") == "التطرف")
        #expect(TextNormalizer.normalize("ＡＢＣ１") == "abc1")
        // A decomposed й keeps its breve (Foundation's path).
        #expect(TextNormalizer.normalize("и\u{0306}") == "й")
        #expect(TextNormalizer.folded("e\u{0301}") == nil)
    }

    /// Words cut scalar by scalar are the words cut character by character, in every script
    /// (marks, joiners, Devanagari's spacing marks, Hangul, emoji included).
    @Test func scalarWordsAreCharacterWords() {
        let pools: [ClosedRange<UInt32>] = [
            0x0020...0x007E, 0x00C0...0x024F, 0x0300...0x036F, 0x0400...0x04FF, 0x0600...0x06FF, 0x0900...0x097F,
            0x0E00...0x0E7F, 0x1100...0x11FF, 0x4E00...0x9FFF, 0xAC00...0xD7AF, 0x200B...0x200F, 0xFE00...0xFE0F,
            0x1F300...0x1F3FF, 0x3040...0x30FF, 0xFF00...0xFFEF,
        ]
        var random = Seeded(state: 4_2026)
        for _ in 0..<3_000 {
            var scalars = String.UnicodeScalarView()
            for _ in 0..<Int.random(in: 1...14, using: &random) {
                let pool = pools[Int.random(in: 0..<pools.count, using: &random)]
                if let scalar = Unicode.Scalar(UInt32.random(in: pool, using: &random)) { scalars.append(scalar) }
            }
            let text = String(scalars)
            #expect(SearchTokens.words(text) == SearchTokens.wordsByCharacter(text), "\(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }
}
