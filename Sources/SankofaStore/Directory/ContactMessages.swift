import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Messages members send to experts through the contact form. Stored so that nothing is lost if
/// mail fails, and so staff can see abuse; the expert's address is never shown to the sender.
public struct ContactMessages: Sendable {
    public let database: any Database

    public init(database: any Database) { self.database = database }

    /// Why a message was not sent.
    public enum Refusal: Error, Equatable {
        /// The profile's owner's account is disabled (or the profile is gone): the message is
        /// refused, not kept for later, and the form answers as for a profile that does not exist.
        case notListed
    }

    /// Keeps the message, queues `mail` to the expert and records `audit`, all or nothing;
    /// ``Refusal/notListed`` when the profile belongs to a disabled account.
    public func send(to expertID: UUID, from senderID: UUID?, subject: String, body: String, mail: Outbox.Mail,
                     audit: AuditLog.Entry, now: Int) async throws {
        try await database.atomically { database in
            guard try await ExpertProjection.owner(of: expertID, on: database as! any SQLDatabase).listed else { throw Refusal.notListed }
            try await (database as! any SQLDatabase).raw("""
                INSERT INTO contact_messages (expert_id, sender_id, at, subject, body)
                VALUES (\(bind: expertID), \(bind: senderID), \(bind: now), \(bind: subject), \(bind: body))
                """).run()
            try await Outbox(database: database).queue(mail, now: now)
            try await AuditLog(database: database).record(audit)
        }
    }

    public func count(expertID: UUID) async throws -> Int {
        try await (database as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM contact_messages WHERE expert_id = \(bind: expertID)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }

    /// The language the expert reads the mail in: their account's once they have one, else the profile's.
    public func mailLanguage(of expert: StoredExpert) async throws -> Language {
        guard let id = expert.userID, let user = try await UserModel.find(id, on: database) else { return expert.record.originalLanguage }
        return user.preferredLanguage
    }
}
