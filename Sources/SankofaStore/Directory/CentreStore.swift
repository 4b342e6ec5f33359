import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Writes and reads Centres of Excellence, with their search documents (``JSONRecordWriter``).
public struct CentreStore: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    public typealias StoreError = DirectoryStoreError

    /// Creates or replaces the centre with the record's slug.
    @discardableResult
    public func save(_ record: CentreRecord, now: Date = Date()) async throws -> UUID {
        try await JSONRecordWriter(database: database, table: CentreTable()).save(record, now: now)
    }

    /// Saves a new centre under a slug made from `name` (``NewSlug``), chosen in the same
    /// transaction; returns that slug.
    public func create(_ record: CentreRecord, slugFrom name: String, now: Date = Date()) async throws -> String {
        try await JSONRecordWriter(database: database, table: CentreTable()).create(record, slugFrom: name, in: .centres, now: now)
    }

    public func all() async throws -> [StoredCentre] {
        try await centres(where: "TRUE")
    }

    /// One page of the list, with the total and the facets' counts, read by the engine: sorted by
    /// the name the readers of `language` see, or by slug without a language (the JSON API).
    public func directory(_ selection: DirectorySelection, language: Language?, page: Int, perPage: Int) async throws -> DirectoryPage<CentreRecord> {
        let text = DirectoryTextSearch(database: database).condition(selection.text, kind: .centre, audiences: [.everyone], column: "r.id")
        let slug = Bytewise.column("r.slug", sql)
        let join: SQLQueryString = language.map { "JOIN centre_names n ON n.centre_id = r.id AND n.language = \(bind: $0.rawValue)" } ?? ""
        let result = try await CentreListing.list(text: text).page(
            selection, columns: "r.record", join: join, order: language == nil ? slug : "n.sort_key, \(slug)", page: page, perPage: perPage, on: sql)
        return DirectoryPage(total: result.total, items: try result.rows.map {
            try RecordJSON.decode(CentreRecord.self, try $0.decode(column: "record", as: String.self))
        }, counts: result.counts)
    }

    /// The centres whose record names the practice `slug`, for its page.
    public func linked(toPractice slug: String) async throws -> [StoredCentre] {
        try await centres(where: "id IN (SELECT centre_id FROM centre_values WHERE facet = 'practice' AND value = \(bind: slug))")
    }

    /// The centres whose record names the expert `slug` among its experts, for the expert's page.
    public func linked(toExpert slug: String) async throws -> [StoredCentre] {
        try await centres(where: "id IN (SELECT centre_id FROM centre_values WHERE facet = 'expert' AND value = \(bind: slug))")
    }

    public func find(slug: String) async throws -> StoredCentre? {
        try await centres(where: "slug = \(bind: slug)").first
    }

    /// How many centres there are (the home page's figure, counted by the engine).
    public func count() async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM centres").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    public func reindexAll() async throws {
        try await JSONRecordWriter(database: database, table: CentreTable()).reindex(try await all().map { ($0.id, $0.record) })
    }

    private func centres(where condition: SQLQueryString) async throws -> [StoredCentre] {
        try await CentreTable.records(where: condition, orderBy: "slug", on: sql).map { StoredCentre(id: $0.id, record: $0.record) }
    }
}
