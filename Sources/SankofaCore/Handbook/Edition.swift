import Foundation

/// Where an edition of the Handbook stands. Only `published` editions are public; a published
/// edition never changes (a new edition is compiled instead).
public enum EditionStatus: String, CaseIterable, Codable, Sendable {
    case draft, compiled, published
    public var labelKey: String { "handbook.status.\(rawValue)" }
}

/// Which published practices an edition takes: all of them when every list is empty; otherwise a
/// practice must match each non-empty list (values within a list are alternatives, as in the facets).
public struct EditionSelection: Codable, Sendable, Equatable {
    public var regions: [Region]
    public var pillars: [Pillar]
    public var themes: [Theme]

    public init(regions: [Region] = [], pillars: [Pillar] = [], themes: [Theme] = []) {
        self.regions = regions
        self.pillars = pillars
        self.themes = themes
    }

    public static let all = EditionSelection()

    public func includes(_ record: PracticeRecord, table: RegionTable = .standard) -> Bool {
        let practiceRegions = Set(record.countries.map { table.region(of: $0) })
        if !regions.isEmpty && practiceRegions.isDisjoint(with: regions) { return false }
        if !pillars.isEmpty && Set(record.pillars).isDisjoint(with: pillars) { return false }
        if !themes.isEmpty && Set(record.themes).isDisjoint(with: themes) { return false }
        return true
    }
}

/// The translatable texts of an edition in one language. An empty title means the Handbook's
/// standard title in that language; empty foreword or introduction fall back to the original.
public struct EditionText: Codable, Sendable, Equatable {
    public var title: String
    public var foreword: String
    public var introduction: String

    public init(title: String = "", foreword: String = "", introduction: String = "") {
        self.title = title
        self.foreword = foreword
        self.introduction = introduction
    }

    public var isEmpty: Bool { title.isEmpty && foreword.isEmpty && introduction.isEmpty }
}

/// An edition as compiled: everything its books are made from, and nothing that can change later.
/// The practices are copies of their records at compile time (all their translations), so editing
/// a practice afterwards leaves the edition as it was. Encoded as JSON in the database.
public struct FrozenEdition: Codable, Sendable, Equatable {
    public var slug: String
    public var number: Int
    public var year: Int
    /// The language the foreword and introduction were written in (their fallback).
    public var originalLanguage: Language
    /// Keyed by language code ("ar", "zh", ...).
    public var texts: [String: EditionText]
    public var selection: EditionSelection
    /// Whole seconds, so that the books' dates (EPUB `dcterms:modified`) are reproducible.
    public var compiledAt: Date
    public var entries: [PracticeRecord]

    public init(slug: String, number: Int, year: Int, originalLanguage: Language, texts: [String: EditionText],
                selection: EditionSelection, compiledAt: Date, entries: [PracticeRecord]) {
        self.slug = slug
        self.number = number
        self.year = year
        self.originalLanguage = originalLanguage
        self.texts = texts
        self.selection = selection
        self.compiledAt = Date(timeIntervalSince1970: compiledAt.timeIntervalSince1970.rounded(.down))
        self.entries = entries
    }

    public func text(in language: Language) -> EditionText? {
        texts[language.rawValue].flatMap { $0.isEmpty ? nil : $0 }
    }
}
