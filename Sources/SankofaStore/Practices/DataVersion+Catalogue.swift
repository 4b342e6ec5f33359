import Fluent
import SQLKit

extension DataVersion {
    /// The version of what the practice lists show (published practices, their facet values and
    /// sort keys: the tables of ``PracticeFacetIndex``), which keys the lists' bitmaps. Only
    /// ``bumpCatalogue(on:)`` moves it; the site-wide version (``current(on:)``) moves with it.
    static func catalogue(on database: any Database) async throws -> Int {
        let row = try await (database as! any SQLDatabase).raw("SELECT version FROM data_version WHERE name = 'catalogue'").first()
        return try row?.decode(column: "version", as: Int.self) ?? 0
    }

    /// Bumps the site-wide version (cached pages) and the catalogue's, in one statement of the
    /// writing transaction: a write that changes a practice list's facet values, order or members.
    static func bumpCatalogue(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("UPDATE data_version SET version = version + 1 WHERE name IN ('public', 'catalogue')").run()
    }
}
