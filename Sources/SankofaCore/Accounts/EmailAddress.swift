/// The one rule for an e-mail address typed into any form (registration, an admin account, a
/// profile's contact address): one `@` with something before it, a domain with a dot inside it
/// (not first or last), no spaces, angle brackets or control characters, at most 254 characters
/// (RFC 5321's path limit). Deliberately loose past that: the verification mail is the real test.
public enum EmailAddress {
    public static func isValid(_ text: String) -> Bool {
        let parts = text.split(separator: "@", omittingEmptySubsequences: false)
        guard text.utf8.count <= 254, parts.count == 2, !parts[0].isEmpty else { return false }
        let domain = parts[1]
        return domain.contains(".") && !domain.hasPrefix(".") && !domain.hasSuffix(".")
            && !text.unicodeScalars.contains { $0.properties.isWhitespace || $0 == "<" || $0 == ">" || $0.value < 0x20 || $0.value == 0x7F }
    }
}
