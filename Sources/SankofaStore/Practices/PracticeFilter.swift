import SankofaCore

/// The catalogue's filters: values within one facet are alternatives (OR), facets combine (AND).
public struct PracticeFilter: Sendable, Equatable {
    public var query: String = ""
    public var regions: [Region] = []
    public var countries: [String] = []
    public var pillars: [Pillar] = []
    public var themes: [Theme] = []
    public var maturities: [Maturity] = []
    public var scopes: [Scope] = []
    public var evidenceLevels: [EvidenceLevel] = []

    public init() {}

    public var isEmpty: Bool { self == PracticeFilter() }
}

/// The facets of the catalogue, in display order; raw values are the query parameter names.
public enum PracticeFacet: String, CaseIterable, Sendable {
    case region, country, pillar, theme, maturity, scope, evidence
}

public enum PracticeSort: String, CaseIterable, Sendable {
    /// Most recently published first.
    case newest
    /// Alphabetical by title in the reader's language.
    case title
    /// Most recent start year first.
    case start
}

/// One value of a facet with the number of practices it would give, other filters applied.
public struct FacetCount: Sendable, Equatable {
    public var value: String
    public var count: Int
}

public struct PracticePage: Sendable {
    public var total: Int
    public var practices: [PracticeModel]
    public var facets: [PracticeFacet: [FacetCount]]
}
