import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Writes and reads expert profiles. Every write validates the record, refreshes the profile's
/// search documents (one per audience, each with only what that audience may read) and bumps
/// the data version, in one transaction (``JSONRecordWriter``).
public struct ExpertStore: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    public typealias StoreError = DirectoryStoreError

    /// Creates a new profile; `slugTaken` when the slug exists (forms pick a free one, and two
    /// people racing for it must not overwrite each other: the upsert below is for imports).
    @discardableResult
    public func create(_ record: ExpertRecord, owner: UUID? = nil, now: Date = Date()) async throws -> UUID {
        try await database.atomically { database in
            let store = ExpertStore(database: database)
            guard try await store.sql.raw("SELECT id FROM experts WHERE slug = \(bind: record.slug)").first() == nil else {
                throw StoreError.slugTaken
            }
            return try await store.save(record, owner: owner, now: now)
        }
    }

    /// Creates a profile under a new slug made from `name` (``NewSlug``). An `owner` who already
    /// has a profile once the slug's lock is held (the same form sent twice at once) gets that
    /// one's slug and nothing is written (`created` false).
    public func create(_ record: ExpertRecord, slugFrom name: String, owner: UUID? = nil,
                       now: Date = Date()) async throws -> (slug: String, created: Bool) {
        try await database.atomically { database in
            let store = ExpertStore(database: database)
            var record = record
            record.slug = try await NewSlug.choose(.experts, for: name, on: database)
            if let owner, let made = try await store.find(owner: owner) { return (made.slug, false) }
            try await store.create(record, owner: owner, now: now)
            return (record.slug, true)
        }
    }

    /// Creates or replaces the profile with the record's slug (see ``ExpertTable``).
    @discardableResult
    public func save(_ record: ExpertRecord, owner: UUID? = nil, now: Date = Date()) async throws -> UUID {
        try await JSONRecordWriter(database: database, table: ExpertTable(owner: owner)).save(record, now: now)
    }

    public func claim(_ expertID: UUID, by user: UUID) async throws {
        try await database.atomically { database in
            let store = ExpertStore(database: database)
            try await store.sql.raw("UPDATE experts SET user_id = \(bind: user) WHERE id = \(bind: expertID) AND user_id IS NULL").run()
            try await store.relist(expertID)
        }
    }

    /// Hides, or shows again, the profile of `owner` after a change of the account's status: the
    /// profile of a disabled account is listed nowhere and found by no search. Called in the
    /// transaction that changes the status; does nothing when the directory already agrees.
    public func followStatus(ofOwner owner: UUID) async throws {
        guard let row = try await sql.raw("SELECT id FROM experts WHERE user_id = \(bind: owner)").first() else { return }
        let id = try row.decode(column: "id", as: UUID.self)
        let (_, listed) = try await ExpertProjection.owner(of: id, on: sql)
        guard try await ExpertProjection.isListed(id, on: sql) != listed else { return }
        try await relist(id)
    }

    /// Rewrites what the directory and search hold of one profile from its stored record.
    func relist(_ id: UUID) async throws {
        guard let stored = try await find(id: id) else { return }
        let documents = try await ExpertTable().derive(stored.record, id: id, isNew: false, on: database)
        try await searchIndex(on: database).replace(kind: .expert, recordID: id, with: documents)
        try await DataVersion.bump(on: database)
    }

    @discardableResult
    public func delete(slug: String) async throws -> Bool {
        guard let expert = try await find(slug: slug) else { return false }
        try await database.atomically { database in
            let sql = database as! any SQLDatabase
            try await ExpertProjection.remove(expert.id, on: sql)
            try await sql.raw("DELETE FROM experts WHERE id = \(bind: expert.id)").run()
            try await searchIndex(on: database).replace(kind: .expert, recordID: expert.id, with: [])
            try await DataVersion.bump(on: database)
        }
        return true
    }

    /// Rebuilds every profile's per-audience views and search documents (`sankofa search reindex`).
    public func reindexAll() async throws {
        try await JSONRecordWriter(database: database, table: ExpertTable()).reindex(try await all().map { ($0.id, $0.record) })
    }
}
