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
}

