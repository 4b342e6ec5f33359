import Fluent
import Foundation
import SQLKit

/// Messages members send to experts through the contact form. Stored so that nothing is lost if
/// mail fails, and so staff can see abuse; the expert's address is never shown to the sender.
public enum ContactMessages {
    public static func store(expertID: UUID, senderID: UUID?, subject: String, body: String, now: Date = Date(),
                             on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("""
            INSERT INTO contact_messages (expert_id, sender_id, at, subject, body)
            VALUES (\(bind: expertID), \(bind: senderID), \(bind: Int(now.timeIntervalSince1970)), \(bind: subject), \(bind: body))
            """).run()
    }

    public static func count(expertID: UUID, on database: any Database) async throws -> Int {
        try await (database as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM contact_messages WHERE expert_id = \(bind: expertID)")
            .first()?.decode(column: "n", as: Int.self) ?? 0
    }
}
