import Fluent
import Foundation
import SQLKit

/// Single-use recovery codes for a second factor that is lost. Only salted slow hashes of the
/// codes are stored (made and checked by the caller), so a copy of the table does not give them.
public struct RecoveryCodes: Sendable {
    let sql: any SQLDatabase

    public init(database: any Database) {
        sql = database as! any SQLDatabase
    }

    public func replace(for userID: UUID, hashes: [String]) async throws {
        try await sql.raw("DELETE FROM recovery_codes WHERE user_id = \(bind: userID)").run()
        for hash in hashes {
            try await sql.raw("INSERT INTO recovery_codes (code_hash, user_id) VALUES (\(bind: hash), \(bind: userID))").run()
        }
    }

    /// The hashes of the user's codes not yet used: a salted hash can't be looked up, so the
    /// caller checks a typed code against each (ten at most).
    public func unused(for userID: UUID) async throws -> [String] {
        try await sql.raw("SELECT code_hash FROM recovery_codes WHERE user_id = \(bind: userID) AND used_at IS NULL").all()
            .map { try $0.decode(column: "code_hash", as: String.self) }
    }

    /// Uses the code stored as `hash` if it is one of the user's and still unused; true when this
    /// call used it. The condition is in the update itself, so two requests giving the same code
    /// at the same moment cannot both succeed.
    public func consume(_ hash: String, for userID: UUID, now: Int) async throws -> Bool {
        let row = try await sql.raw("""
            UPDATE recovery_codes SET used_at = \(bind: now)
            WHERE code_hash = \(bind: hash) AND user_id = \(bind: userID) AND used_at IS NULL RETURNING code_hash
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
