import SankofaCore
import Vapor

/// A facet of a directory page: its parameter, which values are valid in a URL (anything else is
/// a 400 naming the parameter), and each value's label. The engine filters and counts
/// (``DirectoryPage``); a page only shows what it counted.
struct DirectoryFacet: Sendable {
    var name: String
    var isValid: @Sendable (String) -> Bool
    /// Values in display order with their labels; `present` are the values that occur.
    var choices: @Sendable (_ present: Set<String>, _ language: Language, _ request: Request) -> [(String, String)]
}

/// Facets shared by the three directories.
enum CommonFacets {
    static let country = DirectoryFacet(name: "country", isValid: { Countries.isValid($0) && $0 == $0.uppercased() }) { present, language, _ in
        present.map { ($0, Countries.name(of: $0, in: language)) }
            .sorted { $0.1.compare($1.1, locale: language.locale) == .orderedAscending }
    }

    static let region = enumeration("region", Region.southern + [.partner], label: \.labelKey)

    static let theme = enumeration("theme", Theme.allCases, label: \.labelKey)

    static let pillar = DirectoryFacet(name: "pillar", isValid: { Int($0).flatMap(Pillar.init(rawValue:)) != nil }) { _, language, request in
        Pillar.allCases.map { (String($0.rawValue), "\($0.roman). \(request.t($0.labelKey, language))") }
    }

    /// Languages by code, named by CLDR in the reader's language.
    static let language = DirectoryFacet(name: "language", isValid: DirectoryValidation.isLanguageCode) { present, language, _ in
        present.map { ($0, Language.name(of: $0, in: language)) }
            .sorted { $0.1.compare($1.1, locale: language.locale) == .orderedAscending }
    }

    static func enumeration<Value: RawRepresentable & Sendable>(_ name: String, _ all: [Value], label: @escaping @Sendable (Value) -> String)
        -> DirectoryFacet where Value.RawValue == String {
        let valid = Set(all.map(\.rawValue))
        return DirectoryFacet(name: name, isValid: { valid.contains($0) }) { _, language, request in
            all.map { ($0.rawValue, request.t(label($0), language)) }
        }
    }
}
