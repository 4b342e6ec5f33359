import Fluent
import SQLKit

/// 015: the cooperation cycle. Requests for expertise with their history and comments, the matches
/// picked for them, exchanges with their parties and history, contributions, outcome reports and
/// their follow-ups, and the reminders sent (one row each, so a reminder goes once however many
/// nodes look). A record's words live in its `record` JSON (as the directory's do); the columns
/// are what lists, permissions and the indicators filter and count by.
public struct CreateCooperation: AsyncMigration {
    public init() {}

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let t = ForumColumnTypes(sql)
        for statement in [
            // themes, pillars, support kinds and working languages are stored ",a,b," so that
            // `LIKE '%,youth,%'` finds one on both engines.
            """
            CREATE TABLE requests (
              id \(t.serial), requester_id \(t.uuid) REFERENCES users (id) ON DELETE SET NULL,
              beneficiary_country VARCHAR(2) NOT NULL, language VARCHAR(2) NOT NULL, title VARCHAR(300) NOT NULL,
              themes TEXT NOT NULL, pillars TEXT NOT NULL, support_kinds TEXT NOT NULL, working_languages TEXT NOT NULL,
              modality VARCHAR(12) NOT NULL, starts_on VARCHAR(10), ends_on VARCHAR(10),
              visibility VARCHAR(10) NOT NULL, status VARCHAR(12) NOT NULL, closure VARCHAR(12),
              record TEXT NOT NULL, demo BOOLEAN NOT NULL,
              created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL, submitted_at BIGINT, opened_at BIGINT,
              first_matched_at BIGINT, closed_at BIGINT)
            """,
            "CREATE INDEX requests_status_idx ON requests (status, beneficiary_country)",
            "CREATE INDEX requests_requester_idx ON requests (requester_id)",
            // One row per step taken (kind `step`, with from/to status) and per comment (kind `comment`).
            """
            CREATE TABLE request_events (
              id \(t.serial), request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
              kind VARCHAR(10) NOT NULL, step VARCHAR(16), from_status VARCHAR(12), to_status VARCHAR(12),
              actor_id \(t.uuid) REFERENCES users (id) ON DELETE SET NULL, body TEXT NOT NULL, language VARCHAR(2) NOT NULL,
              at BIGINT NOT NULL)
            """,
            "CREATE INDEX request_events_request_idx ON request_events (request_id, at)",
            // target: an expert's or a centre's id, a practice's slug, a course's id.
            // invitee_id: the account that answers for an invited expert or centre.
            """
            CREATE TABLE request_matches (
              id \(t.serial), request_id INTEGER NOT NULL REFERENCES requests (id) ON DELETE CASCADE,
              kind VARCHAR(10) NOT NULL, target VARCHAR(120) NOT NULL, score INTEGER NOT NULL, reasons TEXT NOT NULL,
              state VARCHAR(10) NOT NULL, picked_by \(t.uuid) REFERENCES users (id) ON DELETE SET NULL, picked_at BIGINT NOT NULL,
              invitee_id \(t.uuid) REFERENCES users (id) ON DELETE SET NULL, invited_at BIGINT, message TEXT,
              answered_at BIGINT, answer_reason TEXT,
              UNIQUE (request_id, kind, target))
            """,
            "CREATE INDEX request_matches_invitee_idx ON request_matches (invitee_id, state)",
            // scope and triangular are derived from the parties' countries on every change of them.
            // public_summary is true only when both provider_agreed_at and beneficiary_agreed_at are set.
            """
            CREATE TABLE exchanges (
              id \(t.serial), request_id INTEGER REFERENCES requests (id) ON DELETE SET NULL,
              match_id INTEGER REFERENCES request_matches (id) ON DELETE SET NULL,
              type VARCHAR(12) NOT NULL, status VARCHAR(10) NOT NULL, language VARCHAR(2) NOT NULL, title VARCHAR(300) NOT NULL,
              themes TEXT NOT NULL, pillars TEXT NOT NULL, starts_on VARCHAR(10) NOT NULL, ends_on VARCHAR(10) NOT NULL,
              place VARCHAR(200) NOT NULL, online BOOLEAN NOT NULL,
              scope VARCHAR(14), triangular BOOLEAN NOT NULL,
              provider_agreed_at BIGINT, beneficiary_agreed_at BIGINT, public_summary BOOLEAN NOT NULL,
              record TEXT NOT NULL, demo BOOLEAN NOT NULL,
              created_by \(t.uuid) REFERENCES users (id) ON DELETE SET NULL, created_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
              held_at BIGINT)
            """,
            "CREATE INDEX exchanges_dates_idx ON exchanges (starts_on, ends_on)",
            "CREATE INDEX exchanges_request_idx ON exchanges (request_id)",
            // A party: a country on a side, optionally an institution, a named expert or a centre.
            """
            CREATE TABLE exchange_parties (
              id \(t.serial), exchange_id INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
              side VARCHAR(12) NOT NULL, country VARCHAR(2) NOT NULL, institution VARCHAR(300) NOT NULL,
              expert_id \(t.uuid) REFERENCES experts (id) ON DELETE SET NULL,
              centre_id \(t.uuid) REFERENCES centres (id) ON DELETE SET NULL)
            """,
            "CREATE INDEX exchange_parties_exchange_idx ON exchange_parties (exchange_id, side)",
            "CREATE INDEX exchange_parties_expert_idx ON exchange_parties (expert_id)",
            // Links to practices (slug) and courses (id) the exchange used.
            """
            CREATE TABLE exchange_links (
              exchange_id INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
              kind VARCHAR(10) NOT NULL, target VARCHAR(120) NOT NULL, PRIMARY KEY (exchange_id, kind, target))
            """,
            """
            CREATE TABLE exchange_events (
              id \(t.serial), exchange_id INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
              kind VARCHAR(16) NOT NULL, from_status VARCHAR(10), to_status VARCHAR(10),
              actor_id \(t.uuid) REFERENCES users (id) ON DELETE SET NULL, note TEXT NOT NULL, at BIGINT NOT NULL)
            """,
            "CREATE INDEX exchange_events_exchange_idx ON exchange_events (exchange_id, at)",
            // Amounts as given, in thousandths of the currency's unit (no ISO 4217 currency has
            // more than three decimals in use), never converted. In kind: what, an optional estimate.
            """
            CREATE TABLE contributions (
              id \(t.serial), exchange_id INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
              kind VARCHAR(10) NOT NULL, contributor_kind VARCHAR(14) NOT NULL, contributor_country VARCHAR(2),
              contributor_name VARCHAR(300) NOT NULL, centre_id \(t.uuid) REFERENCES centres (id) ON DELETE SET NULL,
              amount_milli BIGINT, currency VARCHAR(3), item VARCHAR(10), description TEXT NOT NULL,
              given_on VARCHAR(10) NOT NULL, source TEXT NOT NULL,
              created_by \(t.uuid) REFERENCES users (id) ON DELETE SET NULL, created_at BIGINT NOT NULL)
            """,
            "CREATE INDEX contributions_exchange_idx ON contributions (exchange_id)",
            "CREATE INDEX contributions_country_idx ON contributions (contributor_country, given_on)",
            // One report per side; its figures in columns (indicators sum them), its words in `record`.
            """
            CREATE TABLE outcome_reports (
              id \(t.serial), exchange_id INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
              side VARCHAR(12) NOT NULL, language VARCHAR(2) NOT NULL,
              author_id \(t.uuid) REFERENCES users (id) ON DELETE SET NULL,
              participants INTEGER NOT NULL, women INTEGER NOT NULL, men INTEGER NOT NULL, unspecified INTEGER NOT NULL,
              adapted_practice VARCHAR(120), started_practice VARCHAR(120),
              record TEXT NOT NULL, demo BOOLEAN NOT NULL, filed_at BIGINT NOT NULL, updated_at BIGINT NOT NULL,
              UNIQUE (exchange_id, side))
            """,
            // What was actually adopted, about six months later.
            """
            CREATE TABLE outcome_follow_ups (
              id \(t.serial), report_id INTEGER NOT NULL UNIQUE REFERENCES outcome_reports (id) ON DELETE CASCADE,
              author_id \(t.uuid) REFERENCES users (id) ON DELETE SET NULL, language VARCHAR(2) NOT NULL,
              adopted_count INTEGER NOT NULL, record TEXT NOT NULL, demo BOOLEAN NOT NULL, filed_at BIGINT NOT NULL)
            """,
            // kind: `report7`, `report30` (days after the end), `followUp` (six months after the report).
            """
            CREATE TABLE cooperation_reminders (
              exchange_id INTEGER NOT NULL REFERENCES exchanges (id) ON DELETE CASCADE,
              side VARCHAR(12) NOT NULL, kind VARCHAR(10) NOT NULL, sent_at BIGINT NOT NULL,
              PRIMARY KEY (exchange_id, side, kind))
            """,
            // In-app notices of the cycle point at a request or an exchange. No foreign key: SQLite
            // cannot drop a column that holds one, and the migration must revert on both engines.
            "ALTER TABLE notifications ADD COLUMN request_id INTEGER",
            "ALTER TABLE notifications ADD COLUMN exchange_id INTEGER",
        ] {
            try await sql.raw(SQLQueryString(stringLiteral: statement)).run()
        }
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        try await sql.raw("ALTER TABLE notifications DROP COLUMN exchange_id").run()
        try await sql.raw("ALTER TABLE notifications DROP COLUMN request_id").run()
        for table in ["cooperation_reminders", "outcome_follow_ups", "outcome_reports", "contributions", "exchange_events",
                      "exchange_links", "exchange_parties", "exchanges", "request_matches", "request_events", "requests"] {
            try await sql.raw("DROP TABLE \(unsafeRaw: table)").run()
        }
    }
}
