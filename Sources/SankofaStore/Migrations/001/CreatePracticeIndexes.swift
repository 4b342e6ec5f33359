import Fluent
import SQLKit

/// 002: indexes for the facet joins and the public listing (both engines accept this SQL).
public struct CreatePracticeIndexes: AsyncMigration {
    public init() {}

    static let indexes: [(name: String, table: String, columns: String)] = [
        ("practices_status_idx", "practices", "status"),
        ("practice_translations_practice_idx", "practice_translations", "practice_id"),
        ("practice_countries_country_idx", "practice_countries", "country, practice_id"),
        ("practice_countries_region_idx", "practice_countries", "region, practice_id"),
        ("practice_pillars_pillar_idx", "practice_pillars", "pillar, practice_id"),
        ("practice_themes_theme_idx", "practice_themes", "theme, practice_id"),
    ]

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes {
            try await sql.raw("CREATE INDEX \(unsafeRaw: index.name) ON \(unsafeRaw: index.table) (\(unsafeRaw: index.columns))").run()
        }
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for index in Self.indexes {
            try await sql.raw("DROP INDEX \(unsafeRaw: index.name)").run()
        }
    }
}
