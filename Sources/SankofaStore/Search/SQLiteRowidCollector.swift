import Foundation
import VaporCSQLite

/// `sankofa_rowids(?N, rowid)`, an aggregate function registered on the search connections
/// (``SQLiteReadConnection``): it appends each row's integer to the Swift array `?N` points to
/// (bound by ``SQLiteReadConnection/collectRowids(_:_:)``) and returns how many it appended.
///
/// Why: the counts read up to a few thousand matching rowids a search. Stepping a statement once
/// a rowid, or joining them with `group_concat` into a text parsed back here (what this
/// replaces), cost more than FTS5 reading them: each rowid was written as up to 19 digits, and
/// the exact count's first scan was kept in a temporary b-tree to be read twice.
enum SQLiteRowidCollector {
    static let name = "sankofa_rowids"

    /// SQLite compares a pointer's type as a string on every use: allocated once, never written.
    nonisolated(unsafe) static let bufferType: UnsafePointer<CChar> = UnsafePointer(strdup("sankofa_rowid_buffer")!)

    static func register(on handle: OpaquePointer) -> Bool {
        // Not deterministic: it writes outside SQLite, so it must run for every row. Direct only:
        // never called from a view or a trigger of the database file.
        sqlite_nio_sqlite3_create_function_v2(handle, name, 2, SQLITE_UTF8 | SQLITE_DIRECTONLY, nil, nil, step, final, nil) == SQLITE_OK
    }

    private static let step: @convention(c) (OpaquePointer?, Int32, UnsafeMutablePointer<OpaquePointer?>?) -> Void = { context, count, values in
        guard count == 2, let values,
              let buffer = sqlite_nio_sqlite3_value_pointer(values[0], bufferType)?.assumingMemoryBound(to: [Int64].self) else {
            return sqlite_nio_sqlite3_result_error(context, "\(name): the buffer is missing", -1)
        }
        buffer.pointee.append(sqlite_nio_sqlite3_value_int64(values[1]))
        // The aggregate's own state is only a count of the rows it saw (for its result).
        if let seen = sqlite_nio_sqlite3_aggregate_context(context, Int32(MemoryLayout<Int64>.size))?.assumingMemoryBound(to: Int64.self) {
            seen.pointee += 1
        }
    }

    private static let final: @convention(c) (OpaquePointer?) -> Void = { context in
        let seen = sqlite_nio_sqlite3_aggregate_context(context, 0)?.assumingMemoryBound(to: Int64.self).pointee ?? 0
        sqlite_nio_sqlite3_result_int64(context, seen)
    }
}
