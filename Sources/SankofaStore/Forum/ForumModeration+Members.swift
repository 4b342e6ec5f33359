import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Silencing a member: until the date given they may read but neither start threads nor reply
/// (``ForumPermission/startThread(_:inGroup:silenced:)``); the time passing lifts it, or a
/// moderator does earlier.
extension ForumModeration {
    public struct Member: Sendable, Equatable {
        public var userID: UUID
        public var displayName: String
        public var handle: String
        public var silencedUntil: Int?
        public var silenceReason: String?
    }

    public func member(_ userID: UUID) async throws -> Member? {
        guard let row = try await sql.raw("""
            SELECT user_id, display_name, handle, silenced_until, silence_reason FROM forum_members WHERE user_id = \(bind: userID)
            """).first() else { return nil }
        return Member(userID: userID, displayName: try row.decode(column: "display_name", as: String.self),
                      handle: try row.decode(column: "handle", as: String.self),
                      silencedUntil: try row.decode(column: "silenced_until", as: Int?.self),
                      silenceReason: try row.decode(column: "silence_reason", as: String?.self))
    }

    /// Silences `userID` until `until` (nil: lifts a silence), telling them why.
    public func silence(_ userID: UUID, until: Int?, _ act: Act) async throws {
        try await database.atomically { tx in
            let changed = try await (tx as! any SQLDatabase).raw("""
                UPDATE forum_members SET silenced_until = \(bind: until), silence_reason = \(bind: until == nil ? nil : act.reason)
                WHERE user_id = \(bind: userID) RETURNING user_id
                """).first() != nil
            guard changed else { throw Refusal.unchanged }
            try await AuditLog(database: tx).record(act.audit)
            if userID != act.moderatorID {
                try await Notifications(database: tx).add(.init(userID: userID, kind: .moderation, actorID: act.moderatorID,
                                                                detail: act.reason, now: act.now))
            }
        }
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }
}
