import Fluent
import SQLKit

/// 016: `practice_coverage`, one row per published practice and language it can be read in: its
/// original language (`original` 1) and every language it is translated into in full (every text
/// field the original has, as the translators' queue decides), with the quarter of its
/// publication ("2026-Q3"). The translation-coverage and published-practices indicators count
/// these rows from an index; working out whether each translation is complete from the texts
/// took seconds at 100,000 practices, and the counts must come in milliseconds.
///
/// The rows are kept by triggers on `practices` and `practice_translations`, so that every way
/// of writing a practice (the editor, the import, the bulk changes, a revision) keeps them in
/// step in its own transaction without knowing of them: any change to a practice's texts, status,
/// original language or publication date recomputes that practice's rows.
public struct CreatePracticeCoverage: AsyncMigration {
    public init() {}

    /// The statements that recompute the rows of the practice whose id is `id` (an SQL expression).
    static func refresh(_ id: String, sqlite: Bool) -> String {
        "DELETE FROM practice_coverage WHERE practice_id = \(id); \(rows(of: "p.id = \(id) AND ", sqlite: sqlite));"
    }

    /// The rows of the published practices that `condition` (empty, or ending in AND) keeps.
    static func rows(of condition: String, sqlite: Bool) -> String {
        let quarter = sqlite
            ? "strftime('%Y', p.published_at, 'unixepoch') || '-Q' || ((CAST(strftime('%m', p.published_at, 'unixepoch') AS INTEGER) + 2) / 3)"
            : "to_char(p.published_at AT TIME ZONE 'UTC', 'YYYY\"-Q\"Q')"
        let complete = ["title", "summary", "context", "approach", "results", "lessons", "transfer_conditions",
                        "expansion_potential", "safeguards", "target_groups"]
            .map { "(t.\($0) = '' OR x.\($0) <> '')" }.joined(separator: " AND ")
        return """
            INSERT INTO practice_coverage (practice_id, language, original, quarter)
            SELECT p.id, x.language, CASE WHEN x.language = p.original_language THEN 1 ELSE 0 END, COALESCE(\(quarter), '')
            FROM practices p
            JOIN practice_translations t ON t.practice_id = p.id AND t.language = p.original_language
            JOIN practice_translations x ON x.practice_id = p.id
            WHERE \(condition)p.status = 'published' AND \(complete)
            """
    }

    public func prepare(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let sqlite = sql.dialect.name == "sqlite"
        var statements = [
            """
            CREATE TABLE practice_coverage (
              practice_id \(sqlite ? "BLOB" : "UUID") NOT NULL, language VARCHAR(2) NOT NULL,
              original INTEGER NOT NULL, quarter VARCHAR(7) NOT NULL, PRIMARY KEY (practice_id, language))\(sqlite ? " WITHOUT ROWID" : "")
            """,
            // The counts by original, quarter and language read this index alone, in its order; on
            // SQLite a practice's rows live in their key's order (a filtered count looks them up).
            "CREATE INDEX practice_coverage_count_idx ON practice_coverage (original, quarter, language, practice_id)",
        ]
        if sqlite {
            statements += [
                "CREATE TRIGGER practice_coverage_ti AFTER INSERT ON practice_translations BEGIN \(Self.refresh("NEW.practice_id", sqlite: true)) END",
                "CREATE TRIGGER practice_coverage_tu AFTER UPDATE ON practice_translations BEGIN \(Self.refresh("NEW.practice_id", sqlite: true)) END",
                // The practice a translation leaves, only if it moves (an edit keeps its practice: one refresh).
                """
                CREATE TRIGGER practice_coverage_tm AFTER UPDATE OF practice_id ON practice_translations
                WHEN OLD.practice_id IS NOT NEW.practice_id BEGIN \(Self.refresh("OLD.practice_id", sqlite: true)) END
                """,
                "CREATE TRIGGER practice_coverage_td AFTER DELETE ON practice_translations BEGIN \(Self.refresh("OLD.practice_id", sqlite: true)) END",
                "CREATE TRIGGER practice_coverage_pi AFTER INSERT ON practices BEGIN \(Self.refresh("NEW.id", sqlite: true)) END",
                """
                CREATE TRIGGER practice_coverage_pu AFTER UPDATE OF status, original_language, published_at ON practices
                BEGIN \(Self.refresh("NEW.id", sqlite: true)) END
                """,
                "CREATE TRIGGER practice_coverage_pd AFTER DELETE ON practices BEGIN DELETE FROM practice_coverage WHERE practice_id = OLD.id; END",
            ]
        } else {
            statements += [
                "CREATE FUNCTION practice_coverage_refresh(pid UUID) RETURNS void LANGUAGE sql AS $$ \(Self.refresh("pid", sqlite: false)) $$",
                """
                CREATE FUNCTION practice_coverage_on_translation() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  -- An update refreshes the old practice too only if the translation moved.
                  IF TG_OP = 'DELETE' OR (TG_OP = 'UPDATE' AND OLD.practice_id <> NEW.practice_id) THEN
                    PERFORM practice_coverage_refresh(OLD.practice_id);
                  END IF;
                  IF TG_OP <> 'DELETE' THEN PERFORM practice_coverage_refresh(NEW.practice_id); END IF;
                  RETURN NULL;
                END $$
                """,
                """
                CREATE FUNCTION practice_coverage_on_practice() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'DELETE' THEN DELETE FROM practice_coverage WHERE practice_id = OLD.id;
                  ELSE PERFORM practice_coverage_refresh(NEW.id); END IF;
                  RETURN NULL;
                END $$
                """,
                """
                CREATE TRIGGER practice_coverage_translations AFTER INSERT OR UPDATE OR DELETE ON practice_translations
                FOR EACH ROW EXECUTE FUNCTION practice_coverage_on_translation()
                """,
                """
                CREATE TRIGGER practice_coverage_practices AFTER INSERT OR DELETE OR UPDATE OF status, original_language, published_at
                ON practices FOR EACH ROW EXECUTE FUNCTION practice_coverage_on_practice()
                """,
            ]
        }
        for statement in statements { try await sql.raw(SQLQueryString(stringLiteral: statement)).run() }
        // The practices already stored: every published one at once.
        try await sql.raw(SQLQueryString(stringLiteral: Self.rows(of: "", sqlite: sqlite))).run()
    }

    public func revert(on database: any Database) async throws {
        let sql = database as! any SQLDatabase
        let statements = sql.dialect.name == "sqlite"
            ? ["ti", "tu", "tm", "td", "pi", "pu", "pd"].map { "DROP TRIGGER practice_coverage_\($0)" }
            : ["DROP TRIGGER practice_coverage_practices ON practices",
               "DROP TRIGGER practice_coverage_translations ON practice_translations",
               "DROP FUNCTION practice_coverage_on_practice()", "DROP FUNCTION practice_coverage_on_translation()",
               "DROP FUNCTION practice_coverage_refresh(UUID)"]
        for statement in statements + ["DROP TABLE practice_coverage"] {
            try await sql.raw(SQLQueryString(stringLiteral: statement)).run()
        }
    }
}
