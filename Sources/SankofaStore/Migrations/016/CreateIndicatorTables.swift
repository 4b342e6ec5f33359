import Fluent
import Foundation
import SQLKit

/// 016: what the indicators, the annual report and the API tokens keep.
/// - `outcome_capacity`: each outcome report's capacity ratings in columns (they also live in the
///   report's `record` JSON), so that the mean gain by theme is one aggregate on both engines.
///   Written with the report; filled here from the reports already filed.
/// - `usage_counts`: Handbook downloads and searches, counted by day and language and nothing
///   else: no person, no address, no query text.
/// - `annual_reports`: a built annual report's files (HTML and PDF bytes), kept once published
///   like the Handbook's, so that every node serves the same bytes. A rebuild of a published year
///   is a new `revision`, unpublished until published: the published files stay as they were.
/// - `api_tokens`: personal access tokens, stored as a SHA-256 hash of the secret; `prefix` is
///   the secret's first characters, shown in lists so that an owner tells their tokens apart.
public struct CreateIndicatorTables: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let t = ForumColumnTypes(sql)
        for statement in [
            """
            CREATE TABLE outcome_capacity (
              report_id INTEGER NOT NULL REFERENCES outcome_reports (id) ON DELETE CASCADE,
              theme VARCHAR(40) NOT NULL, before INTEGER NOT NULL, after INTEGER NOT NULL,
              PRIMARY KEY (report_id, theme))
            """,
            "CREATE INDEX outcome_capacity_theme_idx ON outcome_capacity (theme)",
            """
            CREATE TABLE usage_counts (
              metric VARCHAR(20) NOT NULL, day VARCHAR(10) NOT NULL, language VARCHAR(2) NOT NULL,
              count BIGINT NOT NULL, PRIMARY KEY (metric, day, language))
            """,
            """
            CREATE TABLE annual_reports (
              year INTEGER NOT NULL, revision INTEGER NOT NULL, language VARCHAR(2) NOT NULL, format VARCHAR(4) NOT NULL,
              content \(t.blob) NOT NULL, built_at BIGINT NOT NULL,
              built_by \(t.uuid) REFERENCES users (id) ON DELETE SET NULL,
              published_at BIGINT, published_by \(t.uuid) REFERENCES users (id) ON DELETE SET NULL,
              PRIMARY KEY (year, revision, language, format))
            """,
            """
            CREATE TABLE api_tokens (
              id \(t.serial), user_id \(t.uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              name VARCHAR(100) NOT NULL, prefix VARCHAR(16) NOT NULL, secret_hash VARCHAR(64) NOT NULL UNIQUE,
              scopes TEXT NOT NULL, created_at BIGINT NOT NULL, expires_at BIGINT, last_used_at BIGINT,
              revoked_at BIGINT, revoked_by \(t.uuid) REFERENCES users (id) ON DELETE SET NULL)
            """,
            "CREATE INDEX api_tokens_user_idx ON api_tokens (user_id)",
        ] {
            try await sql.raw(SQLQueryString(stringLiteral: statement)).run()
        }
        try await fillCapacity(sql)
    }

    /// The ratings of the reports filed before this migration, read from their records.
    func fillCapacity(_ sql: any SQLDatabase) async throws {
        struct Stored: Decodable { var capacity: [Rating]? }
        struct Rating: Decodable { var theme: String; var before: Int; var after: Int }
        for row in try await sql.raw("SELECT id, record FROM outcome_reports").all() {
            let id = try row.decode(column: "id", as: Int.self)
            let record = try row.decode(column: "record", as: String.self)
            guard let stored = try? JSONDecoder().decode(Stored.self, from: Data(record.utf8)) else { continue }
            for rating in stored.capacity ?? [] {
                try await sql.raw("""
                    INSERT INTO outcome_capacity (report_id, theme, before, after)
                    VALUES (\(bind: id), \(bind: rating.theme), \(bind: rating.before), \(bind: rating.after))
                    """).run()
            }
        }
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in ["api_tokens", "annual_reports", "usage_counts", "outcome_capacity"] {
            try await sql.raw("DROP TABLE \(unsafeRaw: table)").run()
        }
    }
}
