import Foundation
import SankofaCore
import SQLKit

/// Profiles as stored, with the account's address and the endorsements received. What a reader
/// may see of them is the access policy's to decide.
extension ExpertStore {
    public func all() async throws -> [StoredExpert] {
        try await load("SELECT e.id, e.user_id, e.record, u.email AS account_email FROM experts e LEFT JOIN users u ON u.id = e.user_id ORDER BY e.slug")
    }

    /// The listed profiles whose record names the practice `slug` (a practice page reads these,
    /// not the whole directory), found through the projection's index: a profile of a disabled
    /// account is not among them.
    public func linked(toPractice slug: String) async throws -> [StoredExpert] {
        try await load("""
            SELECT e.id, e.user_id, e.record, u.email AS account_email FROM experts e LEFT JOIN users u ON u.id = e.user_id
            WHERE e.id IN (SELECT v.expert_id FROM expert_view_values f JOIN expert_views v ON v.id = f.view_id
                           WHERE f.audience = 'staff' AND f.facet = 'practice' AND f.value = \(bind: slug))
            ORDER BY e.slug
            """)
    }

    func find(id: UUID) async throws -> StoredExpert? {
        try await load("SELECT e.id, e.user_id, e.record, u.email AS account_email FROM experts e LEFT JOIN users u ON u.id = e.user_id WHERE e.id = \(bind: id)").first
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
