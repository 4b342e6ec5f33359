import Fluent
import Foundation
import SankofaCore
import SQLKit

/// How a member receives the forum's notifications by e-mail (`forum_members.email_mode`). The
/// row is made by ForumMembers on the member's first visit; a member without one gets no mail.
extension Notifications {
    public func emailMode(of userID: UUID) async throws -> EmailMode? {
        let row = try await sql.raw("SELECT email_mode FROM forum_members WHERE user_id = \(bind: userID)").first()
        return try row.flatMap { EmailMode(rawValue: try $0.decode(column: "email_mode", as: String.self)) }
    }

    /// Sets the mode; false when the member has no forum row.
    @discardableResult
    public func setEmailMode(_ mode: EmailMode, for userID: UUID) async throws -> Bool {
        try await sql.raw("""
            UPDATE forum_members SET email_mode = \(bind: mode.rawValue) WHERE user_id = \(bind: userID) RETURNING user_id
            """).first() != nil
    }
}
