import Fluent
import SQLKit

/// 005: the directory of experts, Centres of Excellence and courses. Each profile, centre and
/// course is stored as its record (JSON) beside the columns that are looked up; endorsements and
/// contact messages are rows of their own, since they are written by other people than the owner.
public struct CreateDirectory: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let uuid = sql.dialect.name == "sqlite" ? "BLOB" : "UUID"
        let serial = sql.dialect.name == "sqlite" ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "BIGSERIAL PRIMARY KEY"
        try await sql.raw("""
            CREATE TABLE experts (
              id \(unsafeRaw: uuid) PRIMARY KEY,
              slug VARCHAR(120) NOT NULL UNIQUE,
              user_id \(unsafeRaw: uuid) UNIQUE REFERENCES users (id) ON DELETE SET NULL,
              email VARCHAR(254),
              country VARCHAR(2) NOT NULL,
              focal_point_for VARCHAR(140),
              record TEXT NOT NULL,
              created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL)
            """).run()
        try await sql.raw("CREATE INDEX experts_email_idx ON experts (email)").run()
        try await sql.raw("""
            CREATE TABLE expert_endorsements (
              id \(unsafeRaw: serial),
              expert_id \(unsafeRaw: uuid) NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
              endorser_expert_id \(unsafeRaw: uuid) REFERENCES experts (id) ON DELETE CASCADE,
              endorser_user_id \(unsafeRaw: uuid) REFERENCES users (id) ON DELETE CASCADE,
              country VARCHAR(2) NOT NULL,
              at BIGINT NOT NULL)
            """).run()
        try await sql.raw("CREATE UNIQUE INDEX expert_endorsements_expert_idx ON expert_endorsements (expert_id, endorser_expert_id)").run()
        try await sql.raw("CREATE UNIQUE INDEX expert_endorsements_user_idx ON expert_endorsements (expert_id, endorser_user_id)").run()
        try await sql.raw("""
            CREATE TABLE centres (
              id \(unsafeRaw: uuid) PRIMARY KEY,
              slug VARCHAR(120) NOT NULL UNIQUE,
              country VARCHAR(2) NOT NULL,
              record TEXT NOT NULL,
              updated_at BIGINT NOT NULL)
            """).run()
        try await sql.raw("""
            CREATE TABLE courses (
              id \(unsafeRaw: uuid) PRIMARY KEY,
              slug VARCHAR(120) NOT NULL UNIQUE,
              centre_id \(unsafeRaw: uuid) REFERENCES centres (id) ON DELETE SET NULL,
              start_date VARCHAR(10) NOT NULL,
              end_date VARCHAR(10) NOT NULL,
              record TEXT NOT NULL,
              created_at BIGINT NOT NULL,
              updated_at BIGINT NOT NULL)
            """).run()
        try await sql.raw("CREATE INDEX courses_dates_idx ON courses (start_date, end_date)").run()
        try await sql.raw("""
            CREATE TABLE contact_messages (
              id \(unsafeRaw: serial),
              expert_id \(unsafeRaw: uuid) NOT NULL REFERENCES experts (id) ON DELETE CASCADE,
              sender_id \(unsafeRaw: uuid) REFERENCES users (id) ON DELETE SET NULL,
              at BIGINT NOT NULL,
              subject VARCHAR(200) NOT NULL,
              body TEXT NOT NULL)
            """).run()
        try await sql.raw("CREATE INDEX contact_messages_expert_idx ON contact_messages (expert_id, at)").run()
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in ["contact_messages", "courses", "centres", "expert_endorsements", "experts"] {
            try await sql.raw("DROP TABLE \(unsafeRaw: table)").run()
        }
    }
}
