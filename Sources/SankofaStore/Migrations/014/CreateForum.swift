import Fluent
import SQLKit

/// 014: the Forum of Experts. Working groups and their members, categories (names in six languages,
/// a visibility, a group for group categories), threads, posts with their earlier versions, and
/// attachments. Attachments are kept in the database, not a folder: every node serves them with no
/// shared disk, the backup holds them, and a deleted post takes its files with it.
/// Numbers are integers (`/forum/threads/42`): short links people can read out and type.
public struct CreateForum: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let t = ForumColumnTypes(sql)
        for statement in [
            """
            CREATE TABLE forum_groups (
              id \(t.serial), slug VARCHAR(80) NOT NULL UNIQUE, name VARCHAR(200) NOT NULL,
              purpose TEXT NOT NULL, language VARCHAR(2) NOT NULL, listed BOOLEAN NOT NULL,
              created_by \(t.uuid) REFERENCES users (id) ON DELETE SET NULL, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE forum_group_members (
              group_id INTEGER NOT NULL REFERENCES forum_groups (id) ON DELETE CASCADE,
              user_id \(t.uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              role VARCHAR(10) NOT NULL, state VARCHAR(10) NOT NULL,
              invited_by \(t.uuid) REFERENCES users (id) ON DELETE SET NULL, created_at BIGINT NOT NULL,
              PRIMARY KEY (group_id, user_id))
            """,
            "CREATE INDEX forum_group_members_user_idx ON forum_group_members (user_id, state)",
            """
            CREATE TABLE forum_categories (
              id \(t.serial), slug VARCHAR(80) NOT NULL UNIQUE, kind VARCHAR(10) NOT NULL,
              topic VARCHAR(40), visibility VARCHAR(10) NOT NULL,
              group_id INTEGER REFERENCES forum_groups (id) ON DELETE CASCADE,
              position INTEGER NOT NULL, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE forum_category_texts (
              category_id INTEGER NOT NULL REFERENCES forum_categories (id) ON DELETE CASCADE,
              language VARCHAR(2) NOT NULL, name VARCHAR(200) NOT NULL, description TEXT NOT NULL,
              PRIMARY KEY (category_id, language))
            """,
            """
            CREATE TABLE forum_members (
              user_id \(t.uuid) PRIMARY KEY REFERENCES users (id) ON DELETE CASCADE,
              handle VARCHAR(40) NOT NULL UNIQUE, display_name VARCHAR(200) NOT NULL,
              email_mode VARCHAR(10) NOT NULL, silenced_until BIGINT, silence_reason TEXT,
              post_count INTEGER NOT NULL, first_post_at BIGINT,
              last_visit_at BIGINT, previous_visit_at BIGINT, created_at BIGINT NOT NULL)
            """,
            """
            CREATE TABLE forum_threads (
              id \(t.serial), category_id INTEGER NOT NULL REFERENCES forum_categories (id),
              title VARCHAR(300) NOT NULL, language VARCHAR(2) NOT NULL,
              author_id \(t.uuid) REFERENCES users (id) ON DELETE SET NULL,
              created_at BIGINT NOT NULL, last_posted_at BIGINT NOT NULL, post_count INTEGER NOT NULL,
              pinned BOOLEAN NOT NULL, locked BOOLEAN NOT NULL, closed BOOLEAN NOT NULL)
            """,
            "CREATE INDEX forum_threads_category_idx ON forum_threads (category_id, pinned, last_posted_at)",
            "CREATE INDEX forum_threads_latest_idx ON forum_threads (last_posted_at)",
            "CREATE INDEX forum_threads_author_idx ON forum_threads (author_id)",
            """
            CREATE TABLE forum_posts (
              id \(t.serial), thread_id INTEGER NOT NULL REFERENCES forum_threads (id) ON DELETE CASCADE,
              number INTEGER NOT NULL, author_id \(t.uuid) REFERENCES users (id) ON DELETE SET NULL,
              language VARCHAR(2) NOT NULL, body TEXT NOT NULL, created_at BIGINT NOT NULL,
              edited_at BIGINT, edit_count INTEGER NOT NULL,
              quote_of INTEGER REFERENCES forum_posts (id) ON DELETE SET NULL,
              hidden_at BIGINT, hidden_by \(t.uuid) REFERENCES users (id) ON DELETE SET NULL, hidden_reason TEXT,
              UNIQUE (thread_id, number))
            """,
            "CREATE INDEX forum_posts_author_idx ON forum_posts (author_id, created_at)",
            """
            CREATE TABLE forum_post_revisions (
              post_id INTEGER NOT NULL REFERENCES forum_posts (id) ON DELETE CASCADE,
              revision INTEGER NOT NULL, body TEXT NOT NULL,
              edited_by \(t.uuid) REFERENCES users (id) ON DELETE SET NULL, edited_at BIGINT NOT NULL,
              PRIMARY KEY (post_id, revision))
            """,
            """
            CREATE TABLE forum_attachments (
              id \(t.serial), post_id INTEGER REFERENCES forum_posts (id) ON DELETE CASCADE,
              uploader_id \(t.uuid) REFERENCES users (id) ON DELETE SET NULL,
              filename VARCHAR(255) NOT NULL, content_type VARCHAR(120) NOT NULL, size INTEGER NOT NULL,
              sha256 VARCHAR(64) NOT NULL, data \(t.blob) NOT NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX forum_attachments_post_idx ON forum_attachments (post_id)",
        ] {
            try await sql.raw(SQLQueryString(stringLiteral: statement)).run()
        }
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in ["forum_attachments", "forum_post_revisions", "forum_posts", "forum_threads", "forum_members",
                      "forum_category_texts", "forum_categories", "forum_group_members", "forum_groups"] {
            try await sql.raw("DROP TABLE \(unsafeRaw: table)").run()
        }
    }
}

/// The column types that differ between the engines.
struct ForumColumnTypes {
    let serial: String, uuid: String, blob: String

    init(_ sql: any SQLDatabase) {
        let sqlite = sql.dialect.name == "sqlite"
        serial = sqlite ? "INTEGER PRIMARY KEY AUTOINCREMENT" : "SERIAL PRIMARY KEY"
        uuid = sqlite ? "BLOB" : "UUID"
        blob = sqlite ? "BLOB" : "BYTEA"
    }
}
