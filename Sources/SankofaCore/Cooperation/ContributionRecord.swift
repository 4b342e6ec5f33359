import Foundation

/// One contribution to an exchange, as entered and as exported: money given (an amount in the
/// currency it was given in) or something given in kind (trainers, a venue, travel, materials)
/// with an optional estimate of its value. The contributor is a country, an organisation or a
/// centre of the directory (by slug). `source` says where the figure comes from (an agreement,
/// a budget line, a report), so that a reader can check it.
public struct ContributionRecord: Sendable, Equatable, Codable {
    public var kind: ContributionKind
    public var contributorKind: ContributorKind
    /// ISO 3166 alpha-2: required for a country, the organisation's or centre's country otherwise.
    public var contributorCountry: String?
    /// The organisation's name (for a country or a centre: empty, the name comes from them).
    public var contributorName: String
    /// A centre's slug when the contributor is a centre.
    public var centre: String?
    /// Financial: the amount given. In kind: the estimate, when there is one.
    public var amount: Money?
    /// In kind only: what was given.
    public var item: InKindItem?
    public var description: String
    /// The day it was given or committed (ISO, YYYY-MM-DD).
    public var givenOn: String
    public var source: String

    public init(kind: ContributionKind, contributorKind: ContributorKind, contributorCountry: String? = nil,
                contributorName: String = "", centre: String? = nil, amount: Money? = nil, item: InKindItem? = nil,
                description: String = "", givenOn: String, source: String = "") {
        self.kind = kind
        self.contributorKind = contributorKind
        self.contributorCountry = contributorCountry
        self.contributorName = contributorName
        self.centre = centre
        self.amount = amount
        self.item = item
        self.description = description
        self.givenOn = givenOn
        self.source = source
    }

    /// The year the contribution counts in (totals per year).
    public var year: Int? { Int(givenOn.prefix(4)) }
}
