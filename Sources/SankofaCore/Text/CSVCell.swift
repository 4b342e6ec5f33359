/// One cell of a CSV file (RFC 4180) that people open in spreadsheets: the directory's export,
/// the indicators' files and the open data.
public enum CSVCell {
    /// `value` quoted when it holds a comma, a quote or a line break, and defused when a
    /// spreadsheet would run it as a formula (a leading apostrophe, OWASP's CSV injection advice).
    /// The separators are looked for in bytes, not characters: "\r\n" is one Character that is
    /// neither "\r" nor "\n", and a cell holding it went out unquoted, splitting its row.
    public static func quoted(_ value: String) -> String {
        var text = value
        if startsLikeAFormula(text) { text = "'" + text }
        guard text.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list),
    /// with their full-width forms, which some spreadsheets fold to them.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// Whether `text` would run as a formula. Looked at by Unicode scalar, not by character: "="
    /// followed by a combining mark is one grapheme cluster that is not "=", yet a spreadsheet
    /// reads its "=" all the same. A leading tab or carriage return counts, and so does a formula
    /// behind leading spaces, which spreadsheets trim.
    public static func startsLikeAFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if first == "\t" || first == "\r" { return true }
        return text.unicodeScalars.drop { $0.properties.isWhitespace }.first.map(formulaStarts.contains) ?? false
    }
}
