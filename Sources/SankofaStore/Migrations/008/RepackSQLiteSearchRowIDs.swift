import Fluent
import SankofaCore
import SQLKit

/// 008 (SQLite only): search rowids move from 007's layout (block in the high bits) to
/// ``SearchRowID``'s (language and kind in the high bits), so that one language, or one kind in
/// one language, is a rowid range FTS5 can seek to: the capped counts of a frequent word then
/// read a few hundred doclist entries per range instead of the whole doclist. Documents keep
/// their text; their tokens are indexed again under the new rowids.
public struct RepackSQLiteSearchRowIDs: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await repack(database, pack: RebuildSQLiteSearchIndex.layoutCurrent)
    }

    public func revert(on database: any Database) async throws {
        try await repack(database, pack: RebuildSQLiteSearchIndex.layout007)
    }

    private func repack(_ database: any Database,
                        pack: @escaping @Sendable (Int64, SearchKind, Language, SearchAudience) -> Int64) async throws {
        guard (database as! any SQLDatabase).dialect.name == "sqlite" else { return }
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            // 'delete-all' empties a contentless FTS5 table at once; the tokens come back below.
            try await sql.raw("INSERT INTO search_fts (search_fts) VALUES ('delete-all')").run()
            try await RebuildSQLiteSearchIndex.rekey(sql, pack: pack)
            try await RebuildSQLiteSearchIndex.fillTokens(sql)
        }
    }
}
