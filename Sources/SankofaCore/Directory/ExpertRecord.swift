import Foundation

/// A language an expert works in, by ISO 639-1 code (not only the six UN languages), and how well.
public struct WorkingLanguage: Codable, Sendable, Equatable, Hashable {
    public var code: String
    public var level: LanguageLevel
    public init(code: String, level: LanguageLevel) { self.code = code; self.level = level }
}

/// A link or a publication on a profile. Publications may have no address.
public struct ProfileLink: Codable, Sendable, Equatable {
    public var title: String
    public var url: String?
    public init(title: String, url: String?) { self.title = title; self.url = url }
}

/// Something an expert offers, how, in which languages and from when.
public struct Offer: Codable, Sendable, Equatable {
    public var type: OfferType
    public var modality: [Modality]
    public var languages: [String]
    public var availability: Availability
    public init(type: OfferType, modality: [Modality], languages: [String], availability: Availability) {
        self.type = type
        self.modality = modality
        self.languages = languages
        self.availability = availability
    }
}

/// An endorsement as it travels in data files: by whom (an expert's slug) and when.
public struct EndorsementRecord: Codable, Sendable, Equatable {
    public var by: String
    public var date: String
    public init(by: String, date: String) { self.by = by; self.date = date }
}

/// An expert profile as it travels in and out of the platform (demo data, import, export).
/// The e-mail address is the contact form's destination and is never shown.
public struct ExpertRecord: Codable, Sendable, Equatable {
    public var slug: String
    public var demo: Bool
    public var name: String
    public var email: String?
    public var originalLanguage: Language
    public var country: String
    public var title: String
    public var organisation: String
    public var languages: [WorkingLanguage]
    public var themes: [Theme]
    public var pillars: [Pillar]
    public var experienceCountries: [String]
    public var yearsOfExperience: Int?
    public var experienceKinds: [ExperienceKind]
    public var biography: LanguageMap<String>
    public var links: [ProfileLink]
    public var publications: [ProfileLink]
    public var practices: [String]
    public var offers: [Offer]
    public var visibility: ProfileVisibility
    /// `country` when designated focal point for their country, `centre:SLUG` for a centre.
    public var focalPointFor: String?
    public var endorsements: [EndorsementRecord]

    public init(slug: String, demo: Bool = false, name: String, email: String? = nil, originalLanguage: Language,
                country: String, title: String = "", organisation: String = "", languages: [WorkingLanguage] = [],
                themes: [Theme] = [], pillars: [Pillar] = [], experienceCountries: [String] = [],
                yearsOfExperience: Int? = nil, experienceKinds: [ExperienceKind] = [],
                biography: LanguageMap<String> = .init(), links: [ProfileLink] = [], publications: [ProfileLink] = [],
                practices: [String] = [], offers: [Offer] = [], visibility: ProfileVisibility = .protective,
                focalPointFor: String? = nil, endorsements: [EndorsementRecord] = []) {
        self.slug = slug
        self.demo = demo
        self.name = name
        self.email = email
        self.originalLanguage = originalLanguage
        self.country = country
        self.title = title
        self.organisation = organisation
        self.languages = languages
        self.themes = themes
        self.pillars = pillars
        self.experienceCountries = experienceCountries
        self.yearsOfExperience = yearsOfExperience
        self.experienceKinds = experienceKinds
        self.biography = biography
        self.links = links
        self.publications = publications
        self.practices = practices
        self.offers = offers
        self.visibility = visibility
        self.focalPointFor = focalPointFor
        self.endorsements = endorsements
    }

    enum CodingKeys: String, CodingKey {
        case slug, demo, name, email, originalLanguage, country, title, organisation, languages, themes, pillars
        case experienceCountries, yearsOfExperience, experienceKinds, biography, links, publications, practices
        case offers, visibility, focalPointFor, endorsements
    }

    // Optional parts may be left out of a file; the visibility defaults to the protective one.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        slug = try c.decode(String.self, forKey: .slug)
        demo = try c.decodeIfPresent(Bool.self, forKey: .demo) ?? false
        name = try c.decode(String.self, forKey: .name)
        email = try c.decodeIfPresent(String.self, forKey: .email)
        originalLanguage = try c.decode(Language.self, forKey: .originalLanguage)
        country = try c.decode(String.self, forKey: .country)
        title = try c.decodeIfPresent(String.self, forKey: .title) ?? ""
        organisation = try c.decodeIfPresent(String.self, forKey: .organisation) ?? ""
        languages = try c.decodeIfPresent([WorkingLanguage].self, forKey: .languages) ?? []
        themes = try c.decodeIfPresent([Theme].self, forKey: .themes) ?? []
        pillars = try c.decodeIfPresent([Pillar].self, forKey: .pillars) ?? []
        experienceCountries = try c.decodeIfPresent([String].self, forKey: .experienceCountries) ?? []
        yearsOfExperience = try c.decodeIfPresent(Int.self, forKey: .yearsOfExperience)
        experienceKinds = try c.decodeIfPresent([ExperienceKind].self, forKey: .experienceKinds) ?? []
        biography = try c.decodeIfPresent(LanguageMap<String>.self, forKey: .biography) ?? .init()
        links = try c.decodeIfPresent([ProfileLink].self, forKey: .links) ?? []
        publications = try c.decodeIfPresent([ProfileLink].self, forKey: .publications) ?? []
        practices = try c.decodeIfPresent([String].self, forKey: .practices) ?? []
        offers = try c.decodeIfPresent([Offer].self, forKey: .offers) ?? []
        visibility = try c.decodeIfPresent(ProfileVisibility.self, forKey: .visibility) ?? .protective
        focalPointFor = try c.decodeIfPresent(String.self, forKey: .focalPointFor)
        endorsements = try c.decodeIfPresent([EndorsementRecord].self, forKey: .endorsements) ?? []
    }

    public var isCountryFocalPoint: Bool { focalPointFor == "country" }
}
