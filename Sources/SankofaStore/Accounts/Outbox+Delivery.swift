import Fluent
import SQLKit

/// What the mail senders need from the outbox. Any node may send: a sender claims the messages
/// it is about to try by moving their `not_before` to the end of a lease, in one statement, and
/// records each outcome. That end is the claim's token: a failure or a release counts only while
/// `not_before` still holds it, so a run whose lease ran out never undoes another's claim. A failed message keeps `sent_at` NULL, its error (for admins) and a
/// `not_before` after which it is tried again, unless the sender gave up on it (`given_up_at`);
/// a sender that dies mid-run leaves its messages to the others once the lease is over.
extension Outbox {
    /// Messages still to send (unsent, not given up), oldest first, due or not.
    public func pending(limit: Int) async throws -> [Message] {
        try await sql.raw("""
            SELECT \(unsafeRaw: Self.columns) FROM outbox
            WHERE sent_at IS NULL AND given_up_at IS NULL ORDER BY id LIMIT \(literal: max(0, limit))
            """).all().map(Self.message)
    }

    /// Takes up to `limit` due messages (unsent, `not_before` passed at `now`, their link if any
    /// still valid), oldest first, for one sender until `until` (Unix seconds), with their links'
    /// tokens: the one read that returns them. On PostgreSQL rows another sender is claiming are
    /// skipped, not waited for; SQLite has one writer at a time. The outer conditions repeat the
    /// inner ones so that a row claimed meanwhile is never taken twice.
    public func claim(limit: Int, now: Int, until: Int) async throws -> [Message] {
        let skipLocked = sql.dialect.name == "postgresql" ? "FOR UPDATE SKIP LOCKED" : ""
        // The choice is a CTE, evaluated once: PostgreSQL may run an `IN (SELECT … LIMIT)` with
        // FOR UPDATE more than once within one UPDATE and take more than `limit` rows.
        return try await sql.raw("""
            WITH chosen AS (SELECT id AS claimed FROM outbox WHERE sent_at IS NULL AND given_up_at IS NULL AND not_before <= \(bind: now)
                              AND (link_expires_at IS NULL OR link_expires_at > \(bind: now))
                            ORDER BY id LIMIT \(literal: max(0, limit)) \(unsafeRaw: skipLocked))
            UPDATE outbox SET not_before = \(bind: until) FROM chosen
            WHERE outbox.id = chosen.claimed AND outbox.sent_at IS NULL AND outbox.given_up_at IS NULL AND outbox.not_before <= \(bind: now)
              AND (outbox.link_expires_at IS NULL OR outbox.link_expires_at > \(bind: now))
            RETURNING \(unsafeRaw: Self.columns), link_token
            """).all().map(Self.message).sorted { $0.id < $1.id }
    }

    /// The server accepted the message: it is sent, any earlier error is cleared, and its link's
    /// token is forgotten.
    public func markSent(id: Int, at time: Int) async throws {
        try await sql.raw("UPDATE outbox SET sent_at = \(bind: time), error = NULL, link_token = NULL WHERE id = \(bind: id) AND sent_at IS NULL").run()
    }

    /// The attempt failed: the message stays unsent with the error (cut to the column's 500
    /// characters), one more failed attempt, and is not tried again before `retryAt`, or never
    /// when `givenUpAt` is given (the moment the sender gave up; its link's token is then forgotten).
    public func markFailed(id: Int, error: String, claim: Int, retryAt: Int, givenUpAt: Int? = nil) async throws {
        let text = String(error.prefix(500))
        let forget = givenUpAt == nil ? "" : ", link_token = NULL"
        try await sql.raw("""
            UPDATE outbox SET error = \(bind: text), attempts = attempts + 1, not_before = \(bind: retryAt), given_up_at = \(bind: givenUpAt)\(unsafeRaw: forget)
            WHERE id = \(bind: id) AND sent_at IS NULL AND not_before = \(bind: claim)
            """).run()
    }

    /// Gives up, at `now`, on the waiting messages whose link has expired, and forgets their
    /// tokens: a link that no longer works is not worth sending, nor its token worth keeping.
    /// They keep no error: the admins' page tells them apart by it.
    public func expireLinks(now: Int) async throws {
        try await sql.raw("""
            UPDATE outbox SET given_up_at = \(bind: now), link_token = NULL
            WHERE sent_at IS NULL AND given_up_at IS NULL AND link_expires_at <= \(bind: now)
            """).run()
    }

    /// Deletes the messages sent, or given up on, before `cutoff` (Unix seconds): mail is kept
    /// for a retention period (`SANKOFA_MAIL_RETENTION_DAYS`), then forgotten.
    public func prune(before cutoff: Int) async throws {
        try await sql.raw("DELETE FROM outbox WHERE sent_at < \(bind: cutoff) OR given_up_at < \(bind: cutoff)").run()
    }

    /// Claimed but not tried (the connection broke first, or the run's time was up): due again at `now`.
    public func release(_ ids: [Int], claim: Int, now: Int) async throws {
        guard !ids.isEmpty else { return }
        try await sql.raw("""
            UPDATE outbox SET not_before = \(bind: now)
            WHERE id IN (\(unsafeRaw: ids.map(String.init).joined(separator: ", "))) AND sent_at IS NULL
              AND not_before = \(bind: claim)
            """).run()
    }

    /// Every column but `link_token`, which only ``claim(limit:now:until:)`` reads.
    static let columns = "id, created_at, recipient, subject, body, sent_at, attempts, not_before, error, given_up_at, link_expires_at, headers"

    static func message(_ row: any SQLRow) throws -> Message {
        Message(id: try row.decode(column: "id", as: Int.self), createdAt: try row.decode(column: "created_at", as: Int.self),
                recipient: try row.decode(column: "recipient", as: String.self), subject: try row.decode(column: "subject", as: String.self),
                body: try row.decode(column: "body", as: String.self), sentAt: try row.decode(column: "sent_at", as: Int?.self),
                attempts: try row.decode(column: "attempts", as: Int.self), notBefore: try row.decode(column: "not_before", as: Int.self),
                error: try row.decode(column: "error", as: String?.self), givenUpAt: try row.decode(column: "given_up_at", as: Int?.self),
                linkExpiresAt: try row.decode(column: "link_expires_at", as: Int?.self),
                linkToken: row.contains(column: "link_token") ? try row.decode(column: "link_token", as: String?.self) : nil,
                headers: try row.decode(column: "headers", as: String.self))
    }
}
