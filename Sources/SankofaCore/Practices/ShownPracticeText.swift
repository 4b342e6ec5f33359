/// What a reader is shown of a practice in a language: the translation into it, with each field
/// the translation leaves empty taken from the original (a translator may save the title alone,
/// and a field may be added to the original after it was translated), or the original whole when
/// there is no translation (or one without a title). Pages and the Handbook mark what is not in
/// the reader's language.
public struct ShownPracticeText: Sendable, Equatable {
    public var text: PracticeText
    /// The language of the text: the one asked for when translated, else the original's.
    public var language: Language
    /// No translation into the language asked for: the whole text is the original.
    public var isFallback: Bool
    /// The language the fields named in `fromOriginal` are in.
    public var original: Language
    /// Fields (``PracticeText/fieldNames``) of a translation that were empty and are the original's.
    public var fromOriginal: Set<String>

    /// The language `field` is shown in.
    public func language(of field: String) -> Language { fromOriginal.contains(field) ? original : language }

    /// `translations` by language; `original` is the practice's original language. A practice whose
    /// original text is missing (data files) falls back to its first translation in display order,
    /// and one with no text at all to `placeholderTitle`.
    public init(_ translations: [Language: PracticeText], original: Language, in language: Language, placeholderTitle: String) {
        let source = translations[original].map { (original, $0) }
            ?? Language.displayOrder.lazy.compactMap { code in translations[code].map { (code, $0) } }.first
        self.original = source?.0 ?? original
        // A translation without a title (the translation form requires one; a data file may not)
        // counts as none: its other fields would sit under a title in another language.
        guard let own = translations[language], !own.title.isEmpty else {
            text = source?.1 ?? PracticeText(title: placeholderTitle)
            self.language = self.original
            isFallback = true
            fromOriginal = []
            return
        }
        self.language = language
        isFallback = false
        var text = own, filled: Set<String> = []
        if let (code, originalText) = source, code != language {
            for field in PracticeText.fieldNames where own.value(of: field).isEmpty && !originalText.value(of: field).isEmpty {
                text.set(field, originalText.value(of: field))
                filled.insert(field)
            }
        }
        self.text = text
        fromOriginal = filled
    }
}

extension PracticeText {
    /// Sets the field named `field` (``fieldNames``); other names change nothing.
    public mutating func set(_ field: String, _ value: String) {
        switch field {
        case "title": title = value
        case "summary": summary = value
        case "context": context = value
        case "approach": approach = value
        case "results": results = value
        case "lessons": lessons = value
        case "transferConditions": transferConditions = value
        case "expansionPotential": expansionPotential = value
        case "safeguards": safeguards = value
        case "targetGroups": targetGroups = value
        default: break
        }
    }
}
