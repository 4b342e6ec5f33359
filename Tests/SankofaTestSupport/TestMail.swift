import Foundation
import SankofaStore
import Vapor

/// The outbox as a mail sender sees it, without a server: tests read a link from the mail as it
/// would arrive, since the stored body holds no token.
public enum TestMail {
    /// Claims every message due at `now` as a sender run would, marks each sent, and returns them
    /// as they would go out (``Outbox/Message/deliveredBody``), oldest first.
    @discardableResult
    public static func deliver(_ app: Application, now: Int = Int(Date().timeIntervalSince1970)) async throws -> [Outbox.Message] {
        let outbox = Outbox(database: app.db)
        let claimed = try await outbox.claim(limit: 1_000, now: now, until: now + 900)
        for message in claimed { try await outbox.markSent(id: message.id, at: now) }
        return claimed
    }

    /// The first link starting with `path` (`/en/account/reset/`) in the mail delivered to `recipient`, as a path.
    public static func link(_ path: String, to recipient: String, in messages: [Outbox.Message]) -> String? {
        for message in messages where message.recipient == recipient {
            let body = message.deliveredBody
            if let range = body.range(of: path) { return String(body[range.lowerBound...].prefix { !$0.isWhitespace }) }
        }
        return nil
    }

    /// Delivers what is due and returns the first link starting with `path` sent to `recipient`.
    public static func link(_ app: Application, _ path: String, to recipient: String) async throws -> String? {
        link(path, to: recipient, in: try await deliver(app))
    }
}
