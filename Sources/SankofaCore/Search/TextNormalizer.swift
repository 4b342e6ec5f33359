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
            guard appendFolded(scalar.value, to: &out) else { return nil }
        }
        return out
    }

    /// Whether ``appendFolded(_:to:)`` folds `value` alone to at least one byte (not a mark
    /// folded in context, nor one folded away such as tatweel).
    @inline(__always)
    static func foldsAloneToSomething(_ value: UInt32) -> Bool {
        value < 0x80 || (0x4E00...0x9FFF).contains(value) || FoldingTable.foldsAloneToSomething(value)
    }

    /// One scalar's folding appended to `out` as UTF-8; false when the table cannot fold it alone.
    @inline(__always)
    static func appendFolded(_ value: UInt32, to out: inout [UInt8]) -> Bool {
        if value < 0x80 {
            out.append(UInt8((0x41...0x5A).contains(value) ? value + 0x20 : value))
        } else if (0x4E00...0x9FFF).contains(value) {
            // Three UTF-8 bytes, unchanged.
            out.append(UInt8(0xE0 | (value >> 12)))
            out.append(UInt8(0x80 | ((value >> 6) & 0x3F)))
            out.append(UInt8(0x80 | (value & 0x3F)))
        } else {
            return FoldingTable.appendFolding(of: value, to: &out)
        }
        return true
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

    /// Every scalar of `ranges` in order, packed in one word: bits 0-19 the offset of its
    /// folding in `bytes`, 20-23 the folding's length, bit 24 set when it folds alone, bit 25 when
    /// it is a word character. Both buffers are allocated once and never freed: an entry is two
    /// loads with no reference counting (nested arrays of optional arrays cost a retain and a
    /// release for every scalar of every snippet and every indexed word).
    private struct Table: @unchecked Sendable {
        let slots: UnsafeMutablePointer<UInt32>
        let bytes: UnsafeMutablePointer<UInt8>
    }

    private static let table: Table = {
        var slots: [UInt32] = []
        var bytes: [UInt8] = []
        for value in ranges.joined() {
            guard let scalar = Unicode.Scalar(value) else { slots.append(0); continue }
            var slot = UInt32(bytes.count)
            if let folded = folding(scalar).map({ Array($0.utf8) }) {
                precondition(folded.count < 16, "a folding longer than the table holds")
                slot |= UInt32(folded.count) << 20 | 1 << 24
                bytes += folded
            }
            if Snippet.isWordCategory(scalar) { slot |= 1 << 25 }
            slots.append(slot)
        }
        precondition(bytes.count < 1 << 20)
        let table = Table(slots: .allocate(capacity: slots.count), bytes: .allocate(capacity: max(bytes.count, 1)))
        table.slots.initialize(from: slots, count: slots.count)
        table.bytes.initialize(from: bytes, count: bytes.count)
        return table
    }()

    /// The index of `value` in the table, nil outside `ranges` (a test checks the bases).
    @inline(__always)
    static func slot(_ value: UInt32) -> Int? {
        switch value {
        case 0x0080...0x02FF: Int(value - 0x0080)
        case 0x0400...0x052F: Int(value - 0x0400) + 0x280
        case 0x0600...0x06FF: Int(value - 0x0600) + 0x3B0
        case 0x2000...0x206F: Int(value - 0x2000) + 0x4B0
        case 0x3000...0x303F: Int(value - 0x3000) + 0x520
        case 0xFF00...0xFFEF: Int(value - 0xFF00) + 0x560
        default: nil
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

    /// Appends the folding of `value` to `out`; false when it is outside the table or must be
    /// folded in context.
    @inline(__always)
    static func appendFolding(of value: UInt32, to out: inout [UInt8]) -> Bool {
        guard let index = slot(value) else { return false }
        let packed = table.slots[index]
        guard packed & (1 << 24) != 0 else { return false }
        let offset = Int(packed & 0xFFFFF), length = Int((packed >> 20) & 0xF)
        out.append(contentsOf: UnsafeBufferPointer(start: table.bytes + offset, count: length))
        return true
    }

    /// Whether the table folds `value` alone to at least one byte.
    @inline(__always)
    static func foldsAloneToSomething(_ value: UInt32) -> Bool {
        slot(value).map { table.slots[$0] & (1 << 24) != 0 && (table.slots[$0] >> 20) & 0xF != 0 } ?? false
    }

    /// Whether `value` is a word character, nil outside the table.
    @inline(__always)
    static func isWord(_ value: UInt32) -> Bool? {
        slot(value).map { table.slots[$0] & (1 << 25) != 0 }
    }

    /// The folding of `value` alone, nil where it has none (tests).
    static func folding(of value: UInt32) -> [UInt8]? {
        var out: [UInt8] = []
        return appendFolding(of: value, to: &out) ? out : nil
    }
}
