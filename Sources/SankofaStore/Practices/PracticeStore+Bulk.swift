import Fluent
import Foundation
import SankofaCore

extension PracticeStore {
    /// Creates practices whose slugs are not taken yet, with the same rules as `save`, but 500
    /// records a statement per table instead of a handful of statements per record, and the data
    /// version bumped once: what makes an import of 100,000 practices take seconds, not minutes.
    /// Must run inside the caller's transaction (all or nothing).
    public func createMany(_ records: [PracticeRecord], now: Date = Date()) async throws {
        precondition(database.inTransaction, "createMany runs inside the import's transaction")
        let index = searchIndex(on: database)
        for start in stride(from: 0, to: records.count, by: 500) {
            var practices: [PracticeModel] = []
            var translations: [PracticeTranslationModel] = [], countries: [PracticeCountryModel] = []
            var pillars: [PracticePillarModel] = [], themes: [PracticeThemeModel] = []
            var documents: [[SearchDocument]] = []
            for record in records[start..<min(start + 500, records.count)] {
                let issues = PracticeValidation.issues(in: record)
                guard issues.isEmpty else { throw StoreError.invalid(issues) }
                let codes = Self.unique(record.countries.map { $0.uppercased() })
                let model = PracticeModel()
                apply(record, countries: codes, to: model, existing: nil, now: now)
                let id = UUID()
                model.id = id
                practices.append(model)
                let rows = children(record, countries: codes, id: id)
                translations += rows.translations
                countries += rows.countries
                pillars += rows.pillars
                themes += rows.themes
                documents.append(Self.searchDocuments(record, id))
            }
            try await practices.create(on: database)
            try await translations.create(on: database)
            try await countries.create(on: database)
            try await pillars.create(on: database)
            try await themes.create(on: database)
            try await index.insertNew(documents)
        }
        if !records.isEmpty { try await DataVersion.bump(on: database) }
    }
}
