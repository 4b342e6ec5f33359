import Fluent
import SQLKit

/// 013: the tables the catalogue's lists, facet counts, title order and related practices are read from
/// (``PracticeFacetIndex``), filled from the practices already stored. Before them, each list
/// counted every facet over every published practice and a practice page read every practice
/// sharing a theme with it: at 100,000 practices, 0.14-0.66 s a list and minutes a page.
public struct CreatePracticeFacetIndex: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let sqlite = sql.dialect.name == "sqlite"
        let uuid = sqlite ? "BLOB" : "UUID", time = sqlite ? "TIMESTAMP" : "TIMESTAMPTZ"
        // On SQLite the rows live in their primary key's order: a practice's rows are read together.
        let clustered = sqlite ? " WITHOUT ROWID" : ""
        try await sql.raw("""
            CREATE TABLE practice_facet_values (
              practice_id \(unsafeRaw: uuid) NOT NULL,
              facet VARCHAR(16) NOT NULL,
              value VARCHAR(64) NOT NULL,
              slug TEXT NOT NULL,
              published_at \(unsafeRaw: time),
              start_year INTEGER NOT NULL,
              PRIMARY KEY (practice_id, facet, value))\(unsafeRaw: clustered)
            """).run()
        // A value's practices newest first (the default order of every list), with what a page needs.
        try await sql.raw("""
            CREATE INDEX practice_facet_values_newest_idx
            ON practice_facet_values (facet, value, published_at DESC, start_year DESC, slug, practice_id)
            """).run()
        // The whole catalogue by start year (led by the facet, so that the planner sees it serves
        // `facet = ''` as well as the other index does), and each theme's practices by slug (related practices).
        try await sql.raw("""
            CREATE INDEX practice_facet_values_start_idx ON practice_facet_values (facet, start_year DESC, slug, practice_id) WHERE facet = ''
            """).run()
        try await sql.raw("""
            CREATE INDEX practice_facet_values_theme_idx ON practice_facet_values (value, slug, practice_id) WHERE facet = 'theme'
            """).run()
        try await sql.raw("""
            CREATE TABLE practice_facet_counts (
              given VARCHAR(96) NOT NULL,
              facet VARCHAR(16) NOT NULL,
              value VARCHAR(64) NOT NULL,
              n BIGINT NOT NULL,
              PRIMARY KEY (given, facet, value))\(unsafeRaw: clustered)
            """).run()
        // Each published practice's title as a list in each language shows it, lowercased.
        try await sql.raw("""
            CREATE TABLE practice_sort_titles (
              practice_id \(unsafeRaw: uuid) NOT NULL,
              language VARCHAR(2) NOT NULL,
              title TEXT NOT NULL,
              slug TEXT NOT NULL,
              PRIMARY KEY (practice_id, language))\(unsafeRaw: clustered)
            """).run()
        try await sql.raw("CREATE INDEX practice_sort_titles_idx ON practice_sort_titles (language, title, slug, practice_id)").run()
        try await PracticeFacetIndex.rebuild(on: sql)
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP TABLE practice_sort_titles").run()
        try await sql.raw("DROP TABLE practice_facet_counts").run()
        try await sql.raw("DROP TABLE practice_facet_values").run()
    }
}
