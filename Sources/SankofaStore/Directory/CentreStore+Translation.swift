import Foundation
import SankofaCore
import SQLKit

/// Centres for the translators' queue and form.
extension CentreStore {
    /// Every centre, the least recently changed first.
    public func translatable() async throws -> [DirectoryTranslatable] {
        try await sql.raw("SELECT record FROM centres ORDER BY updated_at, slug").all().map {
            let record = try RecordJSON.decode(CentreRecord.self, try $0.decode(column: "record", as: String.self))
            let original = record.translations[record.originalLanguage]
            return DirectoryTranslatable(
                slug: record.slug, title: original?.name ?? record.slug, originalLanguage: record.originalLanguage,
                complete: DirectoryTranslatable.complete(record.translations, original, fields: [\.name, \.description]),
                started: Set(record.translations.languages))
        }
    }

    /// Sets a centre's text in one language, on the record as it is when the write begins (its
    /// row locked first), so two translators saving two languages at once both keep theirs.
    /// False when there is no such centre.
    public func translate(_ slug: String, into language: Language, _ text: CentreText) async throws -> Bool {
        try await database.atomically { database in
            let store = CentreStore(database: database)
            try await CentreTable.lock(slug: slug, on: store.sql)
            guard var record = try await store.find(slug: slug)?.record else { return false }
            record.translations[language] = text
            try await store.save(record)
            return true
        }
    }
}
