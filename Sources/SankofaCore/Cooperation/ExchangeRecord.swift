import Foundation

/// One party of an exchange: a country on a side, with the institution that takes part and,
/// where known, the named expert or Centre of Excellence (by slug; the store keeps their ids).
public struct ExchangeParty: Codable, Sendable, Equatable, Hashable {
    public var side: ExchangeSide
    public var country: String
    public var institution: String
    public var expert: String?
    public var centre: String?

    public init(side: ExchangeSide, country: String, institution: String = "", expert: String? = nil, centre: String? = nil) {
        self.side = side
        self.country = country
        self.institution = institution
        self.expert = expert
        self.centre = centre
    }
}

/// An exchange as written by a form, an import or demo data. Its scope and triangular flag are
/// not fields: ``ExchangeScope/derive(parties:table:)`` computes them from the parties' countries
/// on every save. Its words are in one `language`; people appear only as parties.
public struct ExchangeRecord: Codable, Sendable, Equatable {
    public var title: String
    public var description: String
    public var language: Language
    public var type: ExchangeType
    public var status: ExchangeStatus
    /// ISO days (yyyy-mm-dd), both inclusive.
    public var startsOn: String
    public var endsOn: String
    public var place: String
    public var online: Bool
    public var themes: [Theme]
    public var pillars: [Pillar]
    public var parties: [ExchangeParty]
    /// Slugs of the practices and courses the exchange used.
    public var practices: [String]
    public var courses: [String]
    /// The request it answers, when it came from one.
    public var requestID: Int?
    public var demo: Bool

    public init(title: String, description: String = "", language: Language, type: ExchangeType,
                status: ExchangeStatus = .proposed, startsOn: String, endsOn: String, place: String = "",
                online: Bool = false, themes: [Theme] = [], pillars: [Pillar] = [], parties: [ExchangeParty],
                practices: [String] = [], courses: [String] = [], requestID: Int? = nil, demo: Bool = false) {
        self.title = title
        self.description = description
        self.language = language
        self.type = type
        self.status = status
        self.startsOn = startsOn
        self.endsOn = endsOn
        self.place = place
        self.online = online
        self.themes = themes
        self.pillars = pillars
        self.parties = parties
        self.practices = practices
        self.courses = courses
        self.requestID = requestID
        self.demo = demo
    }

    /// The distinct countries of the parties, in the order first named.
    public var countries: [String] {
        var seen: Set<String> = []
        return parties.map { $0.country.uppercased() }.filter { seen.insert($0).inserted }
    }

    public func countries(on side: ExchangeSide) -> [String] {
        var seen: Set<String> = []
        return parties.filter { $0.side == side }.map { $0.country.uppercased() }.filter { seen.insert($0).inserted }
    }
}

/// An exchange's scope, derived from its parties' countries (DOMAIN.md: never typed).
///
/// How a `partner`-side party counts: a country decides, not the side it is written on.
/// ``ExchangeValidation`` keeps countries outside the South off the provider and beneficiary
/// sides (South-South: those give and receive), so a Northern or multilateral supporter is always
/// a `partner`, and its presence makes the exchange triangular (``Scope/isTriangular``). A
/// Southern country on the partner side (a Southern co-funder) is South-South cooperation in
/// itself: it widens the scope like any Southern country and does not make the exchange
/// triangular. Partner countries count among the countries but not among the regions
/// (``Scope/derive``): Kenya–Uganda supported by Norway is regional and triangular.
public enum ExchangeScope {
    public static func derive(parties: [ExchangeParty], table: RegionTable = .standard) -> (scope: Scope?, triangular: Bool) {
        let countries = parties.map { $0.country.uppercased() }
        return (Scope.derive(countries: countries, table: table), Scope.isTriangular(countries: countries, table: table))
    }
}
