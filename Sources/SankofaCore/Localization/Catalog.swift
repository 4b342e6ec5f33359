import Foundation

/// One entry of a catalog: a plain string, or one string per CLDR plural category.
public enum CatalogEntry: Sendable, Equatable, Decodable {
    case text(String)
    case plural([PluralCategory: String])

    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let text = try? container.decode(String.self) {
            self = .text(text)
            return
        }
        let raw = try container.decode([String: String].self)
        var forms: [PluralCategory: String] = [:]
        for (key, value) in raw {
            guard let category = PluralCategory(rawValue: key) else {
                throw DecodingError.dataCorruptedError(
                    in: container, debugDescription: "unknown plural category \(key)")
            }
            forms[category] = value
        }
        self = .plural(forms)
    }

    /// Every string of the entry, for placeholder checks.
    public var strings: [String] {
        switch self {
        case .text(let text): [text]
        case .plural(let forms): forms.keys.sorted { $0.rawValue < $1.rawValue }.map { forms[$0]! }
        }
    }
}

/// The interface strings of the six languages, loaded once from `Resources/i18n/{lang}.json`.
/// Placeholders are `{name}`; `{count}` in a plural entry is the formatted number.
public struct Catalogs: Sendable {
    public let entries: [Language: [String: CatalogEntry]]

    public init(entries: [Language: [String: CatalogEntry]]) {
        self.entries = entries
    }

    /// The catalogs shipped with the package.
    public static let bundled: Catalogs = {
        do { return try load(from: Bundle.module) } catch {
            fatalError("interface catalogs are unreadable: \(error)")
        }
    }()

    public static func load(from bundle: Bundle) throws -> Catalogs {
        var entries: [Language: [String: CatalogEntry]] = [:]
        for language in Language.allCases {
            guard let url = bundle.url(forResource: language.rawValue, withExtension: "json", subdirectory: "i18n")
                ?? bundle.url(forResource: language.rawValue, withExtension: "json")
            else { throw CocoaError(.fileNoSuchFile) }
            entries[language] = try JSONDecoder().decode([String: CatalogEntry].self, from: Data(contentsOf: url))
        }
        return Catalogs(entries: entries)
    }

    /// The string for `key`; a key missing from a catalog shows the English text, then the key itself,
    /// so a gap is visible but never breaks a page (the catalog test keeps gaps from landing).
    public func text(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        guard let entry = entries[language]?[key] ?? entries[.en]?[key] else { return key }
        let template: String
        switch entry {
        case .text(let text): template = text
        case .plural(let forms): template = forms[.other] ?? forms.values.first ?? key
        }
        return Self.fill(template, arguments)
    }

    /// A counted phrase: the plural form for `count` in `language`, with `{count}` formatted for the locale.
    public func plural(_ key: String, count: Int, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        guard let entry = entries[language]?[key] ?? entries[.en]?[key] else { return key }
        var values = arguments
        values["count"] = NumberFormatting.integer(count, language)
        switch entry {
        case .text(let text):
            return Self.fill(text, values)
        case .plural(let forms):
            let category = PluralRules.category(for: count, in: language)
            return Self.fill(forms[category] ?? forms[.other] ?? key, values)
        }
    }

    /// Replaces each `{name}` of `template` in one pass: a value that itself holds `{…}` (a
    /// server's reply, a title) is left as it is, whatever the order of the arguments.
    static func fill(_ template: String, _ arguments: [String: String]) -> String {
        guard template.contains("{") else { return template }
        var result = ""
        var rest = Substring(template)
        while let open = rest.firstIndex(of: "{") {
            result += rest[..<open]
            if let close = rest[open...].firstIndex(of: "}"),
               let value = arguments[String(rest[rest.index(after: open)..<close])] {
                result += value
                rest = rest[rest.index(after: close)...]
            } else {
                result.append("{")
                rest = rest[rest.index(after: open)...]
            }
        }
        return result + rest
    }

    /// The placeholder names used in a string, for the catalog consistency test.
    public static func placeholders(in text: String) -> Set<String> {
        var names: Set<String> = []
        var rest = Substring(text)
        while let open = rest.firstIndex(of: "{") {
            guard let close = rest[open...].firstIndex(of: "}") else { break }
            names.insert(String(rest[rest.index(after: open)..<close]))
            rest = rest[rest.index(after: close)...]
        }
        return names
    }
}
