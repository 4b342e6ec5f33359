import Foundation

// Candidates from the directory's records, built the same way by the store and by the tests.
extension MatchCandidate {
    /// An expert as the reader may see them (``ExpertRecord/visible(to:)``): a country or an
    /// experience hidden from the reader neither earns nor costs points, so the reasons never
    /// reveal what the profile hides. A language spoken at basic level is not a working language.
    public static func expert(id: String, _ view: ExpertView, regions: RegionTable = .standard) -> MatchCandidate {
        MatchCandidate(kind: .expert, target: id, country: view.country,
                       languages: view.languages.filter { $0.level >= .working }.map(\.code),
                       themes: view.themes, pillars: view.pillars, offers: view.offers,
                       experienceCountries: view.experienceCountries ?? [], regions: regions)
    }

    /// A centre: it writes in the languages it has texts in; its upcoming courses count as training offered.
    public static func centre(id: String, _ record: CentreRecord, upcomingCourses: Int, regions: RegionTable = .standard) -> MatchCandidate {
        MatchCandidate(kind: .centre, target: id, country: record.country,
                       languages: Array(Set(record.translations.languages.map(\.rawValue) + [record.originalLanguage.rawValue])).sorted(),
                       themes: record.themes, upcomingCourses: upcomingCourses, regions: regions)
    }

    public static func course(id: String, _ record: CourseRecord, regions: RegionTable = .standard) -> MatchCandidate {
        MatchCandidate(kind: .course, target: id, country: record.country, languages: record.languages, themes: record.themes,
                       startDate: record.startDate, endDate: record.endDate, courseModality: record.modality, regions: regions)
    }
}
