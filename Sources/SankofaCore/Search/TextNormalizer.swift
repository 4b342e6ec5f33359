import Foundation

/// Folds text so that a query matches however it is typed: NFKC, case folded, Latin and
/// Cyrillic diacritics removed (é→e, ё→е), Arabic tashkeel and tatweel removed and letter
/// variants unified (أ إ آ ٱ → ا, ى → ي, ة → ه), Arabic-Indic digits → ASCII.
/// Applied to stored text and to queries alike, in Swift, so both engines see the same strings.
public enum TextNormalizer {
    public static func normalize(_ text: String) -> String {
        // ASCII needs only case folding; skipping the Unicode passes makes snippets cheap.
        if text.utf8.allSatisfy({ $0 < 0x80 }) { return text.lowercased() }
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
}
