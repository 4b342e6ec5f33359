import Foundation

/// The translatable texts of a Centre of Excellence.
public struct CentreText: Codable, Sendable, Equatable {
    public var name: String
    public var description: String
    public init(name: String, description: String = "") { self.name = name; self.description = description }
}

/// A Centre of Excellence as it travels in and out of the platform. Centres are institutions,
/// so nothing about them is private; the contact route is their public page or the platform's
/// form to their focal point.
public struct CentreRecord: Codable, Sendable, Equatable {
    public var slug: String
    public var originalLanguage: Language
    public var country: String
    public var type: CentreType
    public var themes: [Theme]
    public var website: String?
    public var contactURL: String?
    /// Slug of the expert designated focal point for the centre.
    public var focalPoint: String?
    public var experts: [String]
    public var practices: [String]
    public var translations: LanguageMap<CentreText>

    public init(slug: String, originalLanguage: Language, country: String, type: CentreType, themes: [Theme] = [],
                website: String? = nil, contactURL: String? = nil, focalPoint: String? = nil, experts: [String] = [],
                practices: [String] = [], translations: LanguageMap<CentreText>) {
        self.slug = slug
        self.originalLanguage = originalLanguage
        self.country = country
        self.type = type
        self.themes = themes
        self.website = website
        self.contactURL = contactURL
        self.focalPoint = focalPoint
        self.experts = experts
        self.practices = practices
        self.translations = translations
    }

    enum CodingKeys: String, CodingKey {
        case slug, originalLanguage, country, type, themes, website, contactURL, focalPoint, experts, practices, translations
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        slug = try c.decode(String.self, forKey: .slug)
        originalLanguage = try c.decode(Language.self, forKey: .originalLanguage)
        country = try c.decode(String.self, forKey: .country)
        type = try c.decode(CentreType.self, forKey: .type)
        themes = try c.decodeIfPresent([Theme].self, forKey: .themes) ?? []
        website = try c.decodeIfPresent(String.self, forKey: .website)
        contactURL = try c.decodeIfPresent(String.self, forKey: .contactURL)
        focalPoint = try c.decodeIfPresent(String.self, forKey: .focalPoint)
        experts = try c.decodeIfPresent([String].self, forKey: .experts) ?? []
        practices = try c.decodeIfPresent([String].self, forKey: .practices) ?? []
        translations = try c.decode(LanguageMap<CentreText>.self, forKey: .translations)
    }
}
