import Foundation

/// Country codes and names. Names come from CLDR through Foundation, in the reader's language;
/// none is typed by hand.
public enum Countries {
    /// ISO 3166-1 alpha-2 codes of countries and territories (two letters; CLDR also lists
    /// numeric M49 areas and pseudo-regions such as "ZZ" and "EU", which are not countries).
    public static let all: [String] = Locale.Region.isoRegions
        .map(\.identifier)
        .filter { $0.count == 2 && $0.allSatisfy(\.isUppercase) && !nonCountries.contains($0) }
        .sorted()

    private static let nonCountries: Set<String> = ["ZZ", "EU", "EZ", "UN", "QO", "XA", "XB", "XK"]

    private static let known = Set(all)

    public static func isValid(_ code: String) -> Bool { known.contains(code.uppercased()) }

    /// The country's name in `language`, from CLDR.
    public static func name(of code: String, in language: Language) -> String {
        language.locale.localizedString(forRegionCode: code.uppercased()) ?? code.uppercased()
    }

    /// Every country as (code, name), sorted by name in each language: made once, since forms
    /// list them all and naming 250 countries through ICU on every request is wasted work.
    public static let sortedNames: [Language: [(code: String, name: String)]] = Dictionary(
        uniqueKeysWithValues: Language.allCases.map { language in
            (language, all.map { (code: $0, name: name(of: $0, in: language)) }
                .sorted { $0.name.compare($1.name, locale: language.locale) == .orderedAscending })
        })
}
