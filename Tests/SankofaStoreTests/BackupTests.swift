import FluentKit
import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing

/// `sankofa backup` / `sankofa restore` (issue 22), on real files and real databases: SQLite
/// files in a folder of their own, PostgreSQL databases made for the test (a restore needs an
/// empty database, which a schema of the shared test database is not).
@Suite("Backup and restore")
struct BackupTests {
    /// A backup taken while practices are being written restores to a database whose exports
    /// hold everything acknowledged before the backup began, nothing not yet written when it
    /// ended, each record as it was; the directory and the exchanges, not written meanwhile,
    /// export identically.
    @Test(arguments: TestEngine.all)
    func backupUnderWritesRestoresWhatWasAcknowledged(engine: TestEngine) async throws {
        try await withScratch(engine) { scratch in
            let file = scratch.folder + "/under-load.backup"
            let (before, during, after) = try await withDatabase(scratch.source) { db in
                try await TestMigrations.apply(on: db)
                try await TestData.demo.load(on: db)
                _ = try await CooperationDemoData.load(from: Fixtures.demoFolder, on: db)
                let writer = Writer()
                let load = Task { try await writer.run(on: db) }
                try await writer.waitFor(5)
                let before = try await Exports.read(db)
                try await DatabaseBackup.backup(scratch.source, on: db, to: file)
                let after = try await Exports.read(db)
                await writer.stop()
                try await load.value
                return (before, await writer.count(), after)
            }
            #expect(during > 5)
            let restored = try await withDatabase(scratch.target) { db in
                try await DatabaseBackup.restore(scratch.target, on: db, from: file)
                return try await Exports.read(db)
            }
            #expect(Set(before.practices.keys).isSubset(of: restored.practices.keys))
            #expect(Set(restored.practices.keys).isSubset(of: after.practices.keys))
            #expect(restored.practices.count > before.practices.count - 1)
            for (slug, json) in restored.practices { #expect(json == after.practices[slug], "\(slug)") }
            #expect(restored.others == before.others)
            #expect(restored.others.allSatisfy { $0.count > 10 })
        }
    }

    /// A truncated file, a damaged one, an empty one and a text file are each refused with a
    /// message, and the empty database stays empty.
    @Test(arguments: TestEngine.all)
    func damagedFilesAreRefusedWritingNothing(engine: TestEngine) async throws {
        try await withScratch(engine) { scratch in
            let file = scratch.folder + "/good.backup"
            try await withDatabase(scratch.source) { db in
                try await TestMigrations.apply(on: db)
                try await TestData.demo.load(on: db)
                try await DatabaseBackup.backup(scratch.source, on: db, to: file)
            }
            let good = try Data(contentsOf: URL(fileURLWithPath: file))
            var damaged = good
            var random = SystemRandomNumberGenerator()
            for index in (good.count * 2 / 5)..<(good.count * 3 / 5) { damaged[index] = random.next() }
            let variants: [(String, Data)] = [
                ("truncated", good.prefix(good.count / 2)), ("truncated by one page", good.prefix(good.count - 4096)),
                ("damaged", damaged), ("empty", Data()), ("text", Data("not a backup\n".utf8)),
            ]
            try await withDatabase(scratch.target) { db in
                for (name, bytes) in variants {
                    let path = scratch.folder + "/\(name).backup"
                    try bytes.write(to: URL(fileURLWithPath: path))
                    let error = await #expect(throws: BackupFailure.self, "\(name)") {
                        try await DatabaseBackup.restore(scratch.target, on: db, from: path)
                    }
                    #expect(error?.message.isEmpty == false)
                    #expect(try await Exports.objectCount(db) == 0, "\(name): something was written")
                }
                // The good file restores into the same database afterwards.
                try await DatabaseBackup.restore(scratch.target, on: db, from: file)
                #expect(try await PracticeModel.query(on: db).count() == Fixtures.demo().count)
            }
            if case .sqliteFile(let path) = scratch.target {
                let leftovers = try FileManager.default.contentsOfDirectory(atPath: scratch.folder).filter { $0.hasPrefix(".") }
                #expect(leftovers.isEmpty, "temporary files left next to \(path): \(leftovers)")
            }
        }
    }

    /// A restore into a database that holds data is refused and changes nothing.
    @Test(arguments: TestEngine.all)
    func restoreIntoNonEmptyDatabaseIsRefused(engine: TestEngine) async throws {
        try await withScratch(engine) { scratch in
            let file = scratch.folder + "/small.backup"
            try await withDatabase(scratch.source) { db in
                try await TestMigrations.apply(on: db)
                try await TestData.records(Fixtures.small).load(on: db)
                try await DatabaseBackup.backup(scratch.source, on: db, to: file)
                try await PracticeModel.query(on: db).filter(\.$slug == "unpublished-idea").delete()
                let error = await #expect(throws: BackupFailure.self) {
                    try await DatabaseBackup.restore(scratch.source, on: db, from: file)
                }
                #expect(error?.message.contains("not empty") == true)
                #expect(try await PracticeModel.query(on: db).count() == Fixtures.small.count - 1)
            }
        }
    }
}

/// Counts the acknowledged writes of a load running beside a backup.
private actor Writer {
    private var written = 0
    private var stopped = false

    func run(on db: any Database) async throws {
        while !stopped {
            let slug = "under-load-\(written)"
            _ = try await PracticeImport.run([Fixtures.record(slug, countries: ["SN"], themes: [.youth], pillars: [.conditionsConducive],
                                                              maturity: .piloted, title: "Written during a backup \(written)")], on: db)
            written += 1
        }
    }

    func stop() { stopped = true }
    func count() -> Int { written }

    func waitFor(_ count: Int) async throws {
        while written < count { try await Task.sleep(for: .milliseconds(20)) }
    }
}

/// What `sankofa export` writes, read through the same store functions.
private enum Exports {
    struct Snapshot {
        /// Each practice's export, by slug.
        var practices: [String: String]
        /// Experts (staff audience: the whole records), centres, courses, exchanges.
        var others: [Data]
    }

    static func read(_ db: any Database) async throws -> Snapshot {
        let json = try PracticeExport.json(try await PracticeStore(database: db).allRecords(publishedOnly: false))
        let array = try #require(try JSONSerialization.jsonObject(with: json) as? [[String: Any]])
        var practices: [String: String] = [:]
        for record in array {
            let slug = try #require(record["slug"] as? String)
            practices[slug] = String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys]), as: UTF8.self)
        }
        var others: [Data] = []
        for kind in [DirectoryTransfer.Kind.experts, .centres, .courses] {
            others.append(try await DirectoryTransfer.exportJSON(kind, audience: .staff, on: db))
        }
        others.append(try await CooperationTransfer.exportJSON(on: db))
        return Snapshot(practices: practices, others: others)
    }

    /// Tables, views and sequences in the database (0: empty).
    static func objectCount(_ db: any Database) async throws -> Int {
        let sql = db as! any SQLDatabase
        let query: SQLQueryString = sql.dialect.name == "sqlite"
            ? "SELECT count(*) AS n FROM sqlite_master"
            : "SELECT count(*) AS n FROM pg_class c JOIN pg_namespace s ON s.oid = c.relnamespace WHERE s.nspname = 'public'"
        return try await sql.raw(query).first()?.decode(column: "n", as: Int.self) ?? -1
    }
}

/// A source and an empty target database of `engine`, and a folder for the files, removed afterwards.
private struct Scratch {
    var folder: String
    var source: DatabaseSettings
    var target: DatabaseSettings
}

private func withScratch(_ engine: TestEngine, _ body: (Scratch) async throws -> Void) async throws {
    let folder = NSTemporaryDirectory() + "sankofa-backup-\(UUID().uuidString.prefix(8))"
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    switch engine {
    case .sqlite:
        try await body(Scratch(folder: folder, source: .sqliteFile(folder + "/source.sqlite"), target: .sqliteFile(folder + "/target.sqlite")))
    case .postgres:
        try await PostgresTestSlots.run(engine) {
            let admin = try engine.settings(schema: TestSchema()).database
            guard case .postgres(let url) = admin else { return }
            let names = (0..<2).map { _ in "backup_" + UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(12) }
            func settings(_ name: String) -> DatabaseSettings {
                var components = URLComponents(url: url, resolvingAgainstBaseURL: false)!
                components.path = "/" + name
                return .postgres(components.url!)
            }
            try await withDatabase(admin) { db in
                for name in names { try await (db as! any SQLDatabase).raw("CREATE DATABASE \(unsafeRaw: name)").run() }
            }
            do {
                try await body(Scratch(folder: folder, source: settings(names[0]), target: settings(names[1])))
            } catch {
                try? await dropDatabases(names, admin)
                throw error
            }
            try await dropDatabases(names, admin)
        }
    }
}

private func dropDatabases(_ names: [String], _ admin: DatabaseSettings) async throws {
    try await withDatabase(admin) { db in
        for name in names { try await (db as! any SQLDatabase).raw("DROP DATABASE IF EXISTS \(unsafeRaw: name) WITH (FORCE)").run() }
    }
}
