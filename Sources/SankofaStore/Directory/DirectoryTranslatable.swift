import SankofaCore

/// A centre or a course on the translators' queue, with the languages its texts are complete in.
/// A centre or course page falls back to the original where a language has no text, so each
/// such language is work waiting for a translator.
///
/// Read whole and filtered in Swift, not in SQL: the texts live in the record's JSON, and there
/// are a few hundred centres and current courses, not the catalogue's tens of thousands.
public struct DirectoryTranslatable: Sendable, Equatable {
    public var slug: String
    /// The name or title in the original language.
    public var title: String
    public var originalLanguage: Language
    /// The languages with a text holding every field the original has.
    public var complete: Set<Language>
    /// The languages with a text, complete or not.
    public var started: Set<Language> = []

    /// Not written in `target`, and no complete text in it yet (none, or one from before
    /// the original gained a field).
    public func waits(for target: Language) -> Bool { target != originalLanguage && !complete.contains(target) }

    /// Waits for `target` with a text begun there (one from before the original gained a field).
    public func isPartial(in target: Language) -> Bool { waits(for: target) && started.contains(target) }

    /// The languages whose text has every one of `fields` that the original has.
    static func complete<Text>(_ texts: LanguageMap<Text>, _ original: Text?, fields: [KeyPath<Text, String>]) -> Set<Language> {
        let needed = fields.filter { field in original.map { !$0[keyPath: field].isEmpty } ?? false }
        return Set(texts.values.filter { _, text in needed.allSatisfy { !text[keyPath: $0].isEmpty } }.keys)
    }
}

extension Array where Element == DirectoryTranslatable {
    /// How many wait for a text in each language.
    public func waitingCounts() -> [Language: Int] {
        Dictionary(uniqueKeysWithValues: Language.allCases.map { target in (target, count { $0.waits(for: target) }) })
    }
}
