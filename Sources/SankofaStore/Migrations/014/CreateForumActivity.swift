import Fluent
import SQLKit

/// 014: what members do around the forum's records. Each member's place in each thread, what they
/// watch, flags for the moderators, in-app notifications (for the forum now, the cooperation
/// cycle later), and one row per digest sent, whose primary key makes a digest go once per member
/// and period however many nodes build it.
public struct CreateForumActivity: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let t = ForumColumnTypes(sql)
        for statement in [
            """
            CREATE TABLE forum_reads (
              user_id \(t.uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              thread_id INTEGER NOT NULL REFERENCES forum_threads (id) ON DELETE CASCADE,
              last_read_number INTEGER NOT NULL, PRIMARY KEY (user_id, thread_id))
            """,
            """
            CREATE TABLE forum_watches (
              user_id \(t.uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              target_kind VARCHAR(10) NOT NULL, target_id INTEGER NOT NULL, level VARCHAR(10) NOT NULL,
              PRIMARY KEY (user_id, target_kind, target_id))
            """,
            "CREATE INDEX forum_watches_target_idx ON forum_watches (target_kind, target_id)",
            """
            CREATE TABLE forum_flags (
              id \(t.serial), post_id INTEGER NOT NULL REFERENCES forum_posts (id) ON DELETE CASCADE,
              flagger_id \(t.uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              reason VARCHAR(20) NOT NULL, note TEXT NOT NULL, created_at BIGINT NOT NULL,
              resolved_at BIGINT, resolved_by \(t.uuid) REFERENCES users (id) ON DELETE SET NULL,
              resolution VARCHAR(20), UNIQUE (post_id, flagger_id))
            """,
            "CREATE INDEX forum_flags_open_idx ON forum_flags (resolved_at, created_at)",
            """
            CREATE TABLE notifications (
              id \(t.serial), user_id \(t.uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              kind VARCHAR(30) NOT NULL, actor_id \(t.uuid) REFERENCES users (id) ON DELETE SET NULL,
              thread_id INTEGER REFERENCES forum_threads (id) ON DELETE CASCADE,
              post_id INTEGER REFERENCES forum_posts (id) ON DELETE CASCADE,
              group_id INTEGER REFERENCES forum_groups (id) ON DELETE CASCADE,
              detail TEXT NOT NULL, created_at BIGINT NOT NULL, read_at BIGINT, mailed_at BIGINT)
            """,
            "CREATE INDEX notifications_user_idx ON notifications (user_id, read_at, id)",
            "CREATE INDEX notifications_mail_idx ON notifications (mailed_at, user_id)",
            """
            CREATE TABLE forum_digests (
              period VARCHAR(30) NOT NULL, user_id \(t.uuid) NOT NULL REFERENCES users (id) ON DELETE CASCADE,
              queued_at BIGINT NOT NULL, PRIMARY KEY (period, user_id))
            """,
        ] {
            try await sql.raw(SQLQueryString(stringLiteral: statement)).run()
        }
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        for table in ["forum_digests", "notifications", "forum_flags", "forum_watches", "forum_reads"] {
            try await sql.raw("DROP TABLE \(unsafeRaw: table)").run()
        }
    }
}
