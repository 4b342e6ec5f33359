import Fluent
import Foundation
import SQLKit

/// What the site holds about one person, for the export they may ask for, and the deletion of
/// their account. What they contributed stays, attributed to a former member.
public struct PersonalData: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// A line of the audit log the person is the actor of; `at` in Unix seconds.
    public struct Event: Sendable {
        public var at: Int
        public var action: String
        public var target: String
        public var ip: String
    }

    /// A message sent to or by the person; `at` in Unix seconds.
    public struct Message: Sendable {
        public var at: Int
        public var subject: String
        public var body: String
    }

    /// What the account did, oldest first.
    public func activity(of userID: UUID) async throws -> [Event] {
        try await sql.raw("SELECT at, action, target, ip FROM audit_log WHERE actor_id = \(bind: userID.uuidString) ORDER BY id").all().map {
            Event(at: try $0.decode(column: "at", as: Int.self), action: try $0.decode(column: "action", as: String.self),
                  target: try $0.decode(column: "target", as: String.self), ip: try $0.decode(column: "ip", as: String.self))
        }
    }

    /// The mail the site sent (or will send) to the address, oldest first.
    public func mail(to email: String) async throws -> [Message] {
        try await sql.raw("SELECT created_at, subject, body FROM outbox WHERE recipient = \(bind: email) ORDER BY id").all().map {
            Message(at: try $0.decode(column: "created_at", as: Int.self), subject: try $0.decode(column: "subject", as: String.self),
                    body: try $0.decode(column: "body", as: String.self))
        }
    }

    /// The messages the account sent to experts through the contact form, oldest first.
    public func messagesSent(by userID: UUID) async throws -> [Message] {
        try await sql.raw("SELECT at, subject, body FROM contact_messages WHERE sender_id = \(bind: userID) ORDER BY id").all().map {
            Message(at: try $0.decode(column: "at", as: Int.self), subject: try $0.decode(column: "subject", as: String.self),
                    body: try $0.decode(column: "body", as: String.self))
        }
    }

    /// Deletes the account with its audit line. Sessions, tokens and codes go with it (the
    /// schema cascades), and so does the expert profile it owns, out of search too; its practices
    /// stay without an author. The audit log keeps its lines (it is append-only), which name the
    /// address as it was.
    public func deleteAccount(_ user: UserModel, audit: AuditLog.Entry) async throws {
        let id = try user.requireID()
        try await database.atomically { tx in
            try await AuditLog(database: tx).record(audit)
            try await Authorship.forget(id, on: tx)
            let experts = ExpertStore(database: tx)
            if let profile = try await experts.find(owner: id) {
                try await experts.delete(slug: profile.slug)
            }
            try await user.delete(on: tx)
        }
    }
}
