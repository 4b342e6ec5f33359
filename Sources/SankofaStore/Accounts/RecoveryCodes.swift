import Fluent
import Foundation
import SQLKit

/// Single-use recovery codes for a second factor that is lost. Only digests are stored.
public struct RecoveryCodes: Sendable {
    let sql: any SQLDatabase

    public init(database: any Database) {
        sql = database as! any SQLDatabase
    }

    public func replace(for userID: UUID, digests: [String]) async throws {
        try await sql.raw("DELETE FROM recovery_codes WHERE user_id = \(bind: userID)").run()
        for digest in digests {
            try await sql.raw("INSERT INTO recovery_codes (code_hash, user_id) VALUES (\(bind: digest), \(bind: userID))").run()
        }
    }

    /// Uses the code if it is one of the user's and unused; true when it was.
    public func consume(_ digest: String, for userID: UUID, now: Int) async throws -> Bool {
        let row = try await sql.raw("""
            UPDATE recovery_codes SET used_at = \(bind: now)
            WHERE code_hash = \(bind: digest) AND user_id = \(bind: userID) AND used_at IS NULL RETURNING code_hash
            """).first()
        return row != nil
    }

    public func remaining(for userID: UUID) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM recovery_codes WHERE user_id = \(bind: userID) AND used_at IS NULL")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    public func removeAll(for userID: UUID) async throws {
        try await sql.raw("DELETE FROM recovery_codes WHERE user_id = \(bind: userID)").run()
    }
}
