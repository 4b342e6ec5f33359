import SankofaCore
import SankofaStore
import Vapor

/// API shapes, apart from the Fluent models (the Vapor template's rule): what clients rely on.
struct PracticeSummaryDTO: Content {
    var slug: String
    var title: String
    var summary: String
    /// The language `title` and `summary` are in: the requested one, or the original when untranslated.
    var language: String
    /// `language`, or the original's when the translation has no summary of its own.
    var summaryLanguage: String
    var translated: Bool
    var countries: [String]
    var regions: [String]
    var scope: String
    var maturity: String
    var evidenceLevel: String
    var pillars: [Int]
    var themes: [String]
    var startYear: Int?
    var endYear: Int?
    var url: String

    init(_ practice: PracticeModel, language: Language, baseURL: String) {
        let shown = practice.text(in: language)
        let record = practice.record
        slug = practice.slug
        title = shown.text.title
        summary = shown.text.summary
        self.language = shown.language.rawValue
        summaryLanguage = shown.language(of: "summary").rawValue
        translated = !shown.isFallback
        countries = record.countries
        regions = PracticeDTO.regions(record.countries)
        scope = practice.scope
        maturity = practice.maturity
        evidenceLevel = practice.evidenceLevel
        pillars = record.pillars.map(\.rawValue)
        themes = record.themes.map(\.rawValue)
        startYear = practice.startYear
        endYear = practice.endYear
        url = baseURL + SiteURL.practice(language, slug: practice.slug).path
    }
}

/// One practice in full: the portable record plus what is derived from it.
struct PracticeDTO: Content {
    var practice: PracticeRecord
    var scope: String
    var regions: [String]
    var triangular: Bool
    var publishedAt: Date?
    var updatedAt: Date?

    init(_ model: PracticeModel) {
        practice = model.record
        scope = model.scope
        regions = Self.regions(practice.countries)
        triangular = Scope.isTriangular(countries: practice.countries)
        publishedAt = model.publishedAt
        updatedAt = model.updatedAt
    }

    static func regions(_ countries: [String]) -> [String] {
        var seen: [String] = []
        for code in countries {
            let region = RegionTable.standard.region(of: code).rawValue
            if !seen.contains(region) { seen.append(region) }
        }
        return seen
    }
}

struct PracticeListDTO: Content {
    struct Facet: Content { var value: String; var count: Int }
    var total: Int
    var page: Int
    var perPage: Int
    var pages: Int
    var items: [PracticeSummaryDTO]
    var facets: [String: [Facet]]
}
