import Fluent
import Foundation
import SQLKit

/// The append-only audit log: who did what, when (UTC), from where. The application only inserts
/// and reads; database triggers refuse updates and deletes.
public struct AuditLog: Sendable {
    let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) {
        self.database = database
    }

    public struct Entry: Sendable, Equatable {
        public var at: Int
        public var actorID: String?
        public var actorEmail: String?
        public var action: String
        public var target: String
        public var detail: String
        public var ip: String

        public init(at: Int, actorID: String?, actorEmail: String?, action: String, target: String, detail: String, ip: String) {
            self.at = at
            self.actorID = actorID
            self.actorEmail = actorEmail
            self.action = action
            self.target = target
            self.detail = detail
            self.ip = ip
        }
    }

    public func record(_ entry: Entry) async throws {
        try await sql.raw("""
            INSERT INTO audit_log (at, actor_id, actor_email, action, target, detail, ip)
            VALUES (\(bind: entry.at), \(bind: entry.actorID), \(bind: entry.actorEmail), \(bind: entry.action),
                    \(bind: String(entry.target.prefix(200))), \(bind: String(entry.detail.prefix(2000))), \(bind: String(entry.ip.prefix(64))))
            """).run()
    }

    /// Records `entry` and queues `mail`, which tells the person concerned of it: both or neither.
    public func record(_ entry: Entry, telling mail: Outbox.Mail, now: Int) async throws {
        try await database.atomically { database in
            try await AuditLog(database: database).record(entry)
            try await Outbox(database: database).queue(mail, now: now)
        }
    }

    /// Newest first, filtered by action and by actor e-mail when given.
    public func entries(action: String? = nil, actor: String? = nil, limit: Int = 100, offset: Int = 0) async throws -> [Entry] {
        var conditions: [SQLQueryString] = ["1 = 1"]
        if let action, !action.isEmpty { conditions.append("action = \(bind: action)") }
        if let actor, !actor.isEmpty { conditions.append("actor_email = \(bind: actor.lowercased())") }
        return try await sql.raw("""
            SELECT * FROM audit_log WHERE \(conditions.joined(separator: " AND "))
            ORDER BY id DESC LIMIT \(literal: limit) OFFSET \(literal: offset)
            """).all().map { row in
            Entry(at: try row.decode(column: "at", as: Int.self),
                  actorID: try row.decode(column: "actor_id", as: String?.self),
                  actorEmail: try row.decode(column: "actor_email", as: String?.self),
                  action: try row.decode(column: "action", as: String.self),
                  target: try row.decode(column: "target", as: String.self),
                  detail: try row.decode(column: "detail", as: String.self),
                  ip: try row.decode(column: "ip", as: String.self))
        }
    }
}
