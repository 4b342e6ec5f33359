import Fluent
import Foundation
import SankofaCore
import SQLKit

/// One of the directory's tables (experts, centres, courses): each record is stored whole as JSON
/// in `record`, beside the columns that are looked up (migration 005), and what its lists filter,
/// count and sort on is derived into tables of their own (migration 013). What
/// ``JSONRecordWriter`` needs to know to save a record into it.
protocol DirectoryRecordTable: Sendable {
    associatedtype Record: Codable & Sendable

    /// A fixed name, never user input.
    static var name: String { get }
    static var kind: SearchKind { get }
    /// What is read of the row found by slug: `id`, and whatever ``columns(of:existing:)`` needs of it.
    static var lookedUp: String { get }
    /// Centres do not keep when a row was created.
    static var keepsCreation: Bool { get }

    func slug(of record: Record) -> String
    func issues(in record: Record) -> [ValidationIssue]
    /// The table as needed for this record, once it is valid: a course resolves its centre's slug here.
    func resolving(_ record: Record, on sql: any SQLDatabase) async throws -> Self
    /// The looked-up columns and their values, in order; `existing` is the row found by slug.
    func columns(of record: Record, existing: (any SQLRow)?) throws -> [(name: String, value: any Encodable & Sendable)]
    /// The record as written to `record`.
    func stored(_ record: Record) -> Record
    /// Run once the row is written, before what is derived from it.
    func written(_ record: Record, id: UUID, on database: any Database) async throws
    /// Replaces what the lists read of the record (its facet values, an expert's per-audience
    /// views) and returns its search documents: one per language and audience, each with only
    /// what that audience may read. `isNew`: the row was just inserted, so there is nothing to
    /// replace (an import's thousands of rows skip the deletes).
    func derive(_ record: Record, id: UUID, isNew: Bool, on database: any Database) async throws -> [SearchDocument]
}

extension DirectoryRecordTable {
    static var lookedUp: String { "id" }
    static var keepsCreation: Bool { true }
    func resolving(_ record: Record, on sql: any SQLDatabase) async throws -> Self { self }
    func stored(_ record: Record) -> Record { record }
    func written(_ record: Record, id: UUID, on database: any Database) async throws {}

    /// Takes the row's write lock before anything reads it (an update that changes nothing, so
    /// that on SQLite too the transaction holds the write lock from here): a read-change-save that
    /// follows keeps another writer's change made meanwhile.
    static func lock(slug: String, on sql: any SQLDatabase) async throws {
        try await sql.raw("UPDATE \(unsafeRaw: name) SET updated_at = updated_at WHERE slug = \(bind: slug)").run()
    }

    /// The rows meeting `condition`, with their ids, in `order`.
    static func records(where condition: SQLQueryString, orderBy order: String, on sql: any SQLDatabase) async throws -> [(id: UUID, record: Record)] {
        try await sql.raw("SELECT id, record FROM \(unsafeRaw: name) WHERE \(condition) ORDER BY \(unsafeRaw: order)").all().map {
            (try $0.decode(column: "id", as: UUID.self), try RecordJSON.decode(Record.self, try $0.decode(column: "record", as: String.self)))
        }
    }
}

/// The one save path of the directory's records: validate, find the row by slug, insert or update
/// its columns and JSON, replace its search documents and bump the data version, in one
/// transaction (the caller's, when there is one).
struct JSONRecordWriter<Table: DirectoryRecordTable> {
    let database: any Database
    let table: Table

    func save(_ record: Table.Record, now: Date) async throws -> UUID {
        let table = table
        return try await database.atomically { database in
            let sql = database as! any SQLDatabase
            let issues = table.issues(in: record)
            guard issues.isEmpty else { throw DirectoryStoreError.invalid(issues) }
            let resolved = try await table.resolving(record, on: sql)
            let json = try RecordJSON.encode(resolved.stored(record)), at = Int(now.timeIntervalSince1970)
            let name = Table.name, slug = resolved.slug(of: record)
            let id: UUID, isNew: Bool
            if let row = try await sql.raw("SELECT \(unsafeRaw: Table.lookedUp) FROM \(unsafeRaw: name) WHERE slug = \(bind: slug)").first() {
                id = try row.decode(column: "id", as: UUID.self)
                isNew = false
                let set = try resolved.columns(of: record, existing: row).map { "\(unsafeRaw: $0.name) = \(bind: $0.value)" as SQLQueryString }
                try await sql.raw("""
                    UPDATE \(unsafeRaw: name) SET \(set.joined(separator: ", ")), record = \(bind: json), updated_at = \(bind: at)
                    WHERE id = \(bind: id)
                    """).run()
            } else {
                id = UUID()
                isNew = true
                let columns = try resolved.columns(of: record, existing: nil)
                let created = Table.keepsCreation ? ", created_at" : ""
                let createdAt: SQLQueryString = Table.keepsCreation ? ", \(bind: at)" : ""
                try await sql.raw("""
                    INSERT INTO \(unsafeRaw: name) (id, slug, \(unsafeRaw: columns.map(\.name).joined(separator: ", ")), record\(unsafeRaw: created), updated_at)
                    VALUES (\(bind: id), \(bind: slug), \(binds: columns.map(\.value)), \(bind: json)\(createdAt), \(bind: at))
                    """).run()
            }
            try await resolved.written(record, id: id, on: database)
            let documents = try await resolved.derive(record, id: id, isNew: isNew, on: database)
            try await searchIndex(on: database).replace(kind: Table.kind, recordID: id, with: documents, isNew: isNew)
            try await DataVersion.bump(on: database)
            return id
        }
    }

    /// Rebuilds what is derived from `records`: the lists' tables and the search documents
    /// (`sankofa search reindex`, migration 013).
    func reindex(_ records: [(id: UUID, record: Table.Record)]) async throws {
        let index = searchIndex(on: database)
        for (id, record) in records {
            try await index.replace(kind: Table.kind, recordID: id, with: try await table.derive(record, id: id, isNew: false, on: database))
        }
    }
}

/// Why a directory store refused a write.
public enum DirectoryStoreError: Error, Equatable {
    case invalid([ValidationIssue])
    /// ``ExpertStore/create(_:owner:now:)`` found the slug taken.
    case slugTaken
}

/// A directory record named by its slug, the last part of its address.
public protocol SluggedRecord: Sendable {
    var slug: String { get set }
}

extension ExpertRecord: SluggedRecord {}
extension CentreRecord: SluggedRecord {}
extension CourseRecord: SluggedRecord {}

extension JSONRecordWriter where Table.Record: SluggedRecord {
    /// Saves a new record under a slug made from `title` (``NewSlug``), chosen in the same
    /// transaction after any other creation in `slugs` commits; returns that slug.
    func create(_ record: Table.Record, slugFrom title: String, in slugs: NewSlug.Table, now: Date) async throws -> String {
        let table = table
        return try await database.atomically { database in
            var record = record
            record.slug = try await NewSlug.choose(slugs, for: title, on: database)
            _ = try await JSONRecordWriter(database: database, table: table).save(record, now: now)
            return record.slug
        }
    }
}
