import Fluent
import Foundation
import SQLKit

/// What a member follows: a thread or a whole category they watch (told of every new post) or
/// mute (told of nothing but mentions and quotes of their own posts). A member who posts in a
/// thread watches it from then on, unless they muted it.
public struct ForumWatches: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    public enum Target: Sendable, Equatable {
        case thread(Int), category(Int)

        var kind: String { if case .thread = self { "thread" } else { "category" } }
        var id: Int { switch self { case .thread(let id), .category(let id): id } }
    }

    public enum Level: String, Sendable, CaseIterable {
        case watching, muted
    }

    public func level(of userID: UUID, for target: Target) async throws -> Level? {
        let row = try await sql.raw("""
            SELECT level FROM forum_watches WHERE user_id = \(bind: userID) AND target_kind = \(bind: target.kind) AND target_id = \(bind: target.id)
            """).first()
        return try row.flatMap { Level(rawValue: try $0.decode(column: "level", as: String.self)) }
    }

    /// Watches or mutes `target`, or forgets it (nil: back to the ordinary notifications).
    public func set(_ level: Level?, for userID: UUID, on target: Target) async throws {
        try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            try await sql.raw("""
                DELETE FROM forum_watches WHERE user_id = \(bind: userID) AND target_kind = \(bind: target.kind) AND target_id = \(bind: target.id)
                """).run()
            guard let level else { return }
            try await sql.raw("""
                INSERT INTO forum_watches (user_id, target_kind, target_id, level)
                VALUES (\(bind: userID), \(bind: target.kind), \(bind: target.id), \(bind: level.rawValue))
                """).run()
        }
    }

    /// The writer of a post watches its thread, unless they chose otherwise before.
    func watchAsWriter(_ userID: UUID, thread: Int) async throws {
        try await sql.raw("""
            INSERT INTO forum_watches (user_id, target_kind, target_id, level)
            VALUES (\(bind: userID), 'thread', \(bind: thread), 'watching') ON CONFLICT DO NOTHING
            """).run()
    }
}
