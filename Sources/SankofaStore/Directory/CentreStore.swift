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
        try await database.atomically { database in
            var record = record
            record.slug = try await NewSlug.choose(.centres, for: name, on: database)
            try await CentreStore(database: database).save(record, now: now)
            return record.slug
        }
    }

    public func all() async throws -> [StoredCentre] {
        try await centres(where: "TRUE")
    }

    /// The centres whose record names the practice `slug`, for its page.
    public func linked(toPractice slug: String) async throws -> [StoredCentre] {
        try await centres(where: RecordJSONFilter.arrayContains("practices", slug, in: sql))
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
