import FluentKit
import Foundation
import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing

/// Migrations started on two nodes at once run once (issue 22, "Several nodes on one
/// PostgreSQL"). Each "node" is a `Databases` of its own on one fresh database (SQLite: one
/// file; PostgreSQL: one new schema), as two `sankofa migrate` processes would have.
@Suite("Migration lock")
struct MigrationLockTests {
    /// Both migrators finish without an error, every migration is recorded exactly once, and
    /// between them they ran each once: the one that waited found nothing to do.
    @Test(arguments: TestEngine.all)
    func twoMigratorsAtOnceRunEachMigrationOnce(engine: TestEngine) async throws {
        try await withFreshDatabase(engine) { fresh in
            async let first = Self.migrate(fresh, SankofaMigrations.all)
            async let second = Self.migrate(fresh, SankofaMigrations.all)
            let (ranByFirst, ranBySecond) = try await (first, second)
            let expected = SankofaMigrations.all.map(\.name)
            #expect((ranByFirst + ranBySecond).sorted() == expected.sorted())
            #expect(ranByFirst.isEmpty || ranBySecond.isEmpty)
            let recorded = try await withDatabase(fresh.settings, searchPath: fresh.searchPath) { db in
                try await (db as! any SQLDatabase).raw("SELECT name FROM _fluent_migrations").all()
                    .map { try $0.decode(column: "name", as: String.self) }
            }
            #expect(recorded.sorted() == expected.sorted())
        }
    }

    /// The lock is held while its body runs (seen from another connection), and released when
    /// the body or a migration fails: the next migrator runs at once.
    @Test(arguments: TestEngine.all)
    func lockIsReleasedAfterAFailure(engine: TestEngine) async throws {
        try await withFreshDatabase(engine) { fresh in
            let seen = Seen()
            try await withDatabase(fresh.settings, searchPath: fresh.searchPath) { db in
                await #expect(throws: Boom.self) {
                    try await MigrationLock.holding(fresh.settings, on: db) {
                        await seen.set(try await fresh.isLocked())
                        throw Boom()
                    }
                }
            }
            #expect(await seen.value == true)
            #expect(try await fresh.isLocked() == false)

            await #expect(throws: Boom.self) { try await Self.migrate(fresh, [FailingMigration()]) }
            #expect(try await fresh.isLocked() == false)
            let ran = try await Self.migrate(fresh, SankofaMigrations.all)
            #expect(ran.count == SankofaMigrations.all.count)
        }
    }

    private static func migrate(_ fresh: FreshDatabase, _ list: [any Migration]) async throws -> [String] {
        try await withDatabase(fresh.settings, searchPath: fresh.searchPath) { db in
            let migrations = Migrations()
            migrations.add(list)
            let migrator = Migrator(databaseFactory: { _ in db }, migrations: migrations, on: db.eventLoop)
            return try await LockedMigrations.prepare(migrator, settings: fresh.settings, on: db)
        }
    }
}

private struct Boom: Error {}

private struct FailingMigration: AsyncMigration {
    var name: String { "MigrationLockTests.FailingMigration" }  // Fluent refuses a private type's default name
    func prepare(on database: any Database) async throws { throw Boom() }
    func revert(on database: any Database) async throws {}
}

private actor Seen {
    var value: Bool?
    func set(_ held: Bool) { value = held }
}

/// An empty database no test has migrated: a SQLite file in a folder of its own, or a new schema.
private struct FreshDatabase: Sendable {
    let settings: DatabaseSettings
    let searchPath: [String]?
    let schema: String?

    /// Whether some connection holds the migration lock now.
    func isLocked() async throws -> Bool {
        switch settings {
        case .sqliteFile(let path):
            return try FileLock(path: path + ".migrate.lock").isHeld()
        default:
            return try await withDatabase(settings, searchPath: searchPath) { db in
                // pg_locks shows a two-key advisory lock as classid, objid (as unsigned), objsubid 2.
                let row = try await (db as! any SQLDatabase).raw("""
                    SELECT count(*)::int AS held FROM pg_locks WHERE locktype = 'advisory' AND granted
                      AND objsubid = 2 AND classid = \(bind: Int64(MigrationLock.postgresClassID))::oid
                      AND objid = (hashtext(\(bind: schema ?? "public"))::bigint & 4294967295)::oid
                    """).first()
                return try row?.decode(column: "held", as: Int.self) ?? 0 > 0
            }
        }
    }
}

private func withFreshDatabase(_ engine: TestEngine, _ body: (FreshDatabase) async throws -> Void) async throws {
    try await PostgresTestSlots.run(engine) {
        switch engine {
        case .sqlite:
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("sankofa-lock-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: folder) }
            try await body(FreshDatabase(settings: .sqliteFile(folder.appendingPathComponent("db.sqlite").path), searchPath: nil, schema: nil))
        case .postgres:
            let schema = TestSchema()
            let (settings, searchPath) = try engine.settings(schema: schema)
            try await withDatabase(settings, searchPath: searchPath) { try await schema.create(on: $0) }
            do {
                try await body(FreshDatabase(settings: settings, searchPath: searchPath, schema: schema.name))
            } catch {
                try? await withDatabase(settings, searchPath: searchPath) { await schema.drop(on: $0) }
                throw error
            }
            try await withDatabase(settings, searchPath: searchPath) { await schema.drop(on: $0) }
        }
    }
}
