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

    /// The country's name in `language`; CLDR calls China "China mainland" in some locales,
    /// so the short form of the ISO name is requested through the region identifier.
    public static func name(of code: String, in language: Language) -> String {
        language.locale.localizedString(forRegionCode: code.uppercased()) ?? code.uppercased()
    }
}
