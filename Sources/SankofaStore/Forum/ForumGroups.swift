import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Working groups: small private circles of members with their own categories. This file creates
/// and reads them; membership changes are in `ForumGroups+Membership.swift`. What a reader may see
/// of a group is decided by the access policy (`seeGroup`), with the reader's standing read from
/// the database on every request (``ForumReader``), never cached in a session.
public struct ForumGroups: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    public struct Group: Sendable, Equatable {
        public var id: Int
        public var slug: String
        public var name: String
        public var purpose: String
        public var language: Language
        public var listed: Bool
        public var createdAt: Int
    }

    /// A group as the list shows it: its active members counted (shown only to those the
    /// controller lets see the count).
    public struct Summary: Sendable, Equatable {
        public var group: Group
        public var activeMembers: Int
    }

    public struct New: Sendable {
        public var name: String
        public var purpose: String
        public var language: Language
        public var listed: Bool

        public init(name: String, purpose: String, language: Language, listed: Bool) {
            self.name = name
            self.purpose = purpose
            self.language = language
            self.listed = listed
        }
    }

    public static let nameLimit = 200
    public static let purposeLimit = 2000
    /// Paths under `/groups/` that no group's slug may take.
    static let reservedSlugs: Set<String> = ["new"]

    /// Creates the group with `creator` as its first, active owner, and records `audit` (its
    /// target filled with the slug), all in one transaction. The slug is chosen there, under the
    /// same kind of lock as other records' slugs (``NewSlug``), so two groups of one name made at
    /// once get two slugs.
    public func create(_ new: New, creator: UUID, audit: AuditLog.Entry, now: Int) async throws -> Group {
        try await database.atomically { database in
            let sql = database as! any SQLDatabase
            if sql.dialect.name == "postgresql" {
                try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: NewSlug.lockClass), \(literal: Self.slugLockKey))").run()
            }
            let slug = try await Slug.free(for: new.name, fallback: "group", reserved: Self.reservedSlugs) { candidate in
                try await sql.raw("SELECT 1 AS taken FROM forum_groups WHERE slug = \(bind: candidate)").first() != nil
            }
            let row = try await sql.raw("""
                INSERT INTO forum_groups (slug, name, purpose, language, listed, created_by, created_at)
                VALUES (\(bind: slug), \(bind: new.name), \(bind: new.purpose), \(bind: new.language.rawValue), \(bind: new.listed),
                        \(bind: creator), \(bind: now)) RETURNING id
                """).first()
            guard let id = try row?.decode(column: "id", as: Int.self) else { throw ForumGroupError.notFound }
            try await sql.raw("""
                INSERT INTO forum_group_members (group_id, user_id, role, state, invited_by, created_at)
                VALUES (\(bind: id), \(bind: creator), 'owner', 'active', NULL, \(bind: now))
                """).run()
            // A listed group is on the visitors' (cached) list of groups.
            if new.listed { try await DataVersion.bump(on: database) }
            var entry = audit
            entry.target = "group:\(slug)"
            try await AuditLog(database: database).record(entry)
            return Group(id: id, slug: slug, name: new.name, purpose: new.purpose, language: new.language, listed: new.listed, createdAt: now)
        }
    }

    /// Saves a group's new name, purpose, language and listing (its slug stays: links keep working).
    public func update(_ group: Group, to new: New, audit: AuditLog.Entry) async throws {
        try await database.atomically { database in
            try await (database as! any SQLDatabase).raw("""
                UPDATE forum_groups SET name = \(bind: new.name), purpose = \(bind: new.purpose),
                  language = \(bind: new.language.rawValue), listed = \(bind: new.listed) WHERE id = \(bind: group.id)
                """).run()
            // Listed before or after: the visitors' (cached) list of groups changes.
            if group.listed || new.listed { try await DataVersion.bump(on: database) }
            try await AuditLog(database: database).record(audit)
        }
    }

    /// The lock key beside ``NewSlug``'s tables' (1-4).
    static let slugLockKey = 14

    public func find(slug: String) async throws -> Group? {
        guard Slug.isValid(slug) else { return nil }
        return try await sql.raw("SELECT * FROM forum_groups WHERE slug = \(bind: slug)").first().map(Self.group)
    }

    public func find(id: Int) async throws -> Group? {
        try await sql.raw("SELECT * FROM forum_groups WHERE id = \(bind: id)").first().map(Self.group)
    }

    /// The groups `reader` may know of, by name: listed ones, those the reader has a standing with
    /// (invited, asked, active), and every group for admins. One query, with the active members
    /// counted.
    public func visible(to reader: ForumReader) async throws -> [Summary] {
        let everything = reader.actor.has(.admin)
        let mine = reader.actor.isMember ? reader.standing.keys.sorted() : []
        let scope: SQLQueryString = everything ? "1 = 1"
            : mine.isEmpty ? "g.listed = \(bind: true)"
            : "(g.listed = \(bind: true) OR g.id IN (\(unsafeRaw: mine.map(String.init).joined(separator: ","))))"
        return try await sql.raw("""
            SELECT g.*, (SELECT COUNT(*) FROM forum_group_members m WHERE m.group_id = g.id AND m.state = 'active') AS active_members
            FROM forum_groups g WHERE \(scope) ORDER BY g.name, g.id
            """).all().map { row in
            Summary(group: try Self.group(row), activeMembers: try row.decode(column: "active_members", as: Int.self))
        }
    }

    static func group(_ row: any SQLRow) throws -> Group {
        Group(id: try row.decode(column: "id", as: Int.self),
              slug: try row.decode(column: "slug", as: String.self),
              name: try row.decode(column: "name", as: String.self),
              purpose: try row.decode(column: "purpose", as: String.self),
              language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
              listed: try row.decode(column: "listed", as: Bool.self),
              createdAt: try row.decode(column: "created_at", as: Int.self))
    }
}

/// Why a change to a group's membership was refused; each is a 4xx with a translated message.
public enum ForumGroupError: Error, Equatable, Sendable {
    /// No such group, member or invitation.
    case notFound
    /// The address or handle names no vetted member.
    case unknownInvitee
    /// The person already has a standing with the group (invited, asked, or a member).
    case alreadyThere
    /// The last owner may not leave or step down without naming another owner.
    case lastOwner
    /// The successor named is not an active member of the group.
    case invalidSuccessor
}
