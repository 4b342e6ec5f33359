import SankofaCore

/// The fields of a record as text, for side-by-side comparison of two revisions.
public enum RecordFields {
    public static func flatten(_ record: PracticeRecord) -> [(String, String)] {
        var fields: [(String, String)] = [
            ("status", record.status.rawValue), ("originalLanguage", record.originalLanguage.rawValue),
            ("countries", record.countries.joined(separator: ", ")), ("leadCountry", record.leadCountry),
            ("implementingOrganisations", record.implementingOrganisations.joined(separator: "\n")),
            ("partners", record.partners.joined(separator: "\n")), ("funders", record.funders.joined(separator: "\n")),
            ("startYear", record.startYear.map(String.init) ?? ""), ("endYear", record.endYear.map(String.init) ?? ""),
            ("pillars", record.pillars.map { String($0.rawValue) }.joined(separator: ", ")),
            ("themes", record.themes.map(\.rawValue).joined(separator: ", ")), ("maturity", record.maturity.rawValue),
            ("evidenceLevel", record.evidenceLevel.rawValue),
            ("sources", record.sources.map { "\($0.title) | \($0.url)" }.joined(separator: "\n")),
        ]
        for (language, text) in record.translations.sorted(by: { $0.key < $1.key }) {
            fields += PracticeText.fieldNames.map { ("\($0) (\(language.rawValue))", text.value(of: $0)) }
        }
        return fields
    }

    /// The fields that differ: name, before, after.
    public static func changes(from old: PracticeRecord?, to new: PracticeRecord) -> [(field: String, before: String, after: String)] {
        let before = Dictionary(old.map(flatten) ?? [], uniquingKeysWith: { a, _ in a })
        return flatten(new).compactMap { name, value in
            before[name] == value ? nil : (name, before[name] ?? "", value)
        }
    }
}
