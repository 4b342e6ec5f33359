import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Staff's management of the forum's categories (and group owners' of their group's): creating,
/// naming in six languages, ordering, and deleting an empty one. Reading categories for the forum's
/// pages is `ForumCategories`' job; this file writes them. Each change is one transaction with its
/// audit line and a new data version (visitors' cached forum pages show categories).
public struct ForumCategoryAdmin: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    public struct Text: Sendable, Equatable {
        public var name: String
        public var description: String
        public init(name: String, description: String) {
            self.name = name
            self.description = description
        }
    }

    /// A category as its form edits it. `groupID` is set for a working group's category, whose
    /// visibility is always `group`.
    public struct Draft: Sendable, Equatable {
        public var slug: String
        public var kind: ForumCategoryKind
        /// The theme's slug for a theme category, the region's key for a region category.
        public var topic: String?
        public var visibility: ForumVisibility
        public var groupID: Int?
        public var texts: [Language: Text]

        public init(slug: String, kind: ForumCategoryKind, topic: String?, visibility: ForumVisibility, groupID: Int? = nil,
                    texts: [Language: Text]) {
            self.slug = slug
            self.kind = kind
            self.topic = topic
            self.visibility = visibility
            self.groupID = groupID
            self.texts = texts
        }
    }

    public struct Category: Sendable, Equatable {
        public var id: Int
        public var position: Int
        public var threadCount: Int
        public var draft: Draft
        public var slug: String { draft.slug }
    }

    public enum Refusal: Error, Equatable, Sendable {
        /// Another category has this slug.
        case slugTaken
        /// A category holding threads is not deleted (its threads would go with it).
        case hasThreads
        case notFound
    }

    public static let nameLimit = 200
    public static let descriptionLimit = 2000

    /// The categories of the forum (`groupID` nil) or of one group, in their order.
    public func list(groupID: Int? = nil) async throws -> [Category] {
        let rows = try await sql.raw("""
            SELECT c.*, (SELECT COUNT(*) FROM forum_threads t WHERE t.category_id = c.id) AS threads
            FROM forum_categories c WHERE \(Self.scope(groupID)) ORDER BY c.position, c.id
            """).all()
        let texts = try await self.texts(of: rows.map { try $0.decode(column: "id", as: Int.self) })
        return try rows.map { try Self.category($0, texts) }
    }

    /// The forum's categories (`groupID` nil) or one group's, as a condition on `forum_categories c`.
    static func scope(_ groupID: Int?) -> SQLQueryString {
        guard let groupID else { return "c.group_id IS NULL" }
        return "c.group_id = \(bind: groupID)"
    }

    public func find(slug: String) async throws -> Category? {
        guard Slug.isValid(slug), let row = try await sql.raw("""
            SELECT c.*, (SELECT COUNT(*) FROM forum_threads t WHERE t.category_id = c.id) AS threads
            FROM forum_categories c WHERE c.slug = \(bind: slug)
            """).first() else { return nil }
        return try Self.category(row, try await texts(of: [try row.decode(column: "id", as: Int.self)]))
    }

    /// Saves a new category last in its list; returns its slug. An empty slug is made from the
    /// category's first name (English first), free under the same lock as a group's slug.
    public func create(_ draft: Draft, audit: AuditLog.Entry, now: Int) async throws -> String {
        try await database.atomically { database in
            let store = ForumCategoryAdmin(database: database)
            let slug = try await store.freeSlug(for: draft)
            let position = try await store.sql.raw("""
                SELECT COALESCE(MAX(position), 0) + 1 AS next FROM forum_categories c WHERE \(Self.scope(draft.groupID))
                """).first()?.decode(column: "next", as: Int.self) ?? 1
            guard let id = try await store.sql.raw("""
                INSERT INTO forum_categories (slug, kind, topic, visibility, group_id, position, created_at)
                VALUES (\(bind: slug), \(bind: draft.kind.rawValue), \(bind: draft.topic), \(bind: draft.visibility.rawValue),
                        \(bind: draft.groupID), \(bind: position), \(bind: now)) RETURNING id
                """).first()?.decode(column: "id", as: Int.self) else { throw Refusal.notFound }
            try await store.saveTexts(draft.texts, of: id)
            var entry = audit
            entry.target = "category:\(slug)"
            try await DataVersion.bump(on: database)
            try await AuditLog(database: database).record(entry)
            return slug
        }
    }

    /// Saves an edited category (its slug may change, its group never).
    public func update(_ category: Category, to draft: Draft, audit: AuditLog.Entry) async throws {
        try await database.atomically { database in
            let store = ForumCategoryAdmin(database: database)
            if draft.slug != category.slug, try await store.isTaken(draft.slug) { throw Refusal.slugTaken }
            try await store.sql.raw("""
                UPDATE forum_categories SET slug = \(bind: draft.slug), kind = \(bind: draft.kind.rawValue), topic = \(bind: draft.topic),
                  visibility = \(bind: category.draft.groupID == nil ? draft.visibility.rawValue : ForumVisibility.group.rawValue)
                WHERE id = \(bind: category.id)
                """).run()
            try await store.sql.raw("DELETE FROM forum_category_texts WHERE category_id = \(bind: category.id)").run()
            try await store.saveTexts(draft.texts, of: category.id)
            // Its threads' search documents take the new audience in the same transaction.
            if category.draft.groupID == nil, draft.visibility != category.draft.visibility {
                try await ForumSearch(database: database).categoryChanged(category.id)
            }
            try await DataVersion.bump(on: database)
            try await AuditLog(database: database).record(audit)
        }
    }

    /// Deletes a category that holds no thread.
    public func delete(_ category: Category, audit: AuditLog.Entry) async throws {
        try await database.atomically { database in
            let store = ForumCategoryAdmin(database: database)
            let threads = try await store.sql.raw("SELECT COUNT(*) AS n FROM forum_threads WHERE category_id = \(bind: category.id)")
                .first()?.decode(column: "n", as: Int.self) ?? 0
            guard threads == 0 else { throw Refusal.hasThreads }
            try await store.sql.raw("DELETE FROM forum_watches WHERE target_kind = 'category' AND target_id = \(bind: category.id)").run()
            try await store.sql.raw("DELETE FROM forum_category_texts WHERE category_id = \(bind: category.id)").run()
            try await store.sql.raw("DELETE FROM forum_categories WHERE id = \(bind: category.id)").run()
            try await DataVersion.bump(on: database)
            try await AuditLog(database: database).record(audit)
        }
    }

    func freeSlug(for draft: Draft) async throws -> String {
        if sql.dialect.name == "postgresql" {
            try await sql.raw("SELECT pg_advisory_xact_lock(\(literal: NewSlug.lockClass), \(literal: Self.slugLockKey))").run()
        }
        if !draft.slug.isEmpty {
            guard try await !isTaken(draft.slug) else { throw Refusal.slugTaken }
            return draft.slug
        }
        let name = draft.texts[.en]?.name ?? Language.displayOrder.compactMap { draft.texts[$0]?.name }.first ?? ""
        return try await Slug.free(for: name, fallback: "category", isTaken: isTaken)
    }

    /// The lock key beside ``NewSlug``'s tables' (1-4) and groups' (14).
    static let slugLockKey = 15

    func isTaken(_ slug: String) async throws -> Bool {
        try await sql.raw("SELECT 1 AS taken FROM forum_categories WHERE slug = \(bind: slug)").first() != nil
    }

    private func saveTexts(_ texts: [Language: Text], of id: Int) async throws {
        for (language, text) in texts.sorted(by: { $0.key.rawValue < $1.key.rawValue }) where !text.name.isEmpty {
            try await sql.raw("""
                INSERT INTO forum_category_texts (category_id, language, name, description)
                VALUES (\(bind: id), \(bind: language.rawValue), \(bind: text.name), \(bind: text.description))
                """).run()
        }
    }

    private func texts(of ids: [Int]) async throws -> [Int: [Language: Text]] {
        guard !ids.isEmpty else { return [:] }
        var texts: [Int: [Language: Text]] = [:]
        for row in try await sql.raw("""
            SELECT * FROM forum_category_texts WHERE category_id IN (\(unsafeRaw: ids.map(String.init).joined(separator: ",")))
            """).all() {
            guard let language = Language(rawValue: try row.decode(column: "language", as: String.self)) else { continue }
            texts[try row.decode(column: "category_id", as: Int.self), default: [:]][language] =
                Text(name: try row.decode(column: "name", as: String.self), description: try row.decode(column: "description", as: String.self))
        }
        return texts
    }

    static func category(_ row: any SQLRow, _ texts: [Int: [Language: Text]]) throws -> Category {
        let id = try row.decode(column: "id", as: Int.self)
        let draft = Draft(slug: try row.decode(column: "slug", as: String.self),
                          kind: ForumCategoryKind(rawValue: try row.decode(column: "kind", as: String.self)) ?? .general,
                          topic: try row.decode(column: "topic", as: String?.self),
                          visibility: ForumVisibility(rawValue: try row.decode(column: "visibility", as: String.self)) ?? .group,
                          groupID: try row.decode(column: "group_id", as: Int?.self), texts: texts[id] ?? [:])
        return Category(id: id, position: try row.decode(column: "position", as: Int.self),
                        threadCount: try row.decode(column: "threads", as: Int.self), draft: draft)
    }
}
