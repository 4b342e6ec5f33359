import Fluent
import SQLKit

/// 013: the directory of experts read per audience (``ExpertProjection``). For each profile and
/// each audience that may see it, `expert_views` holds what that audience may see of it (the
/// output of `ExpertRecord.visible(to:)`, as JSON) with the name it sorts by, and
/// `expert_view_values` the values its facets filter and count on, indexed by audience, facet and
/// value; so a list, its counts and a profile's page read the reader's audience's rows in SQL
/// instead of reading and reducing every profile. Existing profiles are projected here (and
/// their search documents rewritten, which drops those of disabled accounts).
public struct ProjectExpertsPerAudience: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            let sqlite = sql.dialect.name == "sqlite"
            let uuid = sqlite ? "BLOB" : "UUID", serial = sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"
            let bytes = Bytewise.collation(sql)
            try await sql.raw("""
                CREATE TABLE expert_views (
                  id \(unsafeRaw: serial),
                  expert_id \(unsafeRaw: uuid) NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
                  audience VARCHAR(8) NOT NULL,
                  user_id \(unsafeRaw: uuid),
                  slug VARCHAR(120)\(unsafeRaw: bytes) NOT NULL,
                  name TEXT NOT NULL,
                  sort_key VARCHAR(200)\(unsafeRaw: bytes) NOT NULL,
                  view TEXT NOT NULL)
                """).run()
            try await sql.raw("CREATE UNIQUE INDEX expert_views_slug_idx ON expert_views (slug, audience)").run()
            try await sql.raw("CREATE INDEX expert_views_order_idx ON expert_views (audience, sort_key, slug)").run()
            try await sql.raw("CREATE INDEX expert_views_expert_idx ON expert_views (expert_id)").run()
            try await sql.raw("CREATE INDEX expert_views_user_idx ON expert_views (user_id)").run()
            // Whether a row is the reader's, read from an index alone when a list narrows by entry.
            try await sql.raw("CREATE INDEX expert_views_scope_idx ON expert_views (id, audience, user_id)").run()
            try await sql.raw("""
                CREATE TABLE expert_view_values (
                  view_id BIGINT NOT NULL REFERENCES expert_views (id) ON DELETE CASCADE,
                  audience VARCHAR(8) NOT NULL,
                  user_id \(unsafeRaw: uuid),
                  facet VARCHAR(16) NOT NULL,
                  value VARCHAR(200)\(unsafeRaw: bytes) NOT NULL,
                  PRIMARY KEY (view_id, facet, value))
                """).run()
            try await sql.raw("CREATE INDEX expert_view_values_facet_idx ON expert_view_values (audience, facet, value, view_id)").run()
            let experts = try await ExpertTable.records(where: "1 = 1", orderBy: "slug", on: sql)
            try await JSONRecordWriter(database: tx, table: ExpertTable()).reindex(experts)
        }
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP TABLE expert_view_values").run()
        try await sql.raw("DROP TABLE expert_views").run()
    }
}
