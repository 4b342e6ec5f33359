import FluentKit
import FluentSQLiteDriver
import Foundation

/// Fluent's SQLite configuration with the search connections (``SQLiteReadPool``) attached: a
/// database made from it carries them in `context.configuration`, so ``searchIndex(on:)``
/// finds them from any `Database`, and the driver closes them when Fluent shuts down. A
/// temporary file (`sqlite::memory:`) is removed then, with its journal.
struct SQLiteWithReads: DatabaseConfiguration {
    private var fluent: any DatabaseConfiguration
    let reads: SQLiteReadPool
    /// The catalogue's facet bitmaps of this file, read through `reads`.
    let practiceFacets = PracticeFacetBitmaps.Cache()
    let temporary: Bool

    init(path: String, temporary: Bool) {
        // Every Fluent statement of the process waits for the one connection (below), behind
        // whatever transaction holds it and, on a loaded machine, behind the shared thread pool:
        // a minute before a request gives up with a 503, not Fluent's 10 s (which the test
        // suite, forty suites at once on two cores, exceeded).
        fluent = DatabaseConfigurationFactory.sqlite(.file(path), connectionPoolTimeout: .seconds(60), sqlLogLevel: nil).make()
        reads = SQLiteReadPool(path: path)
        self.temporary = temporary
    }

    var middleware: [any AnyModelMiddleware] {
        get { fluent.middleware }
        set { fluent.middleware = newValue }
    }

    func makeDriver(for databases: Databases) -> any DatabaseDriver {
        Driver(fluent: fluent.makeDriver(for: databases), reads: reads, temporary: temporary, writer: databases.eventLoopGroup.next())
    }

    private struct Driver: DatabaseDriver {
        let fluent: any DatabaseDriver
        let reads: SQLiteReadPool
        let temporary: Bool
        /// The event loop whose pool every database made here takes its connection from.
        let writer: any EventLoop

        /// One connection for the whole process (the driver keeps one per event loop), waited
        /// for without holding a thread: SQLite lets one connection write at a time, and a
        /// transaction that has read and then writes while another connection has written
        /// since fails at once (SQLITE_BUSY, a snapshot too old for the busy handler to wait
        /// out): four members submitting at the same moment got two 500s every time.
        /// Searches do not wait for it: they read on their own connections (``SQLiteReadPool``).
        func makeDatabase(with context: DatabaseContext) -> any Database {
            fluent.makeDatabase(with: DatabaseContext(
                configuration: context.configuration, logger: context.logger, eventLoop: writer, history: context.history,
                pageSizeLimit: context.pageSizeLimit, shouldTrace: context.shouldTrace))
        }

        func shutdown() {
            reads.closeBlocking()
            fluent.shutdown()
            removeTemporaryFile()
        }

        func shutdownAsync() async {
            await reads.close()
            await fluent.shutdownAsync()
            removeTemporaryFile()
        }

        private func removeTemporaryFile() {
            guard temporary else { return }
            for suffix in ["", "-journal", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: reads.path + suffix) }
        }
    }
}

extension Database {
    /// The search connections of this database, when it is SQLite registered by ``DatabaseSettings``.
    var sqliteReads: SQLiteReadPool? { (context.configuration as? SQLiteWithReads)?.reads }
}
