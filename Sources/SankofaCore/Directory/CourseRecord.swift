import Foundation

/// The translatable texts of a course.
public struct CourseText: Codable, Sendable, Equatable {
    public var title: String
    public var description: String
    /// Who may apply.
    public var eligibility: String
    public var howToApply: String
    public init(title: String, description: String = "", eligibility: String = "", howToApply: String = "") {
        self.title = title
        self.description = description
        self.eligibility = eligibility
        self.howToApply = howToApply
    }
}

/// A course offered by a centre or a country. Past courses stay as history.
public struct CourseRecord: Codable, Sendable, Equatable {
    public var slug: String
    public var demo: Bool
    public var centre: String?
    public var country: String
    public var originalLanguage: Language
    public var themes: [Theme]
    public var modality: Modality
    public var location: String?
    public var languages: [String]
    /// ISO days (yyyy-mm-dd), both inclusive.
    public var startDate: String
    public var endDate: String
    public var seats: Int?
    public var costCoverage: CostCoverage
    public var applyURL: String?
    public var translations: LanguageMap<CourseText>

    public init(slug: String, demo: Bool = false, centre: String? = nil, country: String, originalLanguage: Language,
                themes: [Theme] = [], modality: Modality, location: String? = nil, languages: [String],
                startDate: String, endDate: String, seats: Int? = nil, costCoverage: CostCoverage,
                applyURL: String? = nil, translations: LanguageMap<CourseText>) {
        self.slug = slug
        self.demo = demo
        self.centre = centre
        self.country = country
        self.originalLanguage = originalLanguage
        self.themes = themes
        self.modality = modality
        self.location = location
        self.languages = languages
        self.startDate = startDate
        self.endDate = endDate
        self.seats = seats
        self.costCoverage = costCoverage
        self.applyURL = applyURL
        self.translations = translations
    }

    enum CodingKeys: String, CodingKey {
        case slug, demo, centre, country, originalLanguage, themes, modality, location, languages
        case startDate, endDate, seats, costCoverage, applyURL, translations
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        slug = try c.decode(String.self, forKey: .slug)
        demo = try c.decodeIfPresent(Bool.self, forKey: .demo) ?? false
        centre = try c.decodeIfPresent(String.self, forKey: .centre)
        country = try c.decode(String.self, forKey: .country)
        originalLanguage = try c.decode(Language.self, forKey: .originalLanguage)
        themes = try c.decodeIfPresent([Theme].self, forKey: .themes) ?? []
        modality = try c.decode(Modality.self, forKey: .modality)
        location = try c.decodeIfPresent(String.self, forKey: .location)
        languages = try c.decodeIfPresent([String].self, forKey: .languages) ?? []
        startDate = try c.decode(String.self, forKey: .startDate)
        endDate = try c.decode(String.self, forKey: .endDate)
        seats = try c.decodeIfPresent(Int.self, forKey: .seats)
        costCoverage = try c.decode(CostCoverage.self, forKey: .costCoverage)
        applyURL = try c.decodeIfPresent(String.self, forKey: .applyURL)
        translations = try c.decode(LanguageMap<CourseText>.self, forKey: .translations)
    }

    /// Past courses are history: still shown, after the upcoming ones.
    public func isPast(today: String) -> Bool { endDate < today }
}

/// When a course is, as a facet: days compared as ISO text, like ``CourseRecord/isPast(today:)``.
public enum CourseTiming: String, CaseIterable, Sendable {
    case upcoming, ongoing, past
    public var labelKey: String { "courses.\(rawValue)" }

    public static func of(start: String, end: String, today: String) -> CourseTiming {
        if end < today { return .past }
        return start <= today ? .ongoing : .upcoming
    }
}
