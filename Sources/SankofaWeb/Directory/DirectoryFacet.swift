import SankofaCore
import Vapor

/// A facet of a directory page: its parameter, how to read an item's values, which values are
/// valid in a URL (anything else is a 400 naming the parameter), and each value's label.
struct DirectoryFacet<Item>: Sendable {
    var name: String
    var values: @Sendable (Item) -> [String]
    var isValid: @Sendable (String) -> Bool
    /// Values in display order with their labels; `present` are the values that occur.
    var choices: @Sendable (_ present: Set<String>, _ language: Language, _ request: Request) -> [(String, String)]

    var dimension: FacetDimension<Item> { FacetDimension(name, values: values) }
}

/// Facets shared by the three directories.
enum CommonFacets {
    static func country<Item>(_ values: @escaping @Sendable (Item) -> [String]) -> DirectoryFacet<Item> {
        DirectoryFacet(name: "country", values: values, isValid: { Countries.isValid($0) && $0 == $0.uppercased() }) { present, language, _ in
            present.map { ($0, Countries.name(of: $0, in: language)) }
                .sorted { $0.1.compare($1.1, locale: language.locale) == .orderedAscending }
        }
    }

    static func region<Item>(_ values: @escaping @Sendable (Item) -> [String]) -> DirectoryFacet<Item> {
        enumeration("region", Region.southern + [.partner], values, label: \.labelKey)
    }

    static func theme<Item>(_ values: @escaping @Sendable (Item) -> [Theme]) -> DirectoryFacet<Item> {
        enumeration("theme", Theme.allCases, { values($0).map(\.rawValue) }, label: \.labelKey)
    }

    static func pillar<Item>(_ values: @escaping @Sendable (Item) -> [Pillar]) -> DirectoryFacet<Item> {
        DirectoryFacet(name: "pillar", values: { values($0).map { String($0.rawValue) } },
                       isValid: { Int($0).flatMap(Pillar.init(rawValue:)) != nil }) { _, language, request in
            Pillar.allCases.map { (String($0.rawValue), "\($0.roman). \(request.t($0.labelKey, language))") }
        }
    }

    /// Languages by code, named by CLDR in the reader's language.
    static func language<Item>(_ values: @escaping @Sendable (Item) -> [String]) -> DirectoryFacet<Item> {
        DirectoryFacet(name: "language", values: values, isValid: DirectoryValidation.isLanguageCode) { present, language, _ in
            present.map { ($0, Language.name(of: $0, in: language)) }
                .sorted { $0.1.compare($1.1, locale: language.locale) == .orderedAscending }
        }
    }

    static func enumeration<Item, Value: RawRepresentable & Sendable>(
        _ name: String, _ all: [Value], _ values: @escaping @Sendable (Item) -> [String], label: @escaping @Sendable (Value) -> String
    ) -> DirectoryFacet<Item> where Value.RawValue == String {
        let valid = Set(all.map(\.rawValue))
        return DirectoryFacet(name: name, values: values, isValid: { valid.contains($0) }) { _, language, request in
            all.map { ($0.rawValue, request.t(label($0), language)) }
        }
    }
}
