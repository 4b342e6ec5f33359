/// What an editor types to create or change an edition, before it is stored.
public struct EditionDraft: Sendable, Equatable {
    public var slug: String
    public var number: Int?
    public var year: Int?
    public var selection: EditionSelection
    public var texts: [String: EditionText]

    public init(slug: String, number: Int?, year: Int?, selection: EditionSelection, texts: [String: EditionText]) {
        self.slug = slug
        self.number = number
        self.year = year
        self.selection = selection
        self.texts = texts
    }

    /// The language of the first filled-in texts, in UN order: the fallback of the others.
    public var originalLanguage: Language {
        Language.displayOrder.first { texts[$0.rawValue].map { !$0.foreword.isEmpty || !$0.introduction.isEmpty } ?? false }
            ?? Language.displayOrder.first { !(texts[$0.rawValue]?.isEmpty ?? true) } ?? .en
    }
}

/// Why an edition cannot be stored, compiled or published. Each has a translated message
/// (`handbook.error.<rawValue>`) and names the form field it belongs to.
public enum EditionIssue: String, Error, Sendable, CaseIterable {
    case slug, slugTaken, number, year, texts, tooLong, empty, notCompiled, published

    public var messageKey: String { "handbook.error.\(rawValue)" }
    public var field: String {
        switch self {
        case .slug, .slugTaken: "slug"
        case .number: "number"
        case .year: "year"
        case .texts, .tooLong: "texts"
        case .empty, .notCompiled, .published: "edition"
        }
    }
}

public enum EditionValidation {
    public static let maxTextLength = 20_000

    public static func issues(in draft: EditionDraft) -> [EditionIssue] {
        var issues: [EditionIssue] = []
        // "new" is the address of the creation form.
        if !Slug.isValid(draft.slug) || draft.slug.count > 60 || draft.slug == "new" { issues.append(.slug) }
        if !(1...999).contains(draft.number ?? 0) { issues.append(.number) }
        if !(2000...2100).contains(draft.year ?? 0) { issues.append(.year) }
        if draft.texts.values.allSatisfy(\.isEmpty) { issues.append(.texts) }
        if draft.texts.values.contains(where: { $0.title.count > 300 || $0.foreword.count > maxTextLength || $0.introduction.count > maxTextLength }) {
            issues.append(.tooLong)
        }
        return issues
    }
}
