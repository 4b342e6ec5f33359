import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Members' flags on posts, for the moderators: one per member and post (the table's unique key),
/// open until a moderator agrees (the post is hidden) or disagrees (the flags are dismissed).
public struct ForumFlags: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    /// Flags post `postID` for `flaggerID`; false when they had already flagged it.
    @discardableResult
    public func flag(postID: Int, flaggerID: UUID, reason: FlagReason, note: String, now: Int) async throws -> Bool {
        try await sql.raw("""
            INSERT INTO forum_flags (post_id, flagger_id, reason, note, created_at)
            VALUES (\(bind: postID), \(bind: flaggerID), \(bind: reason.rawValue), \(bind: String(note.prefix(1000))), \(bind: now))
            ON CONFLICT (post_id, flagger_id) DO NOTHING RETURNING id
            """).first() != nil
    }

    public func hasFlagged(postID: Int, flaggerID: UUID) async throws -> Bool {
        try await sql.raw("""
            SELECT 1 AS x FROM forum_flags WHERE post_id = \(bind: postID) AND flagger_id = \(bind: flaggerID)
            """).first() != nil
    }

    /// Closes every open flag on `postID` with `resolution` (`agreed`, `dismissed`); how many.
    @discardableResult
    public func resolve(postID: Int, resolution: Resolution, by moderatorID: UUID?, now: Int) async throws -> Int {
        try await sql.raw("""
            UPDATE forum_flags SET resolved_at = \(bind: now), resolved_by = \(bind: moderatorID), resolution = \(bind: resolution.rawValue)
            WHERE post_id = \(bind: postID) AND resolved_at IS NULL RETURNING id
            """).all().count
    }

    public enum Resolution: String, Sendable {
        case agreed, dismissed
    }

    /// Which categories' flags a moderator's queue shows: those open to visitors and members
    /// (forum moderators), and those of the groups given (groups the moderator is an active member
    /// of, or owns): a group's posts never reach a moderator outside it.
    public struct Scope: Sendable, Equatable {
        public var openCategories: Bool
        public var groupIDs: Set<Int>

        public init(openCategories: Bool, groupIDs: Set<Int>) {
            self.openCategories = openCategories
            self.groupIDs = groupIDs
        }

        var condition: String {
            var parts: [String] = []
            if openCategories { parts.append("c.visibility IN ('visitors', 'members')") }
            if !groupIDs.isEmpty {
                parts.append("(c.visibility = 'group' AND c.group_id IN (\(groupIDs.sorted().map(String.init).joined(separator: ", "))))")
            }
            return parts.isEmpty ? "1 = 0" : "(" + parts.joined(separator: " OR ") + ")"
        }
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }
}
