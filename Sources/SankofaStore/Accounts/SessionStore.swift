import Fluent
import Foundation
import SQLKit

/// A server-side session. The browser holds a random token; the table holds its SHA-256.
public struct SessionRecord: Sendable, Equatable {
    public var tokenHash: String
    public var userID: UUID?
    public var csrfToken: String
    /// Password accepted, second factor still to be given: the session grants nothing yet.
    public var twoFactorPending: Bool
    public var createdAt: Int
    public var lastSeenAt: Int
    public var ip: String
    public var userAgent: String

    public init(tokenHash: String, userID: UUID?, csrfToken: String, twoFactorPending: Bool, createdAt: Int, lastSeenAt: Int,
                ip: String, userAgent: String) {
        self.tokenHash = tokenHash
        self.userID = userID
        self.csrfToken = csrfToken
        self.twoFactorPending = twoFactorPending
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.ip = ip
        self.userAgent = userAgent
    }
}

/// Sessions in the database, so every node sees them. Timeouts are checked on every read:
/// idle (no request for `idle` seconds) and absolute (`absolute` seconds after login).
public struct SessionStore: Sendable {
    let sql: any SQLDatabase
    public var idle: Int
    public var absolute: Int

    public init(database: any Database, idle: Int = 30 * 60, absolute: Int = 12 * 3600) {
        sql = database as! any SQLDatabase
        self.idle = idle
        self.absolute = absolute
    }

    public func create(_ session: SessionRecord) async throws {
        try await sql.raw("""
            INSERT INTO sessions (token_hash, user_id, csrf_token, two_factor_pending, created_at, last_seen_at, ip, user_agent)
            VALUES (\(bind: session.tokenHash), \(bind: session.userID), \(bind: session.csrfToken), \(bind: session.twoFactorPending),
                    \(bind: session.createdAt), \(bind: session.lastSeenAt), \(bind: String(session.ip.prefix(64))), \(bind: String(session.userAgent.prefix(300))))
            """).run()
    }

    /// The live session for `tokenHash` at `now`, or nil; an expired one is deleted on the way.
    public func find(_ tokenHash: String, now: Int) async throws -> SessionRecord? {
        guard let row = try await sql.raw("SELECT * FROM sessions WHERE token_hash = \(bind: tokenHash)").first() else { return nil }
        let session = try Self.decode(row)
        if now - session.lastSeenAt > idle || now - session.createdAt > absolute {
            try await delete(tokenHash)
            return nil
        }
        return session
    }

    /// Marks activity; written at most once a minute per session so reads stay reads.
    public func touch(_ session: SessionRecord, now: Int) async throws {
        guard now - session.lastSeenAt >= 60 else { return }
        try await sql.raw("UPDATE sessions SET last_seen_at = \(bind: now) WHERE token_hash = \(bind: session.tokenHash)").run()
    }

    /// Removes expired sessions (visitors who opened a form and left never come back to delete theirs).
    public func prune(now: Int) async throws {
        try await sql.raw("DELETE FROM sessions WHERE last_seen_at < \(bind: now - idle) OR created_at < \(bind: now - absolute)").run()
    }

    public func delete(_ tokenHash: String) async throws {
        try await sql.raw("DELETE FROM sessions WHERE token_hash = \(bind: tokenHash)").run()
    }

    /// Ends every session of a user (logout everywhere, password change, disablement), or all but one.
    public func deleteAll(of userID: UUID, except keep: String? = nil) async throws {
        if let keep {
            try await sql.raw("DELETE FROM sessions WHERE user_id = \(bind: userID) AND token_hash <> \(bind: keep)").run()
        } else {
            try await sql.raw("DELETE FROM sessions WHERE user_id = \(bind: userID)").run()
        }
    }

    public func sessions(of userID: UUID, now: Int) async throws -> [SessionRecord] {
        try await sql.raw("SELECT * FROM sessions WHERE user_id = \(bind: userID) ORDER BY last_seen_at DESC").all()
            .map(Self.decode)
            .filter { now - $0.lastSeenAt <= idle && now - $0.createdAt <= absolute }
    }

    static func decode(_ row: any SQLRow) throws -> SessionRecord {
        SessionRecord(
            tokenHash: try row.decode(column: "token_hash", as: String.self),
            userID: try row.decodeNil(column: "user_id") ? nil : try row.decode(column: "user_id", as: UUID.self),
            csrfToken: try row.decode(column: "csrf_token", as: String.self),
            twoFactorPending: try row.decode(column: "two_factor_pending", as: Bool.self),
            createdAt: try row.decode(column: "created_at", as: Int.self),
            lastSeenAt: try row.decode(column: "last_seen_at", as: Int.self),
            ip: try row.decode(column: "ip", as: String.self),
            userAgent: try row.decode(column: "user_agent", as: String.self))
    }
}
