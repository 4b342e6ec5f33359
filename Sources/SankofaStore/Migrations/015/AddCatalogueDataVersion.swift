import Fluent
import SQLKit

/// 015: a data version of the catalogue's own (``DataVersion/catalogue(on:)``), moved only by
/// the writes that change what a practice list shows, so that the lists' facet bitmaps
/// (``PracticeFacetBitmaps``) survive a forum post or a profile edit: keyed on the site-wide
/// version, the first list after any write read them again (0.8 s at 100,000 practices).
public struct AddCatalogueDataVersion: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("INSERT INTO data_version (name, version) VALUES ('catalogue', 0)").run()
    }

    public func revert(on database: any Database) async throws {
        try await (database as! any SQLDatabase).raw("DELETE FROM data_version WHERE name = 'catalogue'").run()
    }
}
