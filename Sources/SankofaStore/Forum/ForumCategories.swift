import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The categories a reader may read, in the staff's order, with their name in the reader's
/// language and what they hold counted over what the reader may read: a category the reader may
/// not read is not there at all, not even as a number.
public struct ForumCategories: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    public struct Category: Sendable, Equatable {
        public var id: Int
        public var slug: String
        public var kind: ForumCategoryKind
        public var visibility: ForumVisibility
        public var groupID: Int?
        public var position: Int
        public var name: String
        public var description: String
        /// The language `name` and `description` are in (the reader's, else English, else the first).
        public var textLanguage: Language
        public var threadCount: Int = 0
        public var postCount: Int = 0
        public var latest: Latest?
    }

    /// The thread most recently posted in.
    public struct Latest: Sendable, Equatable {
        public var threadID: Int
        public var title: String
        public var language: Language
        public var postedAt: Int
    }

    /// Every category `reader` may read, by position, counted.
    public func list(for reader: ForumReader, language: Language) async throws -> [Category] {
        let rows = try await sql.raw("""
            SELECT c.id, c.slug, c.kind, c.visibility, c.group_id, c.position FROM forum_categories c
            WHERE \(Self.readable(reader, category: "c")) ORDER BY c.position, c.id
            """).all()
        var categories = try rows.compactMap(Self.category)
        try await name(&categories, language)
        try await count(&categories)
        return categories
    }

    /// One category by slug, when `reader` may read it; nil otherwise (shown as a 404).
    public func find(slug: String, for reader: ForumReader, language: Language, counted: Bool = false) async throws -> Category? {
        // Not a slug (a NUL byte, which PostgreSQL refuses in text): no such category.
        guard Slug.isValid(slug) else { return nil }
        let rows = try await sql.raw("""
            SELECT c.id, c.slug, c.kind, c.visibility, c.group_id, c.position FROM forum_categories c
            WHERE c.slug = \(bind: slug) AND \(Self.readable(reader, category: "c"))
            """).all()
        var categories = try rows.compactMap(Self.category)
        try await name(&categories, language)
        if counted { try await count(&categories) }
        return categories.first
    }

    /// A category by id, when `reader` may read it.
    public func find(id: Int, for reader: ForumReader, language: Language) async throws -> Category? {
        let rows = try await sql.raw("""
            SELECT c.id, c.slug, c.kind, c.visibility, c.group_id, c.position FROM forum_categories c
            WHERE c.id = \(bind: id) AND \(Self.readable(reader, category: "c"))
            """).all()
        var categories = try rows.compactMap(Self.category)
        try await name(&categories, language)
        return categories.first
    }

    /// The condition on a category (aliased `category`) that keeps what `reader` may read, each
    /// visibility asked of the access policy: visitors' categories, members' when it allows, and
    /// the categories of the groups the reader is an active member of.
    static func readable(_ reader: ForumReader, category alias: String) -> SQLQueryString {
        var visibilities: [String] = []
        for visibility in [ForumVisibility.visitors, .members] where reader.reads(visibility, groupID: nil) {
            visibilities.append(visibility.rawValue)
        }
        let groups = reader.groupIDs.filter { reader.reads(.group, groupID: $0) }.sorted()
        var clause = SQLQueryString("(\(unsafeRaw: alias).visibility IN (\(binds: visibilities))")
        if !groups.isEmpty {
            clause += " OR (\(unsafeRaw: alias).visibility = \(bind: ForumVisibility.group.rawValue) AND \(unsafeRaw: alias).group_id IN (\(binds: groups)))"
        }
        clause += ")"
        return clause
    }

    /// Names in `language`, else English, else whichever was written first.
    private func name(_ categories: inout [Category], _ language: Language) async throws {
        guard !categories.isEmpty else { return }
        let rows = try await sql.raw("""
            SELECT category_id, language, name, description FROM forum_category_texts
            WHERE category_id IN (\(binds: categories.map(\.id)))
            """).all()
        var texts: [Int: [Language: (String, String)]] = [:]
        for row in rows {
            guard let textLanguage = Language(rawValue: try row.decode(column: "language", as: String.self)) else { continue }
            texts[try row.decode(column: "category_id", as: Int.self), default: [:]][textLanguage] =
                (try row.decode(column: "name", as: String.self), try row.decode(column: "description", as: String.self))
        }
        for index in categories.indices {
            let own = texts[categories[index].id] ?? [:]
            let chosen = own[language].map { (language, $0) } ?? own[.en].map { (Language.en, $0) }
                ?? own.sorted { $0.key.rawValue < $1.key.rawValue }.first.map { ($0.key, $0.value) }
            if let (textLanguage, text) = chosen {
                categories[index].name = text.0
                categories[index].description = text.1
                categories[index].textLanguage = textLanguage
            }
        }
    }

    /// Threads, posts and the latest thread of each category: one grouped read and one for the
    /// latest threads (the category index's last entry).
    private func count(_ categories: inout [Category]) async throws {
        guard !categories.isEmpty else { return }
        let ids = categories.map(\.id)
        let rows = try await sql.raw("""
            SELECT category_id, COUNT(*) AS threads, SUM(post_count) AS posts, MAX(last_posted_at) AS latest
            FROM forum_threads WHERE category_id IN (\(binds: ids)) GROUP BY category_id
            """).all()
        var latestAt: [Int: Int] = [:]
        for row in rows {
            let id = try row.decode(column: "category_id", as: Int.self)
            guard let index = categories.firstIndex(where: { $0.id == id }) else { continue }
            categories[index].threadCount = try row.decode(column: "threads", as: Int.self)
            categories[index].postCount = try row.decode(column: "posts", as: Int?.self) ?? 0
            latestAt[id] = try row.decode(column: "latest", as: Int?.self)
        }
        for (id, at) in latestAt {
            guard let row = try await sql.raw("""
                SELECT id, title, language, last_posted_at FROM forum_threads
                WHERE category_id = \(bind: id) AND last_posted_at = \(bind: at) ORDER BY id DESC LIMIT 1
                """).first(), let index = categories.firstIndex(where: { $0.id == id }) else { continue }
            categories[index].latest = Latest(
                threadID: try row.decode(column: "id", as: Int.self), title: try row.decode(column: "title", as: String.self),
                language: Language(rawValue: try row.decode(column: "language", as: String.self)) ?? .en,
                postedAt: try row.decode(column: "last_posted_at", as: Int.self))
        }
    }

    private var sql: any SQLDatabase { database as! any SQLDatabase }

    static func category(_ row: any SQLRow) throws -> Category? {
        guard let kind = ForumCategoryKind(rawValue: try row.decode(column: "kind", as: String.self)),
              let visibility = ForumVisibility(rawValue: try row.decode(column: "visibility", as: String.self)) else { return nil }
        let slug = try row.decode(column: "slug", as: String.self)
        return Category(id: try row.decode(column: "id", as: Int.self), slug: slug, kind: kind, visibility: visibility,
                        groupID: try row.decode(column: "group_id", as: Int?.self),
                        position: try row.decode(column: "position", as: Int.self),
                        name: slug, description: "", textLanguage: .en)
    }
}
