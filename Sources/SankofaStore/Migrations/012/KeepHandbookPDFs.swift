import Fluent
import SQLKit

/// 012: a built PDF's bytes are kept with its record in `handbook_files` (`content`). HTML and
/// EPUB files are remade by any node from the frozen edition; a PDF takes WeasyPrint and seconds
/// a language, so before this only the node that built it could serve it (or a folder shared by
/// every node). Now a node without the file writes it from the database on the first download.
public struct KeepHandbookPDFs: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let bytes = sql.dialect.name == "postgresql" ? "BYTEA" : "BLOB"
        try await sql.raw("ALTER TABLE handbook_files ADD COLUMN content \(unsafeRaw: bytes)").run()
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE handbook_files DROP COLUMN content").run()
    }
}
