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
            lines.append(cells.map(CSVCell.quoted).joined(separator: ","))
        }
        return lines.map { $0 + "\r\n" }.joined()
    }
}
