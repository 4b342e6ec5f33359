import Fluent
import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import Vapor

/// Builds the open data ZIP from the database: each dataset written as it is read (a batch at a
/// time), then the dictionary, README, LICENCE and DCAT description, then the ZIP. Run by the
/// background pass (``OpenDataService``) and by `sankofa open-data build`; never in a request.
public struct OpenDataBuild: Sendable {
    public let database: any Database
    public let catalogs: Catalogs
    /// The site's public address (`SANKOFA_BASE_URL`), for the links in the data and the catalogue.
    public let baseURL: String

    public init(database: any Database, catalogs: Catalogs, baseURL: String) {
        self.database = database
        self.catalogs = catalogs
        self.baseURL = baseURL.hasSuffix("/") ? String(baseURL.dropLast()) : baseURL
    }

    /// The application's database, catalogs and public address (the command's build).
    public init(_ app: Application) {
        self.init(database: app.db, catalogs: app.catalogs, baseURL: app.settings.baseURL)
    }

    public struct Outcome: Sendable {
        /// The DCAT-AP description, also written into the ZIP.
        public var catalog: Data
        public var counts: [String: Int]
        public var builtAt: Date
    }

    /// Writes the ZIP to `output` (whole or not at all). `indicators` are the public figures when
    /// the caller has them already (the background pass computes them to decide whether to build).
    public func build(into output: URL, indicators: [IndicatorResult]? = nil, now: Date = Date()) async throws -> Outcome {
        let reader = OpenDataReader(database: database)
        let rows = OpenDataRows(baseURL: baseURL)
        let scratch = output.deletingLastPathComponent().appendingPathComponent(".open-data-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: scratch, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: scratch) }
        var writers: [String: OpenDataWriter] = [:]
        for table in OpenDataSchema.tables { writers[table.name] = try OpenDataWriter(table, in: scratch) }
        func writer(_ table: OpenDataTable) -> OpenDataWriter { writers[table.name]! }

        try await reader.practices { batch in
            for practice in batch {
                try writer(OpenDataSchema.practices).add(rows.practice(practice))
                for row in rows.translations(practice.record) { try writer(OpenDataSchema.practiceTranslations).add(row) }
                for row in rows.organisations(practice.record) { try writer(OpenDataSchema.practiceOrganisations).add(row) }
                for row in rows.sources(practice.record) { try writer(OpenDataSchema.practiceSources).add(row) }
            }
        }
        try await reader.experts { views in
            for view in views { try writer(OpenDataSchema.experts).add(rows.expert(view)) }
        }
        for centre in try await reader.centres() {
            try writer(OpenDataSchema.centres).add(rows.centre(centre))
            for row in rows.centreTranslations(centre) { try writer(OpenDataSchema.centreTranslations).add(row) }
        }
        for course in try await reader.courses() {
            try writer(OpenDataSchema.courses).add(rows.course(course))
            for row in rows.courseTranslations(course) { try writer(OpenDataSchema.courseTranslations).add(row) }
        }
        try await reader.exchanges { summaries in
            for summary in summaries { try writer(OpenDataSchema.exchanges).add(rows.exchange(summary)) }
        }
        let figures: [IndicatorResult]
        if let indicators { figures = indicators } else { figures = try await reader.indicators(now: now) }
        for result in figures {
            for row in rows.indicator(result) { try writer(OpenDataSchema.indicators).add(row) }
        }
        var counts: [String: Int] = [:]
        for (name, writer) in writers {
            try writer.finish()
            counts[name] = writer.count
        }
        let base = baseURL
        let metadata = OpenDataMetadata(
            baseURL: base, zipURL: base + SiteURL.openDataFile.path, catalogURL: base + SiteURL.openDataCatalog.path,
            pageURL: { base + SiteURL.openData($0).path }, issued: try await reader.firstPublished() ?? now, modified: now, counts: counts)
        let catalog = try OpenDataPackage(folder: scratch, catalogs: catalogs).assemble(metadata, into: output)
        return Outcome(catalog: catalog, counts: counts, builtAt: now)
    }
}
