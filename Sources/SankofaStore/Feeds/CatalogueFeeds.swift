import Fluent
import Foundation
import SankofaCore
import SQLKit

/// What the catalogue's Atom feeds list: published practices, latest change first, and courses
/// not yet over, soonest first. Only public records, whoever asks: a feed reader has no session,
/// and the feed's bytes may be cached and shared.
public struct CatalogueFeeds: Sendable {
    public let database: any Database
    var sql: any SQLDatabase { database as! any SQLDatabase }

    public init(database: any Database) { self.database = database }

    public struct PracticeEntry: Sendable, Equatable {
        /// Stable across edits (the row's id), so that an update changes the entry's `updated`, not its `id`.
        public var id: UUID
        public var slug: String
        public var title: String
        public var summary: String
        /// The language of `title` and `summary`: the feed's when translated, else the original.
        public var language: Language
        public var published: Date
        public var updated: Date
    }

    public struct CourseEntry: Sendable, Equatable {
        public var id: UUID
        public var record: CourseRecord
        public var created: Int
        public var updated: Int
    }

    /// The `limit` published practices changed last, with their text in `language` where one
    /// exists (falling back to the original's), of `region` and `theme` when given.
    public func practices(language: Language, region: Region? = nil, theme: Theme? = nil, limit: Int = 50) async throws -> [PracticeEntry] {
        var conditions: [SQLQueryString] = ["p.status = \(bind: PracticeStatus.published.rawValue)"]
        if let region {
            conditions.append("EXISTS (SELECT 1 FROM practice_countries c WHERE c.practice_id = p.id AND c.region = \(bind: region.rawValue))")
        }
        if let theme {
            conditions.append("EXISTS (SELECT 1 FROM practice_themes h WHERE h.practice_id = p.id AND h.theme = \(bind: theme.rawValue))")
        }
        return try await sql.raw("""
            SELECT p.id, p.slug, p.original_language, p.published_at, p.updated_at, p.created_at,
                   t.title AS t_title, t.summary AS t_summary, o.title AS o_title, o.summary AS o_summary
            FROM practices p
            JOIN practice_translations o ON o.practice_id = p.id AND o.language = p.original_language
            LEFT JOIN practice_translations t ON t.practice_id = p.id AND t.language = \(bind: language.rawValue)
            WHERE \(conditions.joined(separator: " AND "))
            ORDER BY p.updated_at DESC, p.slug LIMIT \(literal: max(1, min(limit, 200)))
            """).all().map { row in
            let translated = try row.decode(column: "t_title", as: String?.self).map { !$0.isEmpty } ?? false
            let original = Language(rawValue: try row.decode(column: "original_language", as: String.self)) ?? .en
            let created = try row.decode(column: "created_at", as: Date?.self) ?? Date(timeIntervalSince1970: 0)
            let published = try row.decode(column: "published_at", as: Date?.self) ?? created
            let updated = try row.decode(column: "updated_at", as: Date?.self) ?? published
            return PracticeEntry(
                id: try row.decode(column: "id", as: UUID.self), slug: try row.decode(column: "slug", as: String.self),
                title: try row.decode(column: translated ? "t_title" : "o_title", as: String.self),
                summary: try row.decode(column: translated ? "t_summary" : "o_summary", as: String?.self) ?? "",
                language: translated ? language : original, published: published, updated: max(updated, published))
        }
    }

    /// The `limit` courses not over on `today` (an ISO day), the soonest first.
    public func courses(today: String, limit: Int = 100) async throws -> [CourseEntry] {
        try await sql.raw("""
            SELECT id, record, created_at, updated_at FROM courses WHERE end_date >= \(bind: today)
            ORDER BY start_date, slug LIMIT \(literal: max(1, min(limit, 500)))
            """).all().map { row in
            CourseEntry(id: try row.decode(column: "id", as: UUID.self),
                        record: try RecordJSON.decode(CourseRecord.self, try row.decode(column: "record", as: String.self)),
                        created: try row.decode(column: "created_at", as: Int.self), updated: try row.decode(column: "updated_at", as: Int.self))
        }
    }
}
