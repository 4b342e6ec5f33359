import Fluent
import SQLKit

/// What the mail sender needs from the outbox: the messages not yet sent, oldest first, and a
/// record of each attempt. A failed message keeps `sent_at` NULL (so it is tried again) and the
/// last error, for admins to read.
extension Outbox {
    /// Unsent messages, oldest first.
    public func pending(limit: Int) async throws -> [Message] {
        try await sql.raw("""
            SELECT id, created_at, recipient, subject, body, sent_at FROM outbox
            WHERE sent_at IS NULL ORDER BY id LIMIT \(literal: max(0, limit))
            """).all().map { row in
            Message(id: try row.decode(column: "id", as: Int.self), createdAt: try row.decode(column: "created_at", as: Int.self),
                    recipient: try row.decode(column: "recipient", as: String.self), subject: try row.decode(column: "subject", as: String.self),
                    body: try row.decode(column: "body", as: String.self), sentAt: nil)
        }
    }

    /// The server accepted the message: it is sent, and any earlier error is cleared.
    public func markSent(id: Int, at time: Int) async throws {
        try await sql.raw("UPDATE outbox SET sent_at = \(bind: time), error = NULL WHERE id = \(bind: id) AND sent_at IS NULL").run()
    }

    /// The attempt failed: the message stays unsent with the error (cut to the column's 500 characters).
    public func markFailed(id: Int, error: String) async throws {
        let text = String(error.prefix(500))
        try await sql.raw("UPDATE outbox SET error = \(bind: text) WHERE id = \(bind: id) AND sent_at IS NULL").run()
    }
}
