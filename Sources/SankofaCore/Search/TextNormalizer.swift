import Foundation

/// Folds text so that a query matches however it is typed: NFKC, case folded, Latin and
/// Cyrillic diacritics removed (é→e, ё→е), Arabic tashkeel and tatweel removed and letter
/// variants unified (أ إ آ ٱ → ا, ى → ي, ة → ه), Arabic-Indic digits → ASCII.
/// Applied to stored text and to queries alike, in Swift, so both engines see the same strings.
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        // ASCII needs only case folding; skipping the Unicode passes makes snippets cheap.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
        return folded(text) ?? foundationNormalize(text)
    }

    /// The reference folding, through Foundation's normalisation forms (three passes).
    static func foundationNormalize(_ text: String) -> String {
        let nfkc = text.precomposedStringWithCompatibilityMapping.lowercased()
        var out = String.UnicodeScalarView()
        for scalar in nfkc.decomposedStringWithCanonicalMapping.unicodeScalars {
            switch scalar.value {
            // Й is a letter of its own in Russian, not и with an accent: keep its breve.
            case 0x0306 where out.last == "\u{0438}": out.append(scalar)
            case 0x0300...0x036F: continue            // combining marks after Latin/Cyrillic letters
            case 0x064B...0x065F, 0x0670, 0x0640: continue // Arabic tashkeel, superscript alef, tatweel
            case 0x0622, 0x0623, 0x0625, 0x0671: out.append("\u{0627}")
            case 0x0649: out.append("\u{064A}")
            case 0x0629: out.append("\u{0647}")
            case 0x0660...0x0669: out.append(Unicode.Scalar(scalar.value - 0x0660 + 0x30)!)
            case 0x06F0...0x06F9: out.append(Unicode.Scalar(scalar.value - 0x06F0 + 0x30)!)
            default: out.append(scalar)
            }
        }
        // Canonical decomposition split й into и + breve and Arabic hamza forms into base + mark;
        // recomposing keeps what was not folded intact.
        return String(out).precomposedStringWithCanonicalMapping
    }

    /// The same folding scalar by scalar from a table, for text made only of scalars whose
    /// folding does not depend on their neighbours: Latin, Cyrillic and Arabic letters, general
    /// and CJK punctuation, fullwidth forms, CJK ideographs. Nil otherwise (combining Latin
    /// marks, whose fate depends on the letter before them; Greek, whose sigma depends on its
    /// place in the word; anything else), and Foundation does it. Foundation's three passes were
    /// most of a search page's CPU (snippets) and a sixth of an import's. The table is built
    /// from ``foundationNormalize(_:)`` itself, and a test checks that both agree on texts.
    static func folded(_ text: String) -> String? {
        foldedUTF8(text.unicodeScalars).map { String(decoding: $0, as: UTF8.self) }
    }

    /// ``folded(_:)`` as UTF-8 bytes, for any run of scalars (snippets fold word by word).
    static func foldedUTF8<Scalars: Sequence<Unicode.Scalar>>(_ scalars: Scalars) -> [UInt8]? {
        // UTF-8 bytes out: appending scalars to a String one by one was most of this cost.
        var out: [UInt8] = []
        out.reserveCapacity(scalars.underestimatedCount * 2)
        for scalar in scalars {
            let value = scalar.value
            if value < 0x80 {
                out.append(UInt8((0x41...0x5A).contains(value) ? value + 0x20 : value))
            } else if (0x4E00...0x9FFF).contains(value) {
                // Three UTF-8 bytes, unchanged.
                out.append(UInt8(0xE0 | (value >> 12)))
                out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
                out.append(UInt8(0x80 | (value & 0x3F)))
            } else if let folded = FoldingTable.folding(of: value) {
                out.append(contentsOf: folded)
            } else {
                return nil
            }
        }
        return out
    }
}

/// For each scalar of `ranges`, its folding alone as UTF-8 (nil where it must not be folded
/// alone), and whether it is a word character (for snippets).
enum FoldingTable {
    static let ranges: [ClosedRange<UInt32>] = [
        0x0080...0x02FF,  // Latin-1 supplement, Latin extended A and B, IPA, spacing modifiers
        0x0400...0x052F,  // Cyrillic
        0x0600...0x06FF,  // Arabic
        0x2000...0x206F,  // general punctuation
        0x3000...0x303F,  // CJK symbols and punctuation
        0xFF00...0xFFEF,  // half- and fullwidth forms
    ]

    struct Entry: Sendable {
        var folded: [UInt8]?
        var isWord: Bool
    }

    static let shared: [[Entry]] = ranges.map { range in
        range.map { value -> Entry in
            guard let scalar = Unicode.Scalar(value) else { return Entry(folded: nil, isWord: false) }
            return Entry(folded: folding(scalar).map { Array($0.utf8) }, isWord: Snippet.isWordCategory(scalar))
        }
    }

    private static func folding(_ scalar: Unicode.Scalar) -> String? {
        let value = scalar.value
        let category = scalar.properties.generalCategory
        // Marks combine with what precedes them, so they are folded in context only.
        if category == .nonspacingMark && !(0x064B...0x065F).contains(value) && value != 0x0670 { return nil }
        if category == .surrogate || category == .unassigned { return nil }
        let folded = TextNormalizer.foundationNormalize(String(Character(scalar)))
        // A folding that leaves a combining mark at its start could join the scalar before it.
        if let first = folded.unicodeScalars.first, first.properties.generalCategory == .nonspacingMark { return nil }
        return folded
    }

    static func entry(_ value: UInt32) -> Entry? {
        for (index, range) in ranges.enumerated() where range.contains(value) {
            return shared[index][Int(value - range.lowerBound)]
        }
        return nil
    }

    static func folding(of value: UInt32) -> [UInt8]? { entry(value)?.folded }
}
