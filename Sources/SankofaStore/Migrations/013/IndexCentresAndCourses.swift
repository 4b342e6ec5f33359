import Fluent
import SQLKit

/// 013: the lists of centres and courses filtered, counted, sorted and paged by the engine.
/// `centre_values` and `course_values` hold, per record, the values its facets filter and count
/// on (and the experts and practices a centre names, which their pages look up), indexed by facet
/// and value; `centre_names` the name each language's list sorts a centre by; and a centre's
/// courses are found by an index. Existing records are indexed here.
public struct IndexCentresAndCourses: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.transaction { tx in
            let sql = tx as! any SQLDatabase
            let uuid = sql.dialect.name == "sqlite" ? "BLOB" : "UUID", bytes = Bytewise.collation(sql)
            for (table, key, parent) in [("centre_values", "centre_id", "centres"), ("course_values", "course_id", "courses")] {
                try await sql.raw("""
                    CREATE TABLE \(unsafeRaw: table) (
                      \(unsafeRaw: key) \(unsafeRaw: uuid) NOT NULL REFERENCES \(unsafeRaw: parent) (id) ON DELETE CASCADE,
                      facet VARCHAR(16) NOT NULL,
                      value VARCHAR(200)\(unsafeRaw: bytes) NOT NULL,
                      PRIMARY KEY (\(unsafeRaw: key), facet, value))
                    """).run()
                try await sql.raw("CREATE INDEX \(unsafeRaw: table)_facet_idx ON \(unsafeRaw: table) (facet, value, \(unsafeRaw: key))").run()
            }
            try await sql.raw("""
                CREATE TABLE centre_names (
                  centre_id \(unsafeRaw: uuid) NOT NULL REFERENCES centres (id) ON DELETE CASCADE,
                  language VARCHAR(2) NOT NULL,
                  sort_key VARCHAR(200)\(unsafeRaw: bytes) NOT NULL,
                  PRIMARY KEY (centre_id, language))
                """).run()
            try await sql.raw("CREATE INDEX centre_names_order_idx ON centre_names (language, sort_key, centre_id)").run()
            // A centre's page reads its own courses.
            try await sql.raw("CREATE INDEX courses_centre_idx ON courses (centre_id)").run()
            try await JSONRecordWriter(database: tx, table: CentreTable())
                .reindex(try await CentreTable.records(where: "1 = 1", orderBy: "slug", on: sql))
            try await JSONRecordWriter(database: tx, table: CourseTable())
                .reindex(try await CourseTable.records(where: "1 = 1", orderBy: "slug", on: sql))
        }
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("DROP INDEX courses_centre_idx").run()
        for table in ["centre_names", "course_values", "centre_values"] { try await sql.raw("DROP TABLE \(unsafeRaw: table)").run() }
    }
}
