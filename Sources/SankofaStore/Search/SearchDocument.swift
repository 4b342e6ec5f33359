import Foundation
import SankofaCore

/// What can be found by search. Raw values are stored and used in URLs (`type=practice`).
public enum SearchKind: String, CaseIterable, Codable, Sendable {
    case practice, expert, centre, course
}

/// Who may see a document: the index filters on it, so a visitor never gets a hit from text
/// they are not allowed to read.
public enum SearchAudience: String, CaseIterable, Codable, Sendable {
    case everyone
    case members
    case staff

    /// The documents a reader may match: a member also matches what everyone may read, and so on.
    public static func visible(to audience: Audience) -> [SearchAudience] {
        switch audience {
        case .visitor: [.everyone]
        case .member: [.everyone, .members]
        case .staff: [.everyone, .members, .staff]
        }
    }

    /// The document level holding what `audience` may see of a profile.
    public init(_ audience: Audience) {
        switch audience {
        case .visitor: self = .everyone
        case .member: self = .members
        case .staff: self = .staff
        }
    }
}

/// One translation of one record, as indexed.
public struct SearchDocument: Sendable, Equatable {
    public var kind: SearchKind
    public var recordID: UUID
    public var slug: String
    public var language: Language
    public var audience: SearchAudience
    /// Display text: the title, and the text that snippets are cut from.
    public var title: String
    public var body: String

    public init(kind: SearchKind, recordID: UUID, slug: String, language: Language, audience: SearchAudience,
                title: String, body: String) {
        self.kind = kind
        self.recordID = recordID
        self.slug = slug
        self.language = language
        self.audience = audience
        self.title = title
        self.body = body
    }

    /// Stable per (kind, record, language, audience), so re-indexing replaces rather than
    /// duplicates. A profile has one document per audience, each holding only what it may read.
    public var id: String {
        let base = "\(kind.rawValue):\(recordID.uuidString.lowercased()):\(language.rawValue)"
        return audience == .everyone ? base : base + ":" + audience.rawValue
    }
}

/// A document with its index tokens computed (``SearchTokens/index(_:)``), so that a bulk
/// import can tokenise the next batch while the database writes this one.
public struct TokenizedDocument: Sendable {
    public var document: SearchDocument
    public var titleTokens: String
    public var bodyTokens: String

    public init(_ document: SearchDocument) {
        self.document = document
        titleTokens = SearchTokens.index(document.title, language: document.language)
        bodyTokens = SearchTokens.index(document.body, language: document.language)
    }
}

/// A search: the words, who asks, filters, and the page wanted.
public struct SearchRequest: Sendable {
    public var query: String
    public var audiences: [SearchAudience]
    public var kinds: [SearchKind]
    public var languages: [Language]
    public var page: Int
    public var perPage: Int
    public var limits = SearchLimits.standard
    /// Whether words naming a thesaurus concept also match its terms in other languages.
    public var expands = true
    /// Whether a search that finds almost nothing may correct a misspelt word (``SearchIndex/searchCorrecting(_:preferring:)``).
    public var corrects = true

    public init(query: String, audiences: [SearchAudience] = [.everyone], kinds: [SearchKind] = [],
                languages: [Language] = [], page: Int = 1, perPage: Int = 20) {
        self.query = query
        self.audiences = audiences
        self.kinds = kinds
        self.languages = languages
        self.page = page
        self.perPage = perPage
    }

    public var terms: [SearchTokens.Term] { expands ? SearchTokens.expandedQuery(query) : SearchTokens.query(query) }
}

public struct SearchHit: Sendable, Equatable {
    public var kind: SearchKind
    public var recordID: UUID
    public var slug: String
    public var language: Language
    public var title: String
    public var body: String
    public var rank: Double

    /// Found only through the thesaurus (another language's term for a concept the query names):
    /// both engines score such hits below zero, below every match of the words as typed.
    public var isThroughConcept: Bool { rank < 0 }
}

public struct SearchResults: Sendable {
    public var total: Int
    public var hits: [SearchHit]
    /// Counts per kind and per language, each with the other filter applied.
    public var kinds: [String: Int]
    public var languages: [String: Int]
    /// False when more records match than were counted (``SearchLimits``): `total` is then a
    /// lower bound, shown as "more than", and so are the facet counts named in the two sets.
    public var totalIsExact = true
    public var kindsAtLeast: Set<String> = []
    public var languagesAtLeast: Set<String> = []
    /// When the ranking was bounded, how many records can be paged through (fewer than match).
    public var reachable: Int?
    /// Set when these are the results of a corrected query.
    public var correction: SearchCorrection?

    public init(total: Int, hits: [SearchHit], kinds: [String: Int], languages: [String: Int]) {
        self.total = total
        self.hits = hits
        self.kinds = kinds
        self.languages = languages
    }

    /// The records that pages can show: all of them, unless the ranking was bounded.
    public var pageable: Int { min(total, reachable ?? total) }

    public static let empty = SearchResults(total: 0, hits: [], kinds: [:], languages: [:])
}

/// Where search stops being exact, so that a word found in most documents costs about what a
/// rare one does (SQLite; see ``SQLiteSearchIndex``). Past `scan` matching documents, counts stop
/// at `count` records ("more than 1,000") and ranking reads the newest `candidates` documents in
/// the reader's language, then as many in the others when a page needs more. Below these, every count and every bm25 score is exact. Tests make them small.
public struct SearchLimits: Sendable, Equatable {
    public var scan: Int
    public var count: Int
    public var candidates: Int

    public init(scan: Int, count: Int, candidates: Int) {
        self.scan = scan
        self.count = count
        self.candidates = candidates
    }

    public static let standard = SearchLimits(scan: 2_000, count: 1_000, candidates: 300)
}
