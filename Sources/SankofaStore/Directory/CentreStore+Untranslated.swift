import Foundation
import SankofaCore
import SQLKit

/// The translators' queue for the directory: centres, and courses not yet ended, with the
/// languages their texts are in. A centre or course page falls back to the original where a
/// language is missing, so each missing language is work waiting for a translator.
///
/// Read whole and filtered here, not in SQL: the texts live in the record's JSON, and there
/// are a few hundred centres and current courses, not the catalogue's tens of thousands.
extension CentreStore {
    public struct Translatable: Sendable, Equatable {
        public var slug: String
        /// The name or title in the original language.
        public var title: String
        public var originalLanguage: Language
        public var languages: Set<Language>

        /// No text yet in `target`, neither written nor translated in it.
        public func waits(for target: Language) -> Bool { !languages.contains(target) }
    }

    /// Every centre, the longest unchanged first (the longest waiting).
    public func translatableCentres() async throws -> [Translatable] {
        try await sql.raw("SELECT record FROM centres ORDER BY updated_at, slug").all().map {
            let record = try RecordJSON.decode(CentreRecord.self, try $0.decode(column: "record", as: String.self))
            return Translatable(slug: record.slug, title: Self.original(record.translations, record.originalLanguage)?.name ?? record.slug,
                                originalLanguage: record.originalLanguage, languages: Set(record.translations.languages))
        }
    }

    /// The courses that have not ended by `today` (an ISO day), the soonest first: a course past
    /// its dates is history and no longer worth a translator's time.
    public func translatableCourses(today: String) async throws -> [Translatable] {
        try await sql.raw("SELECT record FROM courses WHERE end_date >= \(bind: today) ORDER BY start_date, slug").all().map {
            let record = try RecordJSON.decode(CourseRecord.self, try $0.decode(column: "record", as: String.self))
            return Translatable(slug: record.slug, title: Self.original(record.translations, record.originalLanguage)?.title ?? record.slug,
                                originalLanguage: record.originalLanguage, languages: Set(record.translations.languages))
        }
    }

    static func original<Text>(_ texts: LanguageMap<Text>, _ language: Language) -> Text? {
        texts.resolve(language, original: language)?.value
    }
}

extension Array where Element == CentreStore.Translatable {
    /// How many wait for a text in each language.
    public func waitingCounts() -> [Language: Int] {
        Dictionary(uniqueKeysWithValues: Language.allCases.map { target in (target, count { $0.waits(for: target) }) })
    }
}
