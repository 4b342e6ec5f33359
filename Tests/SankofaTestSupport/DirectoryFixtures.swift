import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// Profiles, centres and courses with known values, for the directory's tests.
public enum DirectoryFixtures {
    /// A profile whose every field holds a marker naming the field (`titlemark`, `biographymark`...),
    /// so a test can tell exactly which fields reached a page.
    public static func expert(_ slug: String, country: String = "BF", profile: Visibility = .public,
                              fields: [ProfileField: Visibility] = [:], marker: String? = nil,
                              email: String? = nil) -> ExpertRecord {
        let mark = marker ?? slug.replacingOccurrences(of: "-", with: "")
        var levels = fields
        levels[.profile] = profile
        return ExpertRecord(
            slug: slug, name: "Name \(mark)", email: email ?? "\(slug)@hidden.example.org", originalLanguage: .en, country: country,
            title: "titlemark\(mark)", organisation: "organisationmark\(mark)",
            languages: [WorkingLanguage(code: "fr", level: .fluent), WorkingLanguage(code: "sw", level: .native)],
            themes: [.prisons], pillars: [.preventingCombating], experienceCountries: ["GY"], yearsOfExperience: 17,
            experienceKinds: [.research], biography: LanguageMap([.en: "biographymark\(mark) works on prison dialogue."]),
            links: [ProfileLink(title: "linkmark\(mark)", url: "https://example.org/\(slug)")],
            publications: [ProfileLink(title: "publicationmark\(mark)", url: nil)],
            practices: ["regional-training"],
            offers: [Offer(type: .mentoring, modality: [.remote], languages: ["fr"], availability: .now)],
            visibility: ProfileVisibility(levels))
    }

    @discardableResult
    public static func save(_ app: Application, _ record: ExpertRecord, owner: UUID? = nil) async throws -> UUID {
        try await ExpertStore(database: app.db).save(record, owner: owner)
    }

    public static func centre(_ slug: String, country: String = "KE", experts: [String] = [], focalPoint: String? = nil) -> CentreRecord {
        CentreRecord(slug: slug, originalLanguage: .en, country: country, type: .academic, themes: [.prisons],
                     website: "https://example.org/\(slug)", focalPoint: focalPoint, experts: experts, practices: ["regional-training"],
                     translations: LanguageMap([.en: CentreText(name: "Centre \(slug)", description: "A centre for prison officers."),
                                                .ar: CentreText(name: "مركز \(slug)", description: "مركز لتدريب موظفي السجون.")]))
    }

    public static func course(_ slug: String, centre: String? = nil, country: String = "KE", start: String, end: String,
                              modality: Modality = .inPerson, languages: [String] = ["en", "fr"], cost: CostCoverage = .free) -> CourseRecord {
        CourseRecord(slug: slug, centre: centre, country: country, originalLanguage: .en, themes: [.prisons], modality: modality,
                     location: modality == .remote ? nil : "Nairobi", languages: languages, startDate: start, endDate: end, seats: 20,
                     costCoverage: cost, applyURL: "https://example.org/apply",
                     translations: LanguageMap([.en: CourseText(title: "Course \(slug)", description: "Training, with care; for officers.",
                                                                eligibility: "Prison officers", howToApply: "Write to the centre.")]))
    }

    public static func saveCentreAndCourse(_ app: Application, slug: String) async throws {
        try await CentreStore(database: app.db).save(centre(slug))
        try await CourseStore(database: app.db).save(course(slug, centre: slug, start: "2030-03-01", end: "2030-03-05"))
    }
}
