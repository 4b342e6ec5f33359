import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOPosix
// sqlite-nio's own copy of SQLite (symbols prefixed `sqlite_nio_`), the one Fluent's connections
// use: two copies of SQLite in one process would not see each other's POSIX locks on the file.
import VaporCSQLite

/// Read-only connections to the SQLite file, kept by the process for the searches, which run
/// each as one job on the thread pool: a search's statements go straight to the C API, prepared
/// once per connection and kept (``SQLiteReadConnection``), inside one read transaction.
///
/// Through sqlite-nio each statement was a round trip from the event loop to the thread pool
/// and back, parsed and planned again, its rows built as dictionaries of enums and decoded
/// through `Decodable`: in the search benchmark that overhead was 1.3 ms of a median search's
/// 1.6 ms, the SQL itself 0.3 ms. Writes stay with Fluent. A search sees what is committed
/// (never a writing transaction's own uncommitted rows), which is what its callers need.
///
/// The searches have threads of their own (one a core; a search is CPU work): on Vapor's thread
/// pool, which Fluent's SQLite connections and password hashing share, searches held for their
/// whole length could leave a writer's statements waiting for a thread.
public final class SQLiteReadPool: Sendable {
    public let path: String
    private let threadPool: NIOThreadPool
    private let state = NIOLockedValueBox(State())

    private struct State {
        var idle: [SQLiteReadConnection] = []
        var closed = false
    }

    /// `path` is the database file's, made absolute here as Fluent makes it. No connection opens
    /// until the first read.
    public init(path: String, threads: Int = System.coreCount) {
        self.path = URL(fileURLWithPath: path).standardizedFileURL.path
        threadPool = NIOThreadPool(numberOfThreads: max(1, threads))
        threadPool.start()
    }

    /// Runs `body` on a thread of the pool with an idle connection (opened when none is), in one
    /// read transaction: every statement sees the same committed state. The connection is
    /// `body`'s only while it runs: it must not keep it.
    func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteReadConnection) throws -> T) async throws -> T {
        guard !state.withLockedValue(\.closed) else { throw SQLiteReadError(message: "the search connections are closed") }
        return try await threadPool.runIfActive {
            let connection = try self.checkOut()
            do {
                let result = try connection.inReadTransaction { try body(connection) }
                self.checkIn(connection)
                return result
            } catch {
                // A connection that failed is closed rather than reused: it may hold a half-read state.
                connection.close()
                throw error
            }
        }
    }

    /// Runs `body` as ``read(_:)`` does, but on a connection opened for it and closed after,
    /// with SQLite's small default page cache: for a scan of tables and indexes read once (the
    /// catalogue's bitmaps, 180 MB at 100,000 practices), which would fill a kept connection's
    /// 16 MB cache with pages no search needs.
    func readOnce<T: Sendable>(_ body: @escaping @Sendable (SQLiteReadConnection) throws -> T) async throws -> T {
        guard !state.withLockedValue(\.closed) else { throw SQLiteReadError(message: "the search connections are closed") }
        return try await threadPool.runIfActive {
            let connection = try SQLiteReadConnection(path: self.path, kept: false)
            defer { connection.close() }
            return try connection.inReadTransaction { try body(connection) }
        }
    }

    /// Closes every idle connection and stops the threads once the reads still running (which
    /// close their connections) have ended.
    public func close() async {
        closeIdle()
        try? await threadPool.shutdownGracefully()
    }

    /// ``close()`` for a caller that cannot wait asynchronously (Fluent's blocking shutdown).
    public func closeBlocking() {
        closeIdle()
        try? threadPool.syncShutdownGracefully()
    }

    private func closeIdle() {
        let idle = state.withLockedValue { state -> [SQLiteReadConnection] in
            state.closed = true
            defer { state.idle = [] }
            return state.idle
        }
        idle.forEach { $0.close() }
    }

    /// How many connections are open and idle (tests).
    var idleCount: Int { state.withLockedValue { $0.idle.count } }

    private func checkOut() throws -> SQLiteReadConnection {
        let reused = try state.withLockedValue { state -> SQLiteReadConnection? in
            guard !state.closed else { throw SQLiteReadError(message: "the search connections are closed") }
            return state.idle.popLast()
        }
        return try reused ?? SQLiteReadConnection(path: path)
    }

    private func checkIn(_ connection: SQLiteReadConnection) {
        let keep = state.withLockedValue { state -> Bool in
            guard !state.closed else { return false }
            state.idle.append(connection)
            return true
        }
        if !keep { connection.close() }
    }
}

public struct SQLiteReadError: Error, CustomStringConvertible {
    public var message: String
    public var description: String { "SQLite (search connection): \(message)" }
}

/// One read-only connection with its prepared statements, used by one thread at a time: the pool
/// hands it to one job under its lock and takes it back under it (hence `@unchecked Sendable`,
/// needed to keep it in the lock), and a job does not keep it. No locking of its own.
final class SQLiteReadConnection: @unchecked Sendable {
    private var handle: OpaquePointer?
    /// Prepared statements by their SQL. The searches' SQL holds only codes and limits as
    /// literals, so a few dozen texts cover every search; past ``statementLimit`` all are dropped.
    private var statements: [String: OpaquePointer] = [:]
    static let statementLimit = 64
    /// A statement is stepping: a nested `forEachRow` would reset it, or finalise it when the
    /// cache is full, under the running loop. No caller nests; this keeps it so.
    private var stepping = false
    /// Documents holding each phrase (``SQLiteRankFunction``), valid while no other connection
    /// has written: `PRAGMA data_version` changes when one has.
    private var documentCounts: [String: Int64] = [:]
    private var documentCountBytes = 0
    /// Documents' lengths, for the ranking; emptied with the counts.
    let documentSizes = SQLiteDocumentSizes()
    private var dataVersion: Int64 = -1

    /// `kept`: a connection the pool keeps for the searches, with a page cache of 16 MB; one for a
    /// single read (``SQLiteReadPool/readOnce(_:)``) has SQLite's default 2 MB.
    init(path: String, kept: Bool = true) throws {
        var handle: OpaquePointer?
        let flags = SQLITE_OPEN_READONLY | SQLITE_OPEN_NOMUTEX | SQLITE_OPEN_EXRESCODE
        let status = sqlite_nio_sqlite3_open_v2(path, &handle, flags, nil)
        guard status == SQLITE_OK, let handle else {
            let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "cannot open"
            sqlite_nio_sqlite3_close_v2(handle)
            throw SQLiteReadError(message: "\(message) (\(status))")
        }
        self.handle = handle
        // A writer holding the lock (rollback journal, as for `sqlite::memory:`'s temporary file;
        // in WAL mode readers do not wait) makes a read wait rather than fail.
        sqlite_nio_sqlite3_busy_timeout(handle, 5_000)
        // Pages are read with read() into SQLite's page cache (the process's own memory, bounded
        // by `cache_size`) and the kernel's (shared, dropped at will), not through a memory map:
        // a map is per connection and every page it had touched stayed resident in the process,
        // once per connection (at 100,000 practices: 357 MB after one read of the catalogue's
        // bitmaps, 170 MB after a sweep of searches). Searches lose a little to pread under load.
        try execute("PRAGMA mmap_size = 0")
        if kept { try execute("PRAGMA cache_size = -16384") }
        guard SQLiteRankFunction.register(on: handle, sizes: documentSizes), SQLiteRowidCollector.register(on: handle) else { throw failure(SQLITE_ERROR) }
    }

    deinit { close() }

    /// Finalises the statements and closes the handle; safe to call twice.
    func close() {
        for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
        statements = [:]
        if let handle { sqlite_nio_sqlite3_close_v2(handle) }
        handle = nil
    }

    func inReadTransaction<T>(_ body: () throws -> T) throws -> T {
        try execute("BEGIN")
        do {
            // The read starts here, so the counts kept are checked against this read's state.
            var version: Int64 = 0
            try forEachRow("PRAGMA data_version", []) { version = $0.int64(0) }
            if version != dataVersion {
                documentCounts = [:]
                documentCountBytes = 0
                documentSizes.removeAll()
                dataVersion = version
            }
            let result = try body()
            try execute("COMMIT")
            return result
        } catch {
            try? execute("ROLLBACK")
            throw error
        }
    }

    private func execute(_ sql: String) throws {
        try forEachRow(sql, []) { _ in }
    }

    /// The number of documents matching `phrase` (an FTS5 phrase, `"word"` or `"word"*`), kept
    /// until another connection writes.
    func documentCount(_ phrase: String) throws -> Int64 {
        if let count = documentCounts[phrase] { return count }
        var count: Int64 = 0
        try forEachRow("SELECT count(*) FROM search_fts WHERE search_fts MATCH ?1", [phrase]) { count = $0.int64(0) }
        // At most 1 MB of phrases a connection (a query may be 500 characters of one word).
        if documentCountBytes + phrase.utf8.count > 1 << 20 {
            documentCounts = [:]
            documentCountBytes = 0
        }
        documentCounts[phrase] = count
        documentCountBytes += phrase.utf8.count + 16
        return count
    }

    /// Runs `sql` with `parameters` bound as text to `?1`, `?2`…, and `counts` (when given) as
    /// the pointer ``SQLiteRankFunction`` reads, after them, calling `row` for each result row.
    /// The statement is reset before returning, so that it holds no read lock afterwards.
    func forEachRow(_ sql: String, _ parameters: [String], counts: [Int64]? = nil, _ row: (SQLiteReadRow) throws -> Void) throws {
        guard let counts else { return try run(sql, parameters, pointer: nil, row) }
        // The pointer is valid while the buffer is: the whole run stays inside this closure.
        try counts.withUnsafeBufferPointer { buffer in
            try run(sql, parameters, pointer: (UnsafeMutableRawPointer(mutating: buffer.baseAddress), SQLiteRankFunction.countsType), row)
        }
    }

    /// The integers `sql` hands to ``SQLiteRowidCollector`` (`sankofa_rowids(?N, …)`, `?N` being
    /// the parameter after `parameters`), in the order it hands them.
    func collectRowids(_ sql: String, _ parameters: [String]) throws -> [Int64] {
        var rowids: [Int64] = []
        try withUnsafeMutablePointer(to: &rowids) { buffer in
            try run(sql, parameters, pointer: (UnsafeMutableRawPointer(buffer), SQLiteRowidCollector.bufferType)) { _ in }
        }
        return rowids
    }

    /// Binds the texts, then `pointer` (with its type) after them, and steps to the end.
    private func run(_ sql: String, _ parameters: [String], pointer: (UnsafeMutableRawPointer?, UnsafePointer<CChar>)?,
                     _ row: (SQLiteReadRow) throws -> Void) throws {
        precondition(!stepping, "forEachRow called from inside a row callback")
        let statement = try prepared(sql)
        stepping = true
        defer {
            sqlite_nio_sqlite3_reset(statement)
            sqlite_nio_sqlite3_clear_bindings(statement)
            stepping = false
        }
        for (index, parameter) in parameters.enumerated() {
            // With its length: a NUL byte inside the text does not cut it short.
            var text = parameter
            let status = text.withUTF8 {
                sqlite_nio_sqlite3_bind_text(statement, Int32(index + 1), $0.baseAddress.map { UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self) },
                                             Int32($0.count), SQLITE_TRANSIENT)
            }
            guard status == SQLITE_OK else { throw failure(status) }
        }
        if let (address, type) = pointer {
            let status = sqlite_nio_sqlite3_bind_pointer(statement, Int32(parameters.count + 1), address, type, nil)
            guard status == SQLITE_OK else { throw failure(status) }
        }
        while true {
            let status = sqlite_nio_sqlite3_step(statement)
            if status == SQLITE_DONE { return }
            guard status == SQLITE_ROW else { throw failure(status) }
            try row(SQLiteReadRow(statement: statement))
        }
    }

    /// The rows of `sql`, each turned into a value by `make`.
    func rows<T>(_ sql: String, _ parameters: [String] = [], counts: [Int64]? = nil, _ make: (SQLiteReadRow) throws -> T) throws -> [T] {
        var values: [T] = []
        try forEachRow(sql, parameters, counts: counts) { values.append(try make($0)) }
        return values
    }

    private func prepared(_ sql: String) throws -> OpaquePointer {
        if let statement = statements[sql] { return statement }
        guard let handle else { throw SQLiteReadError(message: "the connection is closed") }
        if statements.count >= Self.statementLimit {
            for statement in statements.values { sqlite_nio_sqlite3_finalize(statement) }
            statements = [:]
        }
        var statement: OpaquePointer?
        let status = sqlite_nio_sqlite3_prepare_v3(handle, sql, -1, UInt32(SQLITE_PREPARE_PERSISTENT), &statement, nil)
        guard status == SQLITE_OK, let statement else { throw failure(status) }
        statements[sql] = statement
        return statement
    }

    private func failure(_ status: Int32) -> SQLiteReadError {
        let message = handle.map { String(cString: sqlite_nio_sqlite3_errmsg($0)) } ?? "closed"
        return SQLiteReadError(message: "\(message) (\(status))")
    }
}

/// The current row of a statement, valid only inside the callback that receives it.
struct SQLiteReadRow {
    fileprivate let statement: OpaquePointer

    func int64(_ column: Int32) -> Int64 { sqlite_nio_sqlite3_column_int64(statement, column) }
    func double(_ column: Int32) -> Double { sqlite_nio_sqlite3_column_double(statement, column) }

    /// The column as a UUID, read from its text (sqlite-nio stores a UUID as its 36 characters)
    /// without making a String of it; nil when it is NULL or not a UUID. The catalogue's bitmaps
    /// read 900,000 of them at 100,000 practices: a String each left the heap fragmented.
    func uuid(_ column: Int32) -> UUID? {
        guard sqlite_nio_sqlite3_column_bytes(statement, column) == 36, let text = sqlite_nio_sqlite3_column_text(statement, column) else { return nil }
        var uuid: uuid_t = (0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0)
        var index = 0, high = true
        let parsed = withUnsafeMutableBytes(of: &uuid) { bytes -> Bool in
            for offset in 0..<36 {
                let c = text[offset]
                if offset == 8 || offset == 13 || offset == 18 || offset == 23 {
                    guard c == UInt8(ascii: "-") else { return false }
                    continue
                }
                let nibble: UInt8
                switch c {
                case UInt8(ascii: "0")...UInt8(ascii: "9"): nibble = c - UInt8(ascii: "0")
                case UInt8(ascii: "a")...UInt8(ascii: "f"): nibble = c - UInt8(ascii: "a") + 10
                case UInt8(ascii: "A")...UInt8(ascii: "F"): nibble = c - UInt8(ascii: "A") + 10
                default: return false
                }
                if high { bytes[index] = nibble << 4 } else { bytes[index] |= nibble; index += 1 }
                high.toggle()
            }
            return true
        }
        return parsed ? UUID(uuid: uuid) : nil
    }

    /// The column as text (UTF-8 repaired if it is not valid), nil when it is NULL.
    func text(_ column: Int32) -> String? {
        guard let bytes = sqlite_nio_sqlite3_column_text(statement, column) else { return nil }
        let count = Int(sqlite_nio_sqlite3_column_bytes(statement, column))
        return String(decoding: UnsafeBufferPointer(start: bytes, count: count), as: UTF8.self)
    }
}

private let SQLITE_TRANSIENT = unsafeBitCast(-1, to: sqlite3_destructor_type.self)
