import Fluent
import SQLKit

/// Mail waiting to go. A sender delivers it through SMTP when one is configured; without one,
/// admins read it in the web interface. A single-use link's token is never part of a stored body:
/// the body holds ``linkTokenMarker`` where the token goes, the token waits beside it
/// (`link_token`, never shown) until the message is sent, given up on or past the link's
/// expiry, and is then forgotten. Admins, the person's data export and backups see the body only.
public struct Outbox: Sendable {
    let sql: any SQLDatabase

    public init(database: any Database) {
        sql = database as! any SQLDatabase
    }

    /// Where a link's token goes in a stored body (`…/account/verify/{token}`).
    public static let linkTokenMarker = "{token}"

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
        /// When the senders stopped trying (a permanent refusal, too old, or its link expired): never sent.
        public var givenUpAt: Int?
        /// When the link the message carries stops working; nil for a message without one.
        public var linkExpiresAt: Int?
        /// The link's token: read only by a sender's claim, nil in every other read.
        public var linkToken: String?
        /// Extra headers, one `Name: value` a line (the forum's `List-Unsubscribe`).
        public var headers = ""

        /// The body as it goes out: with the link's token in place of the marker.
        public var deliveredBody: String {
            guard let linkToken else { return body }
            return body.replacingOccurrences(of: Outbox.linkTokenMarker, with: linkToken)
        }
    }

    /// A message to queue, made before the write that sends it, so that both go in one transaction.
    public struct Mail: Sendable {
        public var recipient: String
        public var subject: String
        /// With ``Outbox/linkTokenMarker`` where `linkToken` goes, never the token itself.
        public var body: String
        public var linkToken: String?
        /// Past this moment (Unix seconds) the message is not sent: its link would not work.
        public var linkExpiresAt: Int?
        /// Extra headers as name and value; line breaks in either are dropped when sent.
        public var headers: [(name: String, value: String)]

        public init(to recipient: String, subject: String, body: String, linkToken: String? = nil, linkExpiresAt: Int? = nil,
                    headers: [(name: String, value: String)] = []) {
            self.recipient = recipient
            self.subject = subject
            self.body = body
            self.linkToken = linkToken
            self.linkExpiresAt = linkExpiresAt
            self.headers = headers
        }

        /// The stored form of ``headers``: `Name: value` lines, names limited to letters, digits and `-`.
        var storedHeaders: String {
            headers.map { header in
                let name = header.name.filter { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
                let value = header.value.filter { !$0.isNewline && $0 != "\0" }
                return "\(name): \(value)"
            }.joined(separator: "\n")
        }
    }

    /// A link's token written into the body, where anyone reading the outbox would find it.
    public struct TokenInBody: Error, CustomStringConvertible {
        public var description: String { "a mail's link token must stay out of its body: put Outbox.linkTokenMarker there and pass the token as linkToken" }
    }

    public func queue(_ mail: Mail, now: Int) async throws {
        if let token = mail.linkToken, token.isEmpty || mail.body.contains(token) || !mail.body.contains(Self.linkTokenMarker) {
            throw TokenInBody()
        }
        try await sql.raw("""
            INSERT INTO outbox (created_at, recipient, subject, body, link_token, link_expires_at, headers)
            VALUES (\(bind: now), \(bind: mail.recipient), \(bind: mail.subject), \(bind: mail.body), \(bind: mail.linkToken), \(bind: mail.linkExpiresAt),
                    \(bind: mail.storedHeaders))
            """).run()
    }

    public func queue(to recipient: String, subject: String, body: String, now: Int) async throws {
        try await queue(Mail(to: recipient, subject: subject, body: body), now: now)
    }

    public func messages(limit: Int = 100) async throws -> [Message] {
        try await sql.raw("SELECT \(unsafeRaw: Self.columns) FROM outbox ORDER BY id DESC LIMIT \(literal: limit)").all().map(Self.message)
    }
}
