import Foundation

/// URL slugs: lowercase ASCII letters, digits and single hyphens, 1 to 120 characters.
public enum Slug {
    public static func isValid(_ text: String) -> Bool {
        guard (1...120).contains(text.count), !text.hasPrefix("-"), !text.hasSuffix("-"), !text.contains("--") else { return false }
        return text.unicodeScalars.allSatisfy { ("a"..."z").contains($0) || ("0"..."9").contains($0) || $0 == "-" }
    }

    /// A slug made from a title in any script: Latin letters lose their accents; other scripts
    /// are transliterated to Latin by ICU so that an Arabic or Chinese title still gives a readable slug.
    public static func make(from title: String) -> String {
        let latin = title.applyingTransform(.toLatin, reverse: false) ?? title
        let folded = latin.folding(options: [.diacriticInsensitive, .caseInsensitive, .widthInsensitive], locale: nil)
        var slug = ""
        for scalar in folded.lowercased().unicodeScalars {
            if ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar) {
                slug.unicodeScalars.append(scalar)
            } else if !slug.isEmpty && !slug.hasSuffix("-") {
                slug.append("-")
            }
        }
        while slug.hasSuffix("-") { slug.removeLast() }
        return String(slug.prefix(80)).trimmingCharacters(in: CharacterSet(charactersIn: "-"))
    }

    /// The first free slug for `text`: ``make(from:)``, or `fallback` when that is empty, prefixed
    /// with `fallback` when it is one of the section's own paths (`reserved`, e.g. "new"), then
    /// numbered -2, -3… while `isTaken` says the candidate is used.
    public static func free(for text: String, fallback: String, reserved: Set<String> = [],
                            isTaken: (String) async throws -> Bool) async throws -> String {
        var base = make(from: text)
        if base.isEmpty { base = fallback } else if reserved.contains(base) { base = fallback + "-" + base }
        var candidate = base, number = 2
        while try await isTaken(candidate) {
            candidate = "\(base)-\(number)"
            number += 1
        }
        return candidate
    }
}
