import Fluent
import SQLKit

/// Mail waiting to go. A sender delivers it through SMTP when one is configured; without one,
/// admins read it in the web interface.
public struct Outbox: Sendable {
    let sql: any SQLDatabase

    public init(database: any Database) {
        sql = database as! any SQLDatabase
    }

    public struct Message: Sendable, Equatable {
        public var id: Int
        public var createdAt: Int
        public var recipient: String
        public var subject: String
        public var body: String
        public var sentAt: Int?
        /// Failed attempts so far, when the next may be made (Unix seconds), and the last error.
        public var attempts = 0
        public var notBefore = 0
        public var error: String?
        /// When the senders stopped trying (a permanent refusal, or too old): never sent.
        public var givenUpAt: Int?
    }

    /// A message to queue, made before the write that sends it, so that both go in one transaction.
    public struct Mail: Sendable {
        public var recipient: String
        public var subject: String
        public var body: String

        public init(to recipient: String, subject: String, body: String) {
            self.recipient = recipient
            self.subject = subject
            self.body = body
        }
    }

    public func queue(_ mail: Mail, now: Int) async throws {
        try await queue(to: mail.recipient, subject: mail.subject, body: mail.body, now: now)
    }

    public func queue(to recipient: String, subject: String, body: String, now: Int) async throws {
        try await sql.raw("""
            INSERT INTO outbox (created_at, recipient, subject, body) VALUES (\(bind: now), \(bind: recipient), \(bind: subject), \(bind: body))
            """).run()
    }

    public func messages(limit: Int = 100) async throws -> [Message] {
        try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM outbox ORDER BY id DESC LIMIT \(literal: limit)").all().map(Self.message)
    }
}
