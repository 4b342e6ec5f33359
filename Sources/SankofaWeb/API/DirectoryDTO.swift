import Foundation
import SankofaCore
import Vapor

/// An expert in JSON: made from an ``ExpertView``, so hidden fields are `null` (and the e-mail
/// address never appears). Texts keep their language codes.
struct ExpertDTO: Content {
    struct Endorsement: Content { var by: String?; var country: String?; var date: String }
    var slug: String
    var url: String
    var demo: Bool
    var name: String
    var originalLanguage: String
    var title: String?
    var organisation: String?
    var country: String?
    var languages: [WorkingLanguage]
    var themes: [Theme]
    var pillars: [Pillar]
    var experienceKinds: [ExperienceKind]?
    var yearsOfExperience: Int?
    var experienceCountries: [String]?
    var biography: [String: String]?
    var links: [ProfileLink]?
    var publications: [ProfileLink]?
    var offers: [Offer]
    var practices: [String]
    var focalPoint: Bool
    var endorsements: [Endorsement]?

    init(_ view: ExpertView, baseURL: String, published: Set<String>, endorsements: [Endorsement]? = nil) {
        slug = view.slug
        url = baseURL + SiteURL.apiExpert(slug: view.slug).path
        demo = view.demo
        name = view.name
        originalLanguage = view.originalLanguage.rawValue
        title = view.title
        organisation = view.organisation
        country = view.country
        languages = view.languages
        themes = view.themes
        pillars = view.pillars
        experienceKinds = view.experienceKinds
        yearsOfExperience = view.yearsOfExperience
        experienceCountries = view.experienceCountries
        biography = view.biography.map { Dictionary(uniqueKeysWithValues: $0.values.map { ($0.key.rawValue, $0.value) }) }
        links = view.links
        publications = view.publications
        offers = view.offers
        practices = view.practices.filter(published.contains)
        focalPoint = view.isFocalPoint
        self.endorsements = endorsements
    }
}

struct CentreDTO: Content {
    var slug: String
    var url: String
    var originalLanguage: String
    var country: String
    var region: String
    var type: CentreType
    var themes: [Theme]
    var website: String?
    var contactURL: String?
    var translations: [String: CentreText]
    /// Only the experts whose profile the caller may see.
    var experts: [String]
    var focalPoint: String?
    var practices: [String]

    init(_ record: CentreRecord, visibleExperts: Set<String>, published: Set<String>, baseURL: String) {
        slug = record.slug
        url = baseURL + SiteURL.apiCentre(slug: record.slug).path
        originalLanguage = record.originalLanguage.rawValue
        country = record.country
        region = RegionTable.standard.region(of: record.country).rawValue
        type = record.type
        themes = record.themes
        website = record.website
        contactURL = record.contactURL
        translations = Dictionary(uniqueKeysWithValues: record.translations.values.map { ($0.key.rawValue, $0.value) })
        experts = record.experts.filter(visibleExperts.contains)
        focalPoint = record.focalPoint.flatMap { visibleExperts.contains($0) ? $0 : nil }
        practices = record.practices.filter(published.contains)
    }
}

struct CourseDTO: Content {
    var slug: String
    var url: String
    var demo: Bool
    var centre: String?
    var country: String
    var originalLanguage: String
    var themes: [Theme]
    var modality: Modality
    var location: String?
    var languages: [String]
    var startDate: String
    var endDate: String
    var seats: Int?
    var costCoverage: CostCoverage
    var applyURL: String?
    var past: Bool
    var translations: [String: CourseText]

    init(_ record: CourseRecord, today: String, baseURL: String) {
        slug = record.slug
        url = baseURL + SiteURL.apiCourse(slug: record.slug).path
        demo = record.demo
        centre = record.centre
        country = record.country
        originalLanguage = record.originalLanguage.rawValue
        themes = record.themes
        modality = record.modality
        location = record.location
        languages = record.languages
        startDate = record.startDate
        endDate = record.endDate
        seats = record.seats
        costCoverage = record.costCoverage
        applyURL = record.applyURL
        past = record.isPast(today: today)
        translations = Dictionary(uniqueKeysWithValues: record.translations.values.map { ($0.key.rawValue, $0.value) })
    }
}

/// One page of a directory in JSON, with the facet counts of the HTML page.
struct DirectoryListDTO<Item: Content>: Content {
    var total: Int
    var page: Int
    var perPage: Int
    var pages: Int
    var items: [Item]
    var facets: [String: [PracticeListDTO.Facet]]
}
