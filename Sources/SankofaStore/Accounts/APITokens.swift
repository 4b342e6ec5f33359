import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Personal access tokens for the JSON API (table `api_tokens`, migration 016). The secret never
/// reaches this store: it keeps the SHA-256 of it (`secret_hash`) and its first characters
/// (`prefix`) so that the owner tells their tokens apart. A token is revoked, never deleted, so
/// that the list and the audit log keep telling what it was.
public struct APITokens: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    public struct Token: Sendable, Equatable {
        public var id: Int
        public var userID: UUID
        public var name: String
        public var prefix: String
        public var scopes: [APITokenScope]
        public var createdAt: Int
        public var expiresAt: Int?
        public var lastUsedAt: Int?
        public var revokedAt: Int?
        /// The owner's address, for the admins' list.
        public var ownerEmail: String

        /// Usable at `now`: not revoked, not expired.
        public func isLive(now: Int) -> Bool { revokedAt == nil && (expiresAt.map { $0 > now } ?? true) }
    }

    /// Scopes as stored: their raw values, space-separated in a fixed order (as OAuth writes them).
    static func encode(_ scopes: [APITokenScope]) -> String {
        APITokenScope.allCases.filter(scopes.contains).map(\.rawValue).joined(separator: " ")
    }

    static func decode(_ text: String) -> [APITokenScope] {
        text.split(separator: " ").compactMap { APITokenScope(rawValue: String($0)) }
    }

    /// Stores a new token for `userID`; returns its id.
    public func create(userID: UUID, name: String, prefix: String, secretHash: String, scopes: [APITokenScope],
                       expiresAt: Int?, now: Int) async throws -> Int {
        let row = try await sql.raw("""
            INSERT INTO api_tokens (user_id, name, prefix, secret_hash, scopes, created_at, expires_at)
            VALUES (\(bind: userID), \(bind: name), \(bind: prefix), \(bind: secretHash), \(bind: Self.encode(scopes)), \(bind: now), \(bind: expiresAt))
            RETURNING id
            """).first()
        guard let id = try row?.decode(column: "id", as: Int.self) else { throw APITokenStoreError.notCreated }
        return id
    }

    /// The tokens of `userID`, newest first (revoked ones too, marked).
    public func list(userID: UUID) async throws -> [Token] {
        try await tokens(where: "t.user_id = \(bind: userID)", limit: 200, offset: 0)
    }

    /// Every member's tokens, newest first, a page at a time: the admins' list.
    public func all(limit: Int, offset: Int) async throws -> [Token] {
        try await tokens(where: "1 = 1", limit: limit, offset: offset)
    }

    public func count() async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM api_tokens").first()?.decode(column: "n", as: Int.self) ?? 0
    }

    public func find(id: Int) async throws -> Token? {
        try await tokens(where: "t.id = \(bind: id)", limit: 1, offset: 0).first
    }

    /// The token whose secret hashes to `secretHash`, live or not (the caller tells why it refuses).
    public func find(secretHash: String) async throws -> Token? {
        try await tokens(where: "t.secret_hash = \(bind: secretHash)", limit: 1, offset: 0).first
    }

    /// Revokes token `id` if it is still live; false when it was revoked already.
    public func revoke(id: Int, by actor: UUID, now: Int) async throws -> Bool {
        let rows = try await sql.raw("""
            UPDATE api_tokens SET revoked_at = \(bind: now), revoked_by = \(bind: actor)
            WHERE id = \(bind: id) AND revoked_at IS NULL RETURNING id
            """).all()
        return !rows.isEmpty
    }

    /// Marks `ids` used at `now`: one statement for every token used since the last call, so that
    /// the API does not write a row per request (``APIRateLimiter`` calls it once a second).
    public func markUsed(_ ids: Set<Int>, now: Int) async throws {
        guard !ids.isEmpty else { return }
        let list = SQLList(ids.sorted().map { SQLBind($0) })
        try await sql.raw("UPDATE api_tokens SET last_used_at = \(bind: now) WHERE id IN (\(list))").run()
    }

    private func tokens(where condition: SQLQueryString, limit: Int, offset: Int) async throws -> [Token] {
        try await sql.raw("""
            SELECT t.id, t.user_id, t.name, t.prefix, t.scopes, t.created_at, t.expires_at, t.last_used_at, t.revoked_at, u.email
            FROM api_tokens t JOIN users u ON u.id = t.user_id WHERE \(condition)
            ORDER BY t.id DESC LIMIT \(literal: max(1, limit)) OFFSET \(literal: max(0, offset))
            """).all().map { row in
            Token(id: try row.decode(column: "id", as: Int.self), userID: try row.decode(column: "user_id", as: UUID.self),
                  name: try row.decode(column: "name", as: String.self), prefix: try row.decode(column: "prefix", as: String.self),
                  scopes: Self.decode(try row.decode(column: "scopes", as: String.self)),
                  createdAt: try row.decode(column: "created_at", as: Int.self), expiresAt: try row.decode(column: "expires_at", as: Int?.self),
                  lastUsedAt: try row.decode(column: "last_used_at", as: Int?.self), revokedAt: try row.decode(column: "revoked_at", as: Int?.self),
                  ownerEmail: try row.decode(column: "email", as: String.self))
        }
    }
}

public enum APITokenStoreError: Error {
    case notCreated
}
