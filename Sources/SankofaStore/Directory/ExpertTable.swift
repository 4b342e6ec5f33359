import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The `experts` table for ``JSONRecordWriter``. `owner` links the profile to an account; nil
/// keeps the current owner. Endorsements in the record (data files) are resolved by slug once the
/// row is written, and kept only when they follow the rule: a country focal point of the same country.
struct ExpertTable: DirectoryRecordTable {
    var owner: UUID?

    static let name = "experts"
    static let kind = SearchKind.expert
    static let lookedUp = "id, user_id"

    func slug(of record: ExpertRecord) -> String { record.slug }

    func issues(in record: ExpertRecord) -> [ValidationIssue] { DirectoryValidation.issues(in: record) }

    func columns(of record: ExpertRecord, existing: (any SQLRow)?) throws -> [(name: String, value: any Encodable & Sendable)] {
        let user = try owner ?? existing?.decode(column: "user_id", as: UUID?.self) ?? nil
        return [("user_id", user), ("email", record.email?.lowercased()), ("country", record.country),
                ("focal_point_for", record.focalPointFor)]
    }

    /// Endorsements live in their own table, written below.
    func stored(_ record: ExpertRecord) -> ExpertRecord {
        var stored = record
        stored.endorsements = []
        return stored
    }

    func written(_ record: ExpertRecord, id: UUID, on database: any Database) async throws {
        let store = ExpertStore(database: database)
        for endorsement in record.endorsements {
            guard let endorser = try await store.sql.raw("""
                    SELECT id FROM experts WHERE slug = \(bind: endorsement.by) AND country = \(bind: record.country)
                    AND focal_point_for = 'country' AND slug <> \(bind: record.slug)
                    """).first(),
                  let day = ISODay.parse(endorsement.date) else { continue }
            try await store.endorse(id, byExpert: try endorser.decode(column: "id", as: UUID.self), byUser: nil,
                                    country: record.country, at: day)
        }
    }

    /// The profile's per-audience views, and its search documents, unless its owner's account
    /// is disabled: then it has neither, and is found nowhere.
    func derive(_ record: ExpertRecord, id: UUID, isNew: Bool, on database: any Database) async throws -> [SearchDocument] {
        let sql = database as! any SQLDatabase
        let (owner, listed) = try await ExpertProjection.owner(of: id, on: sql)
        try await ExpertProjection.replace(record, id: id, owner: owner, listed: listed, isNew: isNew, on: sql)
        return listed ? ExpertSearch.documents(record, id) : []
    }
}
