import Fluent
import Foundation
import SQLKit

/// 013: a single-use link's token leaves the outbox's bodies. It waits beside the body
/// (`link_token`) until the message goes, with the moment the link stops working
/// (`link_expires_at`), past which the message is not sent. Messages queued before: a sent one's
/// token is replaced by the marker for good (the link was used or has expired since); a waiting
/// one's token moves to `link_token`, so that it still goes, until the link's lifetime (a day
/// for a verification, an hour for a reset) is over.
public struct WithholdOutboxLinkTokens: AsyncMigration {
    public init() {}

    /// The links that carried a token, with their lifetimes then.
    static let links = [("/account/verify/", 24 * 3600), ("/account/reset/", 3600)]

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE outbox ADD COLUMN link_token VARCHAR(100)").run()
        try await sql.raw("ALTER TABLE outbox ADD COLUMN link_expires_at BIGINT").run()
        let rows = try await sql.raw("""
            SELECT id, created_at, body, sent_at, given_up_at FROM outbox
            WHERE body LIKE '%/account/verify/%' OR body LIKE '%/account/reset/%'
            """).all()
        for row in rows {
            let body = try row.decode(column: "body", as: String.self)
            guard let (path, lifetime) = Self.links.first(where: { body.contains($0.0) }),
                  let (withheld, token) = Self.withhold(body, after: path) else { continue }
            let sentAt = try row.decode(column: "sent_at", as: Int?.self), givenUpAt = try row.decode(column: "given_up_at", as: Int?.self)
            let waiting = sentAt == nil && givenUpAt == nil
            let expiresAt = try row.decode(column: "created_at", as: Int.self) + lifetime
            try await sql.raw("""
                UPDATE outbox SET body = \(bind: withheld), link_token = \(bind: waiting ? token : nil), link_expires_at = \(bind: expiresAt)
                WHERE id = \(bind: try row.decode(column: "id", as: Int.self))
                """).run()
        }
    }

    /// The body with the token that follows `path` replaced by the marker, and that token.
    static func withhold(_ body: String, after path: String) -> (String, String)? {
        guard let start = body.range(of: path)?.upperBound else { return nil }
        let token = body[start...].prefix { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }
        guard !token.isEmpty else { return nil }
        return (body.replacingCharacters(in: start..<token.endIndex, with: Outbox.linkTokenMarker), String(token))
    }

    /// Waiting messages get their tokens back in their bodies; sent ones keep the marker.
    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for row in try await sql.raw("SELECT id, body, link_token FROM outbox WHERE link_token IS NOT NULL").all() {
            let body = try row.decode(column: "body", as: String.self)
                .replacingOccurrences(of: Outbox.linkTokenMarker, with: try row.decode(column: "link_token", as: String.self))
            try await sql.raw("UPDATE outbox SET body = \(bind: body) WHERE id = \(bind: try row.decode(column: "id", as: Int.self))").run()
        }
        try await sql.raw("ALTER TABLE outbox DROP COLUMN link_expires_at").run()
        try await sql.raw("ALTER TABLE outbox DROP COLUMN link_token").run()
    }
}
