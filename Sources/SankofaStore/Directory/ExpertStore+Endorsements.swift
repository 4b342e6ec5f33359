import Foundation
import SQLKit

/// Endorsements live apart from the profile's record: focal points write them.
extension ExpertStore {
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
}
