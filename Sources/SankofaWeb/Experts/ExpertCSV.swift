import SankofaCore

/// The expert directory as CSV (RFC 4180), made from views: a hidden field is an empty cell.
enum ExpertCSV {
    static let columns = ["slug", "name", "title", "organisation", "country", "languages", "themes", "pillars",
                          "experience", "yearsOfExperience", "experienceCountries", "offers", "biography", "links", "focalPoint", "demo"]

    static let header = columns.joined(separator: ",") + "\r\n"

    /// The lines of `views`, each ended by CRLF: the export writes them a batch at a time after ``header``.
    static func rows(_ views: [ExpertView], language: Language, catalogs: Catalogs) -> String {
        var lines: [String] = []
        for view in views {
            let bio = view.biography?.resolve(language, original: view.originalLanguage)?.value
            let cells: [String] = [
                view.slug, view.name, view.title ?? "", view.organisation ?? "", view.country ?? "",
                view.languages.map { "\($0.code):\($0.level.rawValue)" }.joined(separator: " "),
                view.themes.map(\.rawValue).joined(separator: " "),
                view.pillars.map { String($0.rawValue) }.joined(separator: " "),
                (view.experienceKinds ?? []).map(\.rawValue).joined(separator: " "),
                view.yearsOfExperience.map(String.init) ?? "",
                (view.experienceCountries ?? []).joined(separator: " "),
                view.offers.map { "\($0.type.rawValue):\($0.availability.string)" }.joined(separator: " "),
                bio ?? "",
                ((view.links ?? []) + (view.publications ?? [])).compactMap(\.url).joined(separator: " "),
                view.isFocalPoint ? "yes" : "", view.demo ? "yes" : "",
            ]
            lines.append(cells.map(escape).joined(separator: ","))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }

    /// Quotes every cell that needs it, and defuses cells a spreadsheet would run as a formula.
    static func escape(_ value: String) -> String {
        var text = value
        if startsLikeAFormula(text) { text = "'" + text }
        guard text.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return text }
        return "\"" + text.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    /// Characters that make a spreadsheet read a cell as a formula (OWASP's CSV injection list),
    /// with their full-width forms, which some spreadsheets fold to them.
    static let formulaStarts: Set<Unicode.Scalar> = ["=", "+", "-", "@", "\u{FF1D}", "\u{FF0B}", "\u{FF0D}", "\u{FF20}"]

    /// Whether `text` would run as a formula. Looked at by Unicode scalar, not by character: "="
    /// followed by a combining mark is one grapheme cluster that is not "=", yet a spreadsheet
    /// reads its "=" all the same. A leading tab or carriage return counts, and so does a formula
    /// behind leading spaces, which spreadsheets trim.
    static func startsLikeAFormula(_ text: String) -> Bool {
        guard let first = text.unicodeScalars.first else { return false }
        if first == "\t" || first == "\r" { return true }
        let trimmed = text.unicodeScalars.drop { $0.properties.isWhitespace }
        return trimmed.first.map(formulaStarts.contains) ?? false
    }
}
