import Fluent
import SQLKit

/// 005: accounts, server-side sessions, rate-limit counters, the audit log and the mail outbox.
public struct CreateAccounts: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        try await database.schema(UserModel.schema)
            .id()
            .field("email", .string, .required)
            .field("email_verified_at", .datetime)
            .field("name", .string, .required)
            .field("country", .string, .required)
            .field("organisation", .string, .required)
            .field("organisation_type", .string, .required)
            .field("position", .string, .required)
            .field("motivation", .string, .required)
            .field("language", .string, .required)
            .field("status", .string, .required)
            .field("roles", .array(of: .string), .required)
            .field("password_hash", .string, .required)
            .field("totp_secret", .string)
            .field("totp_last_step", .int64)
            .field("vetted_at", .datetime)
            .field("vetted_by", .uuid)
            .field("decision_reason", .string)
            .field("created_at", .datetime)
            .field("updated_at", .datetime)
            .unique(on: "email")
            .create()

        let sql = database as! any SQLDatabase
        // Sessions are keyed by the SHA-256 of the cookie's token: a copy of the table opens no session.
        try await sql.raw("""
            CREATE TABLE sessions (
              token_hash VARCHAR(64) PRIMARY KEY,
              user_id \(unsafeRaw: uuidType(sql)) REFERENCES users (id) ON DELETE CASCADE,
              csrf_token VARCHAR(64) NOT NULL,
              two_factor_pending BOOLEAN NOT NULL,
              created_at BIGINT NOT NULL,
              last_seen_at BIGINT NOT NULL,
              ip VARCHAR(64) NOT NULL,
              user_agent VARCHAR(300) NOT NULL)
            """).run()
        try await sql.raw("CREATE INDEX sessions_user_idx ON sessions (user_id)").run()
        try await sql.raw("""
            CREATE TABLE rate_limits (
              bucket VARCHAR(200) NOT NULL,
              window_start BIGINT NOT NULL,
              hits INTEGER NOT NULL,
              PRIMARY KEY (bucket, window_start))
            """).run()
        try await sql.raw("""
            CREATE TABLE audit_log (
              id \(unsafeRaw: serialType(sql)),
              at BIGINT NOT NULL,
              actor_id VARCHAR(36),
              actor_email VARCHAR(320),
              action VARCHAR(60) NOT NULL,
              target VARCHAR(200) NOT NULL,
              detail VARCHAR(2000) NOT NULL,
              ip VARCHAR(64) NOT NULL)
            """).run()
        try await sql.raw("CREATE INDEX audit_log_at_idx ON audit_log (at)").run()
        try await sql.raw("""
            CREATE TABLE outbox (
              id \(unsafeRaw: serialType(sql)),
              created_at BIGINT NOT NULL,
              recipient VARCHAR(320) NOT NULL,
              subject VARCHAR(300) NOT NULL,
              body TEXT NOT NULL,
              sent_at BIGINT,
              error VARCHAR(500))
            """).run()
        try await sql.raw("""
            CREATE TABLE email_tokens (
              token_hash VARCHAR(64) PRIMARY KEY,
              purpose VARCHAR(20) NOT NULL,
              user_id \(unsafeRaw: uuidType(sql)) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              expires_at BIGINT NOT NULL,
              used_at BIGINT)
            """).run()
        // Ten single-use recovery codes per account with two-factor authentication, stored as digests.
        try await sql.raw("""
            CREATE TABLE recovery_codes (
              code_hash VARCHAR(64) PRIMARY KEY,
              user_id \(unsafeRaw: uuidType(sql)) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              used_at BIGINT)
            """).run()
        if sql.dialect.name != "sqlite" {
            // The audit log is append-only: the database itself refuses updates and deletes.
            try await sql.raw("""
                CREATE FUNCTION audit_log_append_only() RETURNS trigger LANGUAGE plpgsql AS
                $$ BEGIN RAISE EXCEPTION 'audit_log is append-only'; END $$
                """).run()
            try await sql.raw("CREATE TRIGGER audit_log_no_change BEFORE UPDATE OR DELETE ON audit_log FOR EACH ROW EXECUTE FUNCTION audit_log_append_only()").run()
        } else {
            try await sql.raw("CREATE TRIGGER audit_log_no_update BEFORE UPDATE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END").run()
            try await sql.raw("CREATE TRIGGER audit_log_no_delete BEFORE DELETE ON audit_log BEGIN SELECT RAISE(ABORT, 'audit_log is append-only'); END").run()
        }
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in ["recovery_codes", "email_tokens", "outbox", "audit_log", "rate_limits", "sessions"] {
            try await sql.raw("DROP TABLE \(unsafeRaw: table)").run()
        }
        if sql.dialect.name != "sqlite" { try await sql.raw("DROP FUNCTION audit_log_append_only()").run() }
        try await database.schema(UserModel.schema).delete()
    }

    private func uuidType(_ sql: any SQLDatabase) -> String { sql.dialect.name == "sqlite" ? "BLOB" : "UUID" }
    private func serialType(_ sql: any SQLDatabase) -> String {
        sql.dialect.name == "sqlite" ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"
    }
}
