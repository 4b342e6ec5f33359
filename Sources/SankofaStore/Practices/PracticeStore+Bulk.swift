import Fluent
import Foundation
import SankofaCore
import SQLKit

extension PracticeStore {
    /// Creates practices whose slugs are not taken yet, with the same rules as `save`, but 500
    /// records a statement per table instead of a handful of statements per record, and the data
    /// version bumped once: what makes an import of 100,000 practices take a minute, not an hour.
    /// While the database writes one batch, the next is validated, turned into rows and
    /// tokenised on another core. Must run inside the caller's transaction (all or nothing).
    public func createMany(_ records: [PracticeRecord], now: Date = Date()) async throws {
        precondition(database.inTransaction, "createMany runs inside the import's transaction")
        let index = searchIndex(on: database)
        try await BulkWrite.withLargeCache(on: database) {
            if records.count >= 1_000 {
                try await index.bulk { try await writeMany(records, index: index, now: now) }
            } else {
                try await writeMany(records, index: index, now: now)
            }
        }
        if !records.isEmpty { try await DataVersion.bumpCatalogue(on: database) }
    }

    /// Rebuilds the search documents of every practice (`sankofa search reindex`), in pages of
    /// 100 practices by slug, through the import's path (`SearchIndex.bulk`, runs of ~16 MB of
    /// tokens, each page tokenised on another core while the next is read). Record by record it
    /// made a segment per practice and did not finish 100,000 practices in ten minutes. Pages
    /// stay small because Fluent's eager loading matches children to parents by scanning every
    /// child for every parent: with 1,000 a page that scan was three quarters of the time.
    public func reindex() async throws -> Int {
        // One connection throughout (the bulk settings are the connection's), all or nothing.
        try await database.atomically { [regions] tx in try await PracticeStore(database: tx, regions: regions).rebuildIndex() }
    }

    private func rebuildIndex() async throws -> Int {
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

    private func writeMany(_ records: [PracticeRecord], index: any SearchIndex, now: Date) async throws {
        let starts = Array(stride(from: 0, to: records.count, by: 500))
        func prepare(_ start: Int, _ ids: TimeOrderedIDs) -> Task<Batch, any Error> {
            let slice = Array(records[start..<min(start + 500, records.count)])
            let store = self
            return Task.detached { try store.batch(slice, ids: ids, now: now) }
        }
        var next = starts.first.map { prepare($0, TimeOrderedIDs()) }
        var run = IndexRun(index: index)
        let facets = PracticeFacetIndex(database: database)
        var counts = PracticeFacetTally()
        for position in starts.indices {
            guard let current = next else { break }
            let batch = try await current.value
            next = position + 1 < starts.count ? prepare(starts[position + 1], batch.ids) : nil
            try await insertPractices(batch.practices, now: now)
            try await insertChildren(translations: batch.translations, countries: batch.countries, pillars: batch.pillars, themes: batch.themes)
            try await facets.insert(batch.facetRows)
            let published = batch.practices.filter { $0.status == PracticeStatus.published.rawValue }.compactMap(\.id)
            if !published.isEmpty { try await facets.sortTitles("p.id IN (\(binds: published))") }
            counts.add(batch.facetCounts)
            try await run.add(batch.documents, last: position == starts.indices.last)
        }
        try await facets.add(counts.rows)
    }

    /// Index documents gathered until ~16 MB of tokens, then written in one `insertNew`: SQLite's
    /// FTS5 writes each call as one sorted run, where batch by batch it wrote a small segment each
    /// time and spent a fifth of an import merging them. Used by imports and by `reindex`.
    struct IndexRun {
        static let bytes = 16 << 20
        let index: any SearchIndex
        private var pending: [[TokenizedDocument]] = [], pendingBytes = 0

        init(index: any SearchIndex) { self.index = index }

        mutating func add(_ documents: [[TokenizedDocument]], last: Bool) async throws {
            pending += documents
            pendingBytes += documents.joined().reduce(0) { $0 + $1.titleTokens.utf8.count + $1.bodyTokens.utf8.count }
            guard pendingBytes >= Self.bytes || last, !pending.isEmpty else { return }
            try await index.insertNew(pending)
            pending = []
            pendingBytes = 0
        }
    }

    /// The rows and index documents of a batch of new practices, made without the database.
    struct Batch: @unchecked Sendable {
        var practices: [PracticeModel] = []
        var translations: [PracticeTranslationModel] = [], countries: [PracticeCountryModel] = []
        var pillars: [PracticePillarModel] = [], themes: [PracticeThemeModel] = []
        var documents: [[TokenizedDocument]] = []
        /// The catalogue's facet rows of the published ones, and what they add to the counts.
        var facetRows: [(id: UUID, value: PracticeFacetIndex.Value, keys: PracticeFacetIndex.SortKeys)] = []
        var facetCounts = PracticeFacetTally()
        /// The id generator, where the next batch takes it up.
        var ids: TimeOrderedIDs
    }

    private func batch(_ records: [PracticeRecord], ids: TimeOrderedIDs, now: Date) throws -> Batch {
        var batch = Batch(ids: ids)
        for record in records {
            let issues = PracticeValidation.issues(in: record)
            guard issues.isEmpty else { throw StoreError.invalid(issues) }
            let codes = Self.unique(record.countries.map { $0.uppercased() })
            let model = PracticeModel()
            apply(record, countries: codes, to: model, existing: nil, now: now)
            let id = batch.ids.next()
            model.id = id
            batch.practices.append(model)
            let rows = children(record, countries: codes, id: id)
            for row in rows.translations { row.id = batch.ids.next() }
            for row in rows.countries { row.id = batch.ids.next() }
            for row in rows.pillars { row.id = batch.ids.next() }
            for row in rows.themes { row.id = batch.ids.next() }
            batch.translations += rows.translations
            batch.countries += rows.countries
            batch.pillars += rows.pillars
            batch.themes += rows.themes
            let values = PracticeFacetIndex.values(of: model, countries: rows.countries, pillars: rows.pillars, themes: rows.themes)
            let keys = PracticeFacetIndex.SortKeys(slug: model.slug, publishedAt: model.publishedAt, startYear: model.startYear ?? 0)
            batch.facetRows += values.map { (id, $0, keys) }
            batch.facetCounts.add(values)
            batch.documents.append(Self.searchDocuments(record, id).map(TokenizedDocument.init))
        }
        return batch
    }

    /// The practice rows through SQLKit, with what Fluent's create would write: the same
    /// columns, values through the same encoders, both timestamps set to now.
    private func insertPractices(_ practices: [PracticeModel], now: Date) async throws {
        let sql = database as! any SQLDatabase
        let columns = [
            "id", "slug", "status", "original_language", "lead_country", "scope", "maturity", "evidence_level", "start_year",
            "end_year", "implementing_organisations", "partners", "funders", "sources", "last_reviewed", "created_at",
            "updated_at", "published_at", "author_id",
        ]
        // 19 columns a row: 500 rows stay below SQLite's 32,766 parameters.
        for start in stride(from: 0, to: practices.count, by: 500) {
            let builder = sql.insert(into: PracticeModel.schema).columns(columns)
            for model in practices[start..<min(start + 500, practices.count)] {
                let row: [any Encodable & Sendable] = [
                    model.id, model.slug, model.status, model.originalLanguage, model.leadCountry, model.scope, model.maturity,
                    model.evidenceLevel, model.startYear, model.endYear, model.implementingOrganisations, model.partners,
                    model.funders, model.sources, model.lastReviewed, now, now, model.publishedAt, model.authorID,
                ]
                _ = builder.values(row)
            }
            try await builder.run()
        }
    }

    /// The child rows through SQLKit: Fluent's create reads every model's properties through
    /// reflection, which was a quarter of an import's time. Same columns, same encoders.
    private func insertChildren(translations: [PracticeTranslationModel], countries: [PracticeCountryModel],
                                pillars: [PracticePillarModel], themes: [PracticeThemeModel]) async throws {
        let sql = database as! any SQLDatabase
        func insert(_ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
            // At most 13 columns a row: 500 rows stay below SQLite's 32,766 parameters.
            for start in stride(from: 0, to: rows.count, by: 500) {
                let builder = sql.insert(into: table).columns(columns)
                for row in rows[start..<min(start + 500, rows.count)] { _ = builder.values(row) }
                try await builder.run()
            }
        }
        try await insert(PracticeTranslationModel.schema, [
            "id", "practice_id", "language", "title", "summary", "context", "approach", "results", "lessons",
            "transfer_conditions", "expansion_potential", "safeguards", "target_groups",
        ], translations.map { row in
            [row.id, row.$practice.id, row.language, row.title, row.summary, row.context, row.approach, row.results, row.lessons,
             row.transferConditions, row.expansionPotential, row.safeguards, row.targetGroups]
        })
        try await insert(PracticeCountryModel.schema, ["id", "practice_id", "country", "region", "position"], countries.map { row in
            [row.id, row.$practice.id, row.country, row.region, row.position]
        })
        try await insert(PracticePillarModel.schema, ["id", "practice_id", "pillar"], pillars.map { row in
            [row.id, row.$practice.id, row.pillar]
        })
        try await insert(PracticeThemeModel.schema, ["id", "practice_id", "theme"], themes.map { row in
            [row.id, row.$practice.id, row.theme]
        })
    }
}
