import SankofaCore

/// One language's book of an edition: everything already translated, ordered and formatted, so
/// that each format (web chapter, single HTML file, EPUB, PDF) only lays it out. Encodable so the
/// web reader hands it to Leaf as it is.
public struct Book: Encodable, Sendable {
    public var language: String
    public var dir: String
    public var title: String
    /// "Edition 2, 2026", in the book's language.
    public var editionLabel: String
    public var publisher: String
    public var contentsHeading: String
    public var chapters: [Chapter]
    /// Rules a kind of book adds to the Handbook's stylesheet (the annual report's tables and charts).
    public var extraStyle: String = ""

    public func chapter(_ id: String) -> Chapter? { chapters.first { $0.id == id } }
}

/// A chapter: one of the front-matter texts, the guide, a region, or an index. Exactly one of the
/// optional parts is set; the templates test them in turn (Leaf has no enums).
public struct Chapter: Encodable, Sendable {
    public var id: String
    public var title: String
    public var text: FrontText?
    public var guide: [GuideSection]?
    public var pillars: [PillarSection]?
    public var index: [IndexGroup]?
    public var entryCount: Int = 0
    /// A chapter laid out by its builder (the annual report's figures, tables and charts): markup
    /// every text of which is already escaped, emitted as it is.
    public var markup: String? = nil
}

/// Foreword or introduction: the edition's own text, in the book's language or its original.
public struct FrontText: Encodable, Sendable {
    public var lang: String
    public var dir: String
    public var fallbackNote: String?
    public var paragraphs: [String]
}

/// "How to read an entry": one section per vocabulary (pillars, maturity, scope, evidence).
public struct GuideSection: Encodable, Sendable {
    public var id: String
    public var heading: String
    public var lead: String
    public var terms: [String]
}

public struct PillarSection: Encodable, Sendable {
    public var id: String
    public var heading: String
    public var entries: [Entry]
}

/// One practice, laid out the same way everywhere: title, summary, sections, metadata box.
public struct Entry: Encodable, Sendable {
    /// A section's text is in `lang`: the entry's, or the original's where a translation lacks
    /// the section (then `note` says so, in the book's language).
    public struct Section: Encodable, Sendable {
        public var heading: String
        public var paragraphs: [String]
        public var lang: String
        public var dir: String
        public var note: String?
    }
    public struct Fact: Encodable, Sendable {
        public var label: String
        public var values: [String]
    }

    /// Anchor, unique in the book: `e-` and the practice's slug.
    public var id: String
    public var slug: String
    public var title: String
    public var summary: String
    /// Language and direction of the text (the original's when not translated).
    public var lang: String
    public var dir: String
    /// The summary's language: the original's where a translation has none.
    public var summaryLang: String
    public var summaryDir: String
    public var fallbackNote: String?
    public var sections: [Section]
    public var factsHeading: String
    public var facts: [Fact]
    public var platformLabel: String
    public var platformURL: String
}

/// A heading of an index (a country or a theme) and the entries under it.
public struct IndexGroup: Encodable, Sendable {
    public struct Link: Encodable, Sendable {
        public var title: String
        public var lang: String
        public var dir: String
        public var chapter: String
        public var anchor: String
    }
    public var heading: String
    public var links: [Link]
}
