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
        if database.inTransaction { return try await write(record, now: now) }
        return try await database.transaction { tx in
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
        try await searchIndex(on: database).replace(
            kind: .practice, recordID: id, with: Self.searchDocuments(record, id), isNew: existing == nil)
        try await DataVersion.bump(on: database)
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
        guard database.inTransaction else {
            return try await database.transaction { try await PracticeStore(database: $0, regions: regions).delete(slug: slug) }
        }
        guard let model = try await PracticeModel.query(on: database).filter(\.$slug == slug).first(), let id = model.id else { return false }
        try await searchIndex(on: database).replace(kind: .practice, recordID: id, with: [])
        try await model.delete(on: database)
        try await DataVersion.bump(on: database)
        return true
    }

    /// Rebuilds the search documents of every practice (`sankofa search reindex`), in pages of
    /// 100 practices by slug, through the import's path (`SearchIndex.bulk`, runs of ~16 MB of
    /// tokens, each page tokenised on another core while the next is read). Record by record it
    /// made a segment per practice and did not finish 100,000 practices in ten minutes. Pages
    /// stay small because Fluent's eager loading matches children to parents by scanning every
    /// child for every parent: with 1,000 a page that scan was three quarters of the time.
    public func reindex() async throws -> Int {
        // One connection throughout (the bulk settings are the connection's), all or nothing.
        guard database.inTransaction else {
            return try await database.transaction { try await PracticeStore(database: $0, regions: regions).reindex() }
        }
        let index = searchIndex(on: database)
        try await index.removeAll()
        var count = 0
        try await BulkWrite.withLargeCache(on: database) {
            try await index.bulk {
                var run = IndexRun(index: index)
                // Tokenising runs on another core while the next page is read.
                var tokenising: Task<[[TokenizedDocument]], Never>?
                try await forEachPage(publishedOnly: false) { page in
                    if let previous = tokenising { try await run.add(await previous.value, last: false) }
                    count += page.count
                    let records = try page.map { (try $0.requireID(), $0.record) }
                    tokenising = Task.detached {
                        records.map { Self.searchDocuments($0.1, $0.0).map(TokenizedDocument.init) }
                    }
                }
                if let previous = tokenising { try await run.add(await previous.value, last: true) }
            }
        }
        try await DataVersion.bump(on: database)
        return count
    }

    /// The query with every child of a practice loaded (what `PracticeModel.record` reads).
    static func withEverything(_ query: QueryBuilder<PracticeModel>) -> QueryBuilder<PracticeModel> {
        query.with(\.$translations).with(\.$countries).with(\.$pillars).with(\.$themes)
    }

    /// A practice with everything loaded, or nil. `publishedOnly` is what every public read uses.
    public func find(slug: String, publishedOnly: Bool) async throws -> PracticeModel? {
        guard Slug.isValid(slug) else { return nil }
        var query = PracticeModel.query(on: database).filter(\.$slug == slug)
        if publishedOnly { query = query.filter(\.$status == PracticeStatus.published.rawValue) }
        return try await Self.withEverything(query).first()
    }

    /// Every practice's record, in slug order (export, the Handbook's selection), as they all
    /// were at one moment: the pages are read in one transaction, REPEATABLE READ on PostgreSQL
    /// (SQLite's transaction reads one snapshot), so a practice saved meanwhile behind the
    /// cursor is neither missed nor half-seen.
    ///
    /// `oneSnapshot` false reads each page in a transaction of its own instead (a record is never
    /// half-seen, but a practice saved between two pages may be read as it was or as it is): on
    /// SQLite the server's Fluent work shares one connection, which one transaction over 100,000
    /// practices would hold for tens of seconds while every other request waited.
    public func allRecords(publishedOnly: Bool, oneSnapshot: Bool = true) async throws -> [PracticeRecord] {
        if !oneSnapshot && !database.inTransaction {
            var records: [PracticeRecord] = [], after: String?
            while true {
                let from = after, regions = regions
                let page = try await database.transaction { tx in
                    try await PracticeStore(database: tx, regions: regions).page(publishedOnly: publishedOnly, after: from).map(\.record)
                }
                records += page
                guard page.count == Self.pageSize, let last = page.last else { return records }
                after = last.slug
            }
        }
        guard database.inTransaction else {
            return try await database.transaction { tx in
                if let sql = tx as? any SQLDatabase, sql.dialect.name == "postgresql" {
                    try await sql.raw("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY").run()
                }
                return try await PracticeStore(database: tx, regions: regions).allRecords(publishedOnly: publishedOnly)
            }
        }
        var records: [PracticeRecord] = []
        try await forEachPage(publishedOnly: publishedOnly) { records += $0.map(\.record) }
        return records
    }

    /// Every practice with everything loaded, in pages of `size` in slug order. In pages because
    /// Fluent matches eager-loaded children to their parents by scanning every child for each
    /// parent, which grows with the square of the page: with 1,000 a page that matching was
    /// three quarters of a reindex's time; over every practice at once it would dominate.
    func forEachPage(publishedOnly: Bool, size: Int = pageSize, _ body: ([PracticeModel]) async throws -> Void) async throws {
        var after: String?
        while true {
            let page = try await self.page(publishedOnly: publishedOnly, after: after, size: size)
            guard let last = page.last else { return }
            try await body(page)
            guard page.count == size else { return }
            after = last.slug
        }
    }

    static let pageSize = 100

    /// The practices after the slug `after` (from the first when nil), `size` of them, in slug order.
    func page(publishedOnly: Bool, after: String?, size: Int = pageSize) async throws -> [PracticeModel] {
        var query = Self.withEverything(PracticeModel.query(on: database)).sort(\.$slug).limit(size)
        if publishedOnly { query = query.filter(\.$status == PracticeStatus.published.rawValue) }
        if let after { query = query.filter(\.$slug > after) }
        return try await query.all()
    }

    /// Published practices sharing themes with `practice`, most shared themes first.
    public func related(to practice: PracticeModel, limit: Int = 4) async throws -> [PracticeModel] {
        let themes = practice.themes.map(\.theme)
        guard !themes.isEmpty, let id = practice.id else { return [] }
        let rows = try await PracticeThemeModel.query(on: database)
            .filter(\.$theme ~~ themes).filter(\.$practice.$id != id).all()
        var shared: [UUID: Int] = [:]
        for row in rows { shared[row.$practice.id, default: 0] += 1 }
        let candidates = try await Self.withEverything(PracticeModel.query(on: database)
            .filter(\.$id ~~ Array(shared.keys))
            .filter(\.$status == PracticeStatus.published.rawValue))
            .all()
        return candidates
            .sorted { (shared[$0.id!]!, $1.slug) > (shared[$1.id!]!, $0.slug) }
            .prefix(limit).map { $0 }
    }
}

extension PracticeStore {
    /// Slugs of every published practice, to keep links to drafts out of what readers get.
    public func publishedSlugs() async throws -> Set<String> {
        Set(try await PracticeModel.query(on: database).filter(\.$status == PracticeStatus.published.rawValue).all(\.$slug))
    }

    /// Every published practice's title, in slug order, or nil when there are more than `limit`.
    public func publishedTitles(upTo limit: Int, in language: Language) async throws -> [(slug: String, title: String, language: Language)]? {
        let slugs = try await PracticeModel.query(on: database).filter(\.$status == PracticeStatus.published.rawValue)
            .sort(\.$slug).limit(limit + 1).all(\.$slug)
        return slugs.count > limit ? nil : try await publishedTitles(slugs, in: language)
    }

    /// Titles of the published practices among `slugs`, in the order given, for the links
    /// between practices and the people and centres behind them.
    public func publishedTitles(_ slugs: [String], in language: Language) async throws -> [(slug: String, title: String, language: Language)] {
        guard !slugs.isEmpty else { return [] }
        let models = try await PracticeModel.query(on: database).filter(\.$slug ~~ slugs)
            .filter(\.$status == PracticeStatus.published.rawValue).with(\.$translations).all()
        let bySlug = Dictionary(uniqueKeysWithValues: models.map { ($0.slug, $0) })
        return slugs.compactMap { slug in
            bySlug[slug].map { let shown = $0.text(in: language); return (slug, shown.text.title, shown.language) }
        }
    }
}
