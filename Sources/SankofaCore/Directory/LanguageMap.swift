import Foundation

/// Texts keyed by language, as they travel in JSON: `{"en": …, "fr": …}` rather than the array
/// of pairs Codable makes of a dictionary keyed by an enum. An unknown language is an error.
public struct LanguageMap<Value: Codable & Sendable & Equatable>: Codable, Sendable, Equatable {
    public var values: [Language: Value]

    public init(_ values: [Language: Value] = [:]) { self.values = values }

    public subscript(language: Language) -> Value? {
        get { values[language] }
        set { values[language] = newValue }
    }

    public var languages: [Language] { Language.displayOrder.filter { values[$0] != nil } }
    public var isEmpty: Bool { values.isEmpty }

    /// The text in `language`, else in `original`, with the language it is actually in.
    public func resolve(_ language: Language, original: Language) -> (value: Value, language: Language)? {
        if let value = values[language] { return (value, language) }
        if let value = values[original] { return (value, original) }
        guard let first = languages.first, let value = values[first] else { return nil }
        return (value, first)
    }

    public init(from decoder: any Decoder) throws {
        let raw = try decoder.singleValueContainer().decode([String: Value].self)
        var values: [Language: Value] = [:]
        for (code, value) in raw {
            guard let language = Language(rawValue: code) else {
                throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "unknown language \(code)"))
            }
            values[language] = value
        }
        self.values = values
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, $0.value) }))
    }
}
