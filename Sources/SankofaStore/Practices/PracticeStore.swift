import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Writes and reads whole practices. Every write goes through `save`, which validates the record
/// and derives scope and regions, so no path can store a practice that breaks the rules.
public struct PracticeStore: Sendable {
    public let database: any Database
    public let regions: RegionTable

    public init(database: any Database, regions: RegionTable = .standard) {
        self.database = database
        self.regions = regions
    }

    public enum StoreError: Error, Equatable {
        case invalid([ValidationIssue])
    }

    /// Creates or replaces the practice with the record's slug, its children, search documents and
    /// the data version, all in one transaction: the caller's (an import's) or one of its own.
    @discardableResult
    public func save(_ record: PracticeRecord, now: Date = Date()) async throws -> PracticeModel {
        try await database.atomically { [regions] tx in
            try await PracticeStore(database: tx, regions: regions).write(record, now: now)
        }
    }

    private func write(_ record: PracticeRecord, now: Date) async throws -> PracticeModel {
        let issues = PracticeValidation.issues(in: record)
        guard issues.isEmpty else { throw StoreError.invalid(issues) }
        let countries = Self.unique(record.countries.map { $0.uppercased() })

        let existing = try await PracticeModel.query(on: database).filter(\.$slug == record.slug).first()
        let model = existing ?? PracticeModel()
        apply(record, countries: countries, to: model, existing: existing, now: now)
        try await model.save(on: database)
        let id = try model.requireID()

        // Children are replaced wholesale: simpler than diffing, and the record is the truth.
        // Each kind is one multi-row INSERT, so an import costs a handful of statements a practice.
        if existing != nil {
            try await PracticeTranslationModel.query(on: database).filter(\.$practice.$id == id).delete()
            try await PracticeCountryModel.query(on: database).filter(\.$practice.$id == id).delete()
            try await PracticePillarModel.query(on: database).filter(\.$practice.$id == id).delete()
            try await PracticeThemeModel.query(on: database).filter(\.$practice.$id == id).delete()
        }
        let rows = children(record, countries: countries, id: id)
        try await rows.translations.create(on: database)
        try await rows.countries.create(on: database)
        try await rows.pillars.create(on: database)
        try await rows.themes.create(on: database)
        try await PracticeFacetIndex(database: database).replace(
            practice: id, with: PracticeFacetIndex.values(of: model, countries: rows.countries, pillars: rows.pillars, themes: rows.themes))
        try await searchIndex(on: database).replace(
            kind: .practice, recordID: id, with: Self.searchDocuments(record, id), isNew: existing == nil)
        try await DataVersion.bumpCatalogue(on: database)
        return model
    }

    /// Copies the record's fields to the model; shared by `save` and the bulk import.
    func apply(_ record: PracticeRecord, countries: [String], to model: PracticeModel, existing: PracticeModel?, now: Date) {
        let wasPublished = existing?.status == PracticeStatus.published.rawValue
        model.slug = record.slug
        model.status = record.status.rawValue
        model.originalLanguage = record.originalLanguage.rawValue
        model.leadCountry = record.leadCountry.uppercased()
        model.scope = (Scope.derive(countries: countries, table: regions) ?? .national).rawValue
        model.maturity = record.maturity.rawValue
        model.evidenceLevel = record.evidenceLevel.rawValue
        model.startYear = record.startYear
        model.endYear = record.endYear
        model.implementingOrganisations = record.implementingOrganisations
        model.partners = record.partners
        model.funders = record.funders
        model.sources = record.sources
        model.lastReviewed = record.lastReviewed
        if record.status == .published && !wasPublished { model.publishedAt = existing?.publishedAt ?? now }
        if existing == nil && record.status != .published { model.publishedAt = nil }
    }

    /// The rows of a practice's translations, countries, pillars and themes.
    func children(_ record: PracticeRecord, countries: [String], id: UUID) -> (
        translations: [PracticeTranslationModel], countries: [PracticeCountryModel],
        pillars: [PracticePillarModel], themes: [PracticeThemeModel]
    ) {
        let translations = record.translations.sorted(by: { $0.key < $1.key }).map { Self.translation($0.value, $0.key, id) }
        let countryRows = countries.enumerated().map { position, code in
            let row = PracticeCountryModel()
            row.$practice.id = id
            row.country = code
            row.region = regions.region(of: code).rawValue
            row.position = position
            return row
        }
        let pillars = Self.unique(record.pillars).map { pillar in
            let row = PracticePillarModel()
            row.$practice.id = id
            row.pillar = pillar.rawValue
            return row
        }
        let themes = Self.unique(record.themes).map { theme in
            let row = PracticeThemeModel()
            row.$practice.id = id
            row.theme = theme.rawValue
            return row
        }
        return (translations, countryRows, pillars, themes)
    }

    /// What search finds of a practice: every translation once it is published, nothing before.
    static func searchDocuments(_ record: PracticeRecord, _ id: UUID) -> [SearchDocument] {
        guard record.status == .published else { return [] }
        return record.translations.sorted { $0.key < $1.key }.map { language, text in
            SearchDocument(
                kind: .practice, recordID: id, slug: record.slug, language: language, audience: .everyone,
                title: text.title,
                body: PracticeText.fieldNames.dropFirst().map { text.value(of: $0) }.filter { !$0.isEmpty }.joined(separator: "\n\n"))
        }
    }

    static func translation(_ text: PracticeText, _ language: Language, _ id: UUID) -> PracticeTranslationModel {
        let row = PracticeTranslationModel()
        row.$practice.id = id
        row.language = language.rawValue
        row.title = text.title
        row.summary = text.summary
        row.context = text.context
        row.approach = text.approach
        row.results = text.results
        row.lessons = text.lessons
        row.transferConditions = text.transferConditions
        row.expansionPotential = text.expansionPotential
        row.safeguards = text.safeguards
        row.targetGroups = text.targetGroups
        return row
    }

    static func unique<T: Hashable>(_ values: [T]) -> [T] {
        var seen: Set<T> = []
        return values.filter { seen.insert($0).inserted }
    }

    /// Removes a practice with its translations and its search documents; false when there is none.
    @discardableResult
    public func delete(slug: String) async throws -> Bool {
        try await database.atomically { [regions] tx in try await PracticeStore(database: tx, regions: regions).remove(slug: slug) }
    }

    private func remove(slug: String) async throws -> Bool {
        guard let model = try await PracticeModel.query(on: database).filter(\.$slug == slug).first(), let id = model.id else { return false }
        try await searchIndex(on: database).replace(kind: .practice, recordID: id, with: [])
        try await PracticeFacetIndex(database: database).replace(practice: id, with: [])
        try await model.delete(on: database)
        try await DataVersion.bumpCatalogue(on: database)
        return true
    }
}
