import Foundation
import SankofaCore
import SQLKit

/// Courses for the translators' queue and form.
extension CourseStore {
    /// The courses that have not ended by `today` (an ISO day), the soonest first: a course past
    /// its dates is history and no longer worth a translator's time.
    public func translatable(today: String) async throws -> [DirectoryTranslatable] {
        try await sql.raw("SELECT record FROM courses WHERE end_date >= \(bind: today) ORDER BY start_date, slug").all().map {
            let record = try RecordJSON.decode(CourseRecord.self, try $0.decode(column: "record", as: String.self))
            let original = record.translations[record.originalLanguage]
            return DirectoryTranslatable(
                slug: record.slug, title: original?.title ?? record.slug, originalLanguage: record.originalLanguage,
                complete: DirectoryTranslatable.complete(record.translations, original,
                                                         fields: [\.title, \.description, \.eligibility, \.howToApply]),
                started: Set(record.translations.languages))
        }
    }

    /// ``CentreStore/translate(_:into:_:)`` for a course.
    public func translate(_ slug: String, into language: Language, _ text: CourseText) async throws -> Bool {
        try await database.atomically { database in
            let store = CourseStore(database: database)
            try await CourseTable.lock(slug: slug, on: store.sql)
            guard var record = try await store.find(slug: slug)?.record else { return false }
            record.translations[language] = text
            try await store.save(record)
            return true
        }
    }
}
