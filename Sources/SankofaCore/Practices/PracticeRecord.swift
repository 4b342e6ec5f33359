import Foundation

/// A practice as it travels in and out of the platform: the import/export format and the demo data.
/// Scope and regions are absent on purpose: they are derived from `countries`.
public struct PracticeRecord: Codable, Sendable, Equatable {
    public var slug: String
    public var status: PracticeStatus
    public var originalLanguage: Language
    public var countries: [String]
    public var leadCountry: String
    public var implementingOrganisations: [String]
    public var partners: [String]
    public var funders: [String]
    public var startYear: Int?
    public var endYear: Int?
    public var pillars: [Pillar]
    public var themes: [Theme]
    public var maturity: Maturity
    public var evidenceLevel: EvidenceLevel
    public var sources: [PracticeSource]
    /// ISO date (yyyy-mm-dd) of the last editorial review.
    public var lastReviewed: String?
    public var translations: [Language: PracticeText]

    public init(
        slug: String, status: PracticeStatus, originalLanguage: Language, countries: [String],
        leadCountry: String, implementingOrganisations: [String] = [], partners: [String] = [],
        funders: [String] = [], startYear: Int? = nil, endYear: Int? = nil, pillars: [Pillar],
        themes: [Theme], maturity: Maturity, evidenceLevel: EvidenceLevel,
        sources: [PracticeSource] = [], lastReviewed: String? = nil, translations: [Language: PracticeText]
    ) {
        self.slug = slug
        self.status = status
        self.originalLanguage = originalLanguage
        self.countries = countries
        self.leadCountry = leadCountry
        self.implementingOrganisations = implementingOrganisations
        self.partners = partners
        self.funders = funders
        self.startYear = startYear
        self.endYear = endYear
        self.pillars = pillars
        self.themes = themes
        self.maturity = maturity
        self.evidenceLevel = evidenceLevel
        self.sources = sources
        self.lastReviewed = lastReviewed
        self.translations = translations
    }

    public var scope: Scope? { Scope.derive(countries: countries) }
    public var original: PracticeText? { translations[originalLanguage] }

    enum CodingKeys: String, CodingKey {
        case slug, status, originalLanguage, countries, leadCountry, implementingOrganisations
        case partners, funders, startYear, endYear, pillars, themes, maturity, evidenceLevel
        case sources, lastReviewed, translations
    }

    // Translations are keyed by language code in JSON ({"en": {...}}), not as an array of pairs,
    // which is what Codable does by default for a dictionary keyed by an enum.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        slug = try c.decode(String.self, forKey: .slug)
        status = try c.decodeIfPresent(PracticeStatus.self, forKey: .status) ?? .draft
        originalLanguage = try c.decode(Language.self, forKey: .originalLanguage)
        countries = try c.decode([String].self, forKey: .countries)
        leadCountry = try c.decode(String.self, forKey: .leadCountry)
        implementingOrganisations = try c.decodeIfPresent([String].self, forKey: .implementingOrganisations) ?? []
        partners = try c.decodeIfPresent([String].self, forKey: .partners) ?? []
        funders = try c.decodeIfPresent([String].self, forKey: .funders) ?? []
        startYear = try c.decodeIfPresent(Int.self, forKey: .startYear)
        endYear = try c.decodeIfPresent(Int.self, forKey: .endYear)
        pillars = try c.decode([Pillar].self, forKey: .pillars)
        themes = try c.decode([Theme].self, forKey: .themes)
        maturity = try c.decode(Maturity.self, forKey: .maturity)
        evidenceLevel = try c.decodeIfPresent(EvidenceLevel.self, forKey: .evidenceLevel) ?? .none
        sources = try c.decodeIfPresent([PracticeSource].self, forKey: .sources) ?? []
        lastReviewed = try c.decodeIfPresent(String.self, forKey: .lastReviewed)
        let raw = try c.decode([String: PracticeText].self, forKey: .translations)
        var translations: [Language: PracticeText] = [:]
        for (code, text) in raw {
            guard let language = Language(rawValue: code) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .translations, in: c, debugDescription: "unknown language \(code)")
            }
            translations[language] = text
        }
        self.translations = translations
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(slug, forKey: .slug)
        try c.encode(status, forKey: .status)
        try c.encode(originalLanguage, forKey: .originalLanguage)
        try c.encode(countries, forKey: .countries)
        try c.encode(leadCountry, forKey: .leadCountry)
        try c.encode(implementingOrganisations, forKey: .implementingOrganisations)
        try c.encode(partners, forKey: .partners)
        try c.encode(funders, forKey: .funders)
        try c.encode(startYear, forKey: .startYear)
        try c.encode(endYear, forKey: .endYear)
        try c.encode(pillars, forKey: .pillars)
        try c.encode(themes, forKey: .themes)
        try c.encode(maturity, forKey: .maturity)
        try c.encode(evidenceLevel, forKey: .evidenceLevel)
        try c.encode(sources, forKey: .sources)
        try c.encode(lastReviewed, forKey: .lastReviewed)
        try c.encode(Dictionary(uniqueKeysWithValues: translations.map { ($0.key.rawValue, $0.value) }), forKey: .translations)
    }
}
