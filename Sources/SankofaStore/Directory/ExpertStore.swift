import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Writes and reads expert profiles. Every write validates the record, refreshes the profile's
/// search documents (one per audience, each with only what that audience may read) and bumps
/// the data version, in one transaction.
public struct ExpertStore: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    public enum StoreError: Error, Equatable {
        case invalid([ValidationIssue])
        case slugTaken
    }

    /// Creates a new profile; `slugTaken` when the slug exists (forms pick a free one, and two
    /// people racing for it must not overwrite each other: the upsert below is for imports).
    @discardableResult
    public func create(_ record: ExpertRecord, owner: UUID? = nil, now: Date = Date()) async throws -> UUID {
        if !database.inTransaction {
            return try await database.transaction { try await ExpertStore(database: $0).create(record, owner: owner, now: now) }
        }
        guard try await sql.raw("SELECT id FROM experts WHERE slug = \(bind: record.slug)").first() == nil else { throw StoreError.slugTaken }
        return try await save(record, owner: owner, now: now)
    }

    /// Creates or replaces the profile with the record's slug. `owner` links it to an account;
    /// nil keeps the current owner. Endorsements in the record (data files) are resolved by slug,
    /// and kept only when they follow the rule: a country focal point of the same country.
    @discardableResult
    public func save(_ record: ExpertRecord, owner: UUID? = nil, now: Date = Date()) async throws -> UUID {
        if !database.inTransaction {
            return try await database.transaction { try await ExpertStore(database: $0).save(record, owner: owner, now: now) }
        }
        let issues = DirectoryValidation.issues(in: record)
        guard issues.isEmpty else { throw StoreError.invalid(issues) }
        var stored = record
        stored.endorsements = []
        let json = try RecordJSON.encode(stored)
        let at = Int(now.timeIntervalSince1970)
        let email = record.email?.lowercased()
        let id: UUID
        if let row = try await sql.raw("SELECT id, user_id FROM experts WHERE slug = \(bind: record.slug)").first() {
            id = try row.decode(column: "id", as: UUID.self)
            let user = try owner ?? row.decode(column: "user_id", as: UUID?.self)
            try await sql.raw("""
                UPDATE experts SET user_id = \(bind: user), email = \(bind: email), country = \(bind: record.country),
                focal_point_for = \(bind: record.focalPointFor), record = \(bind: json), updated_at = \(bind: at) WHERE id = \(bind: id)
                """).run()
        } else {
            id = UUID()
            try await sql.raw("""
                INSERT INTO experts (id, slug, user_id, email, country, focal_point_for, record, created_at, updated_at)
                VALUES (\(bind: id), \(bind: record.slug), \(bind: owner), \(bind: email), \(bind: record.country),
                \(bind: record.focalPointFor), \(bind: json), \(bind: at), \(bind: at))
                """).run()
        }
        for endorsement in record.endorsements {
            guard let endorser = try await sql.raw("""
                    SELECT id FROM experts WHERE slug = \(bind: endorsement.by) AND country = \(bind: record.country)
                    AND focal_point_for = 'country' AND slug <> \(bind: record.slug)
                    """).first(),
                  let day = ISODay.parse(endorsement.date) else { continue }
            try await endorse(id, byExpert: try endorser.decode(column: "id", as: UUID.self), byUser: nil,
                              country: record.country, at: day)
        }
        try await reindex(id, record)
        try await DataVersion.bump(on: database)
        return id
    }

    public func all() async throws -> [StoredExpert] {
        try await load("SELECT e.id, e.user_id, e.record, u.email AS account_email FROM experts e LEFT JOIN users u ON u.id = e.user_id ORDER BY e.slug")
    }

    /// How many profiles a reader sees: those whose profile level (the expert's choice, or
    /// `defaultLevel` when none) is one of `levels`, plus the reader's own (`owner`), whatever its
    /// level. The caller takes both from the access policy; this only counts, so that a page
    /// showing the number does not read and decode every profile.
    public func count(profileLevels levels: [Visibility], defaultLevel: Visibility, orOwnedBy owner: UUID?) async throws -> Int {
        let level: SQLQueryString = sql.dialect.name == "sqlite"
            ? "COALESCE(json_extract(record, '$.visibility.profile'), \(bind: defaultLevel.rawValue))"
            : "COALESCE(record::jsonb -> 'visibility' ->> 'profile', \(bind: defaultLevel.rawValue))"
        // The levels are an enum's codes, never user text.
        let chosen = levels.isEmpty ? "NULL" : levels.map { "'\($0.rawValue)'" }.joined(separator: ", ")
        let own: SQLQueryString = owner.map { "OR user_id = \(bind: $0)" } ?? ""
        let row = try await sql.raw("SELECT COUNT(*) AS n FROM experts WHERE \(level) IN (\(unsafeRaw: chosen)) \(own)").first()
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The profiles whose record names the practice `slug` (what they may show is still the
    /// access policy's to decide): a practice page reads these, not the whole directory.
    public func linked(toPractice slug: String) async throws -> [StoredExpert] {
        try await load("""
            SELECT e.id, e.user_id, e.record, u.email AS account_email FROM experts e LEFT JOIN users u ON u.id = e.user_id
            WHERE \(RecordJSONFilter.arrayContains("practices", slug, in: sql, column: "e.record")) ORDER BY e.slug
            """)
    }

    public func find(slug: String) async throws -> StoredExpert? {
        try await load("SELECT e.id, e.user_id, e.record, u.email AS account_email FROM experts e LEFT JOIN users u ON u.id = e.user_id WHERE e.slug = \(bind: slug)").first
    }

    public func find(owner: UUID) async throws -> StoredExpert? {
        try await load("SELECT e.id, e.user_id, e.record, u.email AS account_email FROM experts e LEFT JOIN users u ON u.id = e.user_id WHERE e.user_id = \(bind: owner)").first
    }

    /// A profile an editor made for a person without an account, waiting for them to claim it
    /// with a verified account of the same address.
    public func claimable(email: String) async throws -> StoredExpert? {
        try await load("SELECT e.id, e.user_id, e.record, NULL AS account_email FROM experts e WHERE e.user_id IS NULL AND e.email = \(bind: email.lowercased())").first
    }

    public func claim(_ expertID: UUID, by user: UUID) async throws {
        try await sql.raw("UPDATE experts SET user_id = \(bind: user) WHERE id = \(bind: expertID) AND user_id IS NULL").run()
        try await DataVersion.bump(on: database)
    }

    @discardableResult
    public func delete(slug: String) async throws -> Bool {
        guard let expert = try await find(slug: slug) else { return false }
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("DELETE FROM experts WHERE id = \(bind: expert.id)").run()
            try await searchIndex(on: tx).replace(kind: .expert, recordID: expert.id, with: [])
            try await DataVersion.bump(on: tx)
        }
        return true
    }

    /// Records an endorsement (once per endorser and expert; a repeat, even a concurrent one
    /// from a double click, is ignored by the unique indexes).
    public func endorse(_ expertID: UUID, byExpert: UUID?, byUser: UUID?, country: String, at: Date = Date()) async throws {
        let exists = try await sql.raw("""
            SELECT 1 AS x FROM expert_endorsements WHERE expert_id = \(bind: expertID) AND
            (endorser_expert_id = \(bind: byExpert) OR endorser_user_id = \(bind: byUser))
            """).first()
        guard exists == nil else { return }
        try await sql.raw("""
            INSERT INTO expert_endorsements (expert_id, endorser_expert_id, endorser_user_id, country, at)
            VALUES (\(bind: expertID), \(bind: byExpert), \(bind: byUser), \(bind: country), \(bind: Int(at.timeIntervalSince1970)))
            ON CONFLICT DO NOTHING
            """).run()
        try await DataVersion.bump(on: database)
    }

    /// Removes what this person endorsed, whether as an account or through their profile.
    public func withdrawEndorsement(_ expertID: UUID, byUser: UUID, byExpert: UUID?) async throws {
        try await sql.raw("""
            DELETE FROM expert_endorsements WHERE expert_id = \(bind: expertID)
            AND (endorser_user_id = \(bind: byUser) OR endorser_expert_id = \(bind: byExpert))
            """).run()
        try await DataVersion.bump(on: database)
    }

    /// Rebuilds every profile's search documents (`sankofa search reindex`).
    public func reindexAll() async throws {
        for expert in try await all() { try await reindex(expert.id, expert.record) }
    }

    private func reindex(_ id: UUID, _ record: ExpertRecord) async throws {
        try await searchIndex(on: database).replace(kind: .expert, recordID: id, with: ExpertSearch.documents(record, id))
    }

    private func load(_ query: SQLQueryString) async throws -> [StoredExpert] {
        let rows = try await sql.raw(query).all()
        var experts: [StoredExpert] = []
        var byID: [UUID: Int] = [:]
        for row in rows {
            let record = try RecordJSON.decode(ExpertRecord.self, try row.decode(column: "record", as: String.self))
            let id = try row.decode(column: "id", as: UUID.self)
            byID[id] = experts.count
            experts.append(StoredExpert(
                id: id, userID: try row.decode(column: "user_id", as: UUID?.self), record: record, endorsements: [],
                contactEmail: try row.decode(column: "account_email", as: String?.self) ?? record.email))
        }
        guard !experts.isEmpty else { return [] }
        let ids = experts.map(\.id)
        for row in try await sql.raw("""
            SELECT expert_id, endorser_expert_id, endorser_user_id, country, at FROM expert_endorsements
            WHERE expert_id IN (\(binds: ids)) ORDER BY at, id
            """).all() {
            guard let index = byID[try row.decode(column: "expert_id", as: UUID.self)] else { continue }
            experts[index].endorsements.append(Endorsement(
                endorserExpertID: try row.decode(column: "endorser_expert_id", as: UUID?.self),
                endorserUserID: try row.decode(column: "endorser_user_id", as: UUID?.self),
                country: try row.decode(column: "country", as: String.self),
                at: Date(timeIntervalSince1970: TimeInterval(try row.decode(column: "at", as: Int.self)))))
        }
        return experts
    }
}
