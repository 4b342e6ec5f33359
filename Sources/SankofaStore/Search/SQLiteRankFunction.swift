import Foundation
import VaporCSQLite

/// `sankofa_bm25(search_fts, ?N)`, an FTS5 auxiliary function registered on the search
/// connections (``SQLiteReadConnection``): FTS5's own bm25 (k1 1.2, b 0.75, the title weighted
/// 10 to the body's 1), computing the same score, except that each phrase's document count
/// (the n of its IDF) is given by the caller, bound as a pointer to `[phrases, n₁, n₂, …]`
/// (Int64s, in the match expression's order), instead of being counted again in every statement.
///
/// Why: bm25 counts the documents of each phrase by reading the phrase's whole doclist on its
/// first call in a statement. For a frequent word or a two-letter prefix that is most of the
/// search (ranking 300 candidates of `ni*`: 1.6 ms with bm25, 0.08 ms without), and a query of
/// a frequent word and a rare one paid for the frequent one's doclist although few documents
/// hold both. The counts are kept by each connection until the next write
/// (``SQLiteReadConnection/documentCount(_:)``), as an engine keeps a term's document
/// frequency in its dictionary.
///
/// A query expanded with the thesaurus (``Thesaurus``) sets ``withTiers`` in the first number
/// and gives each phrase's tier after the counts (``SQLiteSearchIndex/FTSQuery``): a document
/// that holds none of an expanded run's own words, only another language's terms for it, gets
/// `-1 / (1 + bm25)`, below zero, so below every document matching the words as typed (bm25 is
/// above zero for a match) and still ordered by bm25 among its kind.
enum SQLiteRankFunction {
    static let name = "sankofa_bm25"
    static let titleWeight = 10.0, bodyWeight = 1.0
    /// Set in the phrase count when tiers follow the counts.
    static let withTiers: Int64 = 1 << 32

    /// SQLite keeps a pointer type by reference and compares it as a string on every use: each is
    /// allocated once and never written (hence safe to share across threads).
    nonisolated(unsafe) static let countsType: UnsafePointer<CChar> = UnsafePointer(strdup("sankofa_document_counts")!)
    nonisolated(unsafe) private static let apiType: UnsafePointer<CChar> = UnsafePointer(strdup("fts5_api_ptr")!)

    /// Registers the function on `handle` (FTS5's API is reached through `SELECT fts5(?1)`,
    /// which writes it where the bound pointer points, during the step). `sizes` is the
    /// connection's: it must live as long as the handle.
    static func register(on handle: OpaquePointer, sizes: SQLiteDocumentSizes) -> Bool {
        var statement: OpaquePointer?
        guard sqlite_nio_sqlite3_prepare_v2(handle, "SELECT fts5(?1)", -1, &statement, nil) == SQLITE_OK, let statement else { return false }
        defer { sqlite_nio_sqlite3_finalize(statement) }
        let slot = UnsafeMutablePointer<UnsafeMutablePointer<fts5_api>?>.allocate(capacity: 1)
        slot.initialize(to: nil)
        defer { slot.deallocate() }
        guard sqlite_nio_sqlite3_bind_pointer(statement, 1, slot, apiType, nil) == SQLITE_OK,
              sqlite_nio_sqlite3_step(statement) == SQLITE_ROW, let api = slot.pointee,
              let create = api.pointee.xCreateFunction else { return false }
        return create(api, name, Unmanaged.passUnretained(sizes).toOpaque(), rank, nil) == SQLITE_OK
    }

    /// One row's score, as `fts5Bm25Function` computes it, negated like bm25's (lower is better).
    private static let rank: fts5_extension_function = { pointer, context, result, count, values in
        guard let api = pointer?.pointee, let context, let result else { return }
        func fail(_ message: String) { sqlite_nio_sqlite3_result_error(result, message, -1) }
        guard count == 1, let values, let raw = sqlite_nio_sqlite3_value_pointer(values[0], countsType) else {
            return fail("\(name): the document counts are missing")
        }
        let given = raw.assumingMemoryBound(to: Int64.self)
        let phrases = Int(api.xPhraseCount!(context))
        // FTS5 drops a phrase its tokenizer finds no token in (a symbol that Swift counts as a
        // letter, such as 🅰): the counts given no longer line up, so they are counted here, as
        // bm25 does, once for the statement.
        let counts: UnsafePointer<Int64>
        var tiers: UnsafePointer<Int64>?
        if Int64(phrases) == given[0] & (withTiers - 1) {
            counts = UnsafePointer(given + 1)
            if given[0] & withTiers != 0 { tiers = UnsafePointer(given + 1 + phrases) }
        } else if let kept = countedByFTS5(api, context, phrases) {
            counts = kept
        } else {
            return fail("\(name): FTS5 could not count the phrases")
        }
        var rows: Int64 = 0, tokens: Int64 = 0, instances: Int32 = 0
        guard api.xRowCount!(context, &rows) == SQLITE_OK, api.xColumnTotalSize!(context, -1, &tokens) == SQLITE_OK,
              api.xInstCount!(context, &instances) == SQLITE_OK, rows > 0,
              let size = documentSize(api, context) else {
            return fail("\(name): FTS5 could not say the sizes")
        }
        let averageLength = Double(tokens) / Double(rows), length = Double(size)
        let k1 = 1.2, b = 0.75
        withUnsafeTemporaryAllocation(of: Double.self, capacity: max(phrases, 1)) { frequency in
            frequency.initialize(repeating: 0)
            for index in 0..<instances {
                var phrase: Int32 = 0, column: Int32 = 0, offset: Int32 = 0
                guard api.xInst!(context, index, &phrase, &column, &offset) == SQLITE_OK else { return fail("\(name): xInst failed") }
                frequency[Int(phrase)] += column == 0 ? titleWeight : bodyWeight
            }
            var score = 0.0
            for phrase in 0..<phrases {
                let hits = Double(counts[phrase])
                var idf = log((Double(rows) - hits + 0.5) / (hits + 0.5))
                if idf <= 0 { idf = 1e-6 }
                score += idf * ((frequency[phrase] * (k1 + 1.0)) / (frequency[phrase] + k1 * (1 - b + b * length / averageLength)))
            }
            if let tiers, onlyAlternatives(tiers, frequency, phrases) { score = -1 / (1 + score) }
            sqlite_nio_sqlite3_result_double(result, -1.0 * score)
        }
    }

    /// Whether some expanded run (tier `g`) has none of its own phrases in the row, only its
    /// alternatives' (tier `-g`).
    private static func onlyAlternatives(_ tiers: UnsafePointer<Int64>, _ frequency: UnsafeMutableBufferPointer<Double>, _ phrases: Int) -> Bool {
        var expanded: Set<Int64> = [], found: Set<Int64> = []
        for phrase in 0..<phrases where tiers[phrase] > 0 {
            expanded.insert(tiers[phrase])
            if frequency[phrase] > 0 { found.insert(tiers[phrase]) }
        }
        return expanded != found
    }

    /// The row's length in tokens (all columns), from the connection's ``SQLiteDocumentSizes``
    /// when it has read it before: FTS5 reads it from a b-tree (`search_fts_docsize`) for every
    /// row ranked, a tenth of a search's time.
    private static func documentSize(_ api: Fts5ExtensionApi, _ context: OpaquePointer) -> Int32? {
        let rowid = api.xRowid!(context)
        let sizes = api.xUserData!(context).map { Unmanaged<SQLiteDocumentSizes>.fromOpaque($0).takeUnretainedValue() }
        if let known = sizes?.size(of: rowid) { return known }
        var size: Int32 = 0
        guard api.xColumnSize!(context, -1, &size) == SQLITE_OK else { return nil }
        sizes?.keep(size, of: rowid)
        return size
    }

    /// Each phrase's documents counted by FTS5 (`xQueryPhrase`), kept with the statement's
    /// cursor (`xSetAuxdata`) for its next rows.
    private static func countedByFTS5(_ api: Fts5ExtensionApi, _ context: OpaquePointer, _ phrases: Int) -> UnsafePointer<Int64>? {
        if let kept = api.xGetAuxdata!(context, 0) { return UnsafePointer(kept.assumingMemoryBound(to: Int64.self)) }
        guard let memory = sqlite_nio_sqlite3_malloc64(UInt64(max(phrases, 1) * MemoryLayout<Int64>.size)) else { return nil }
        let counts = memory.bindMemory(to: Int64.self, capacity: max(phrases, 1))
        for phrase in 0..<phrases {
            var hits: Int64 = 0
            guard api.xQueryPhrase!(context, Int32(phrase), &hits, countRow) == SQLITE_OK else {
                sqlite_nio_sqlite3_free(memory)
                return nil
            }
            counts[phrase] = hits
        }
        guard api.xSetAuxdata!(context, memory, sqlite_nio_sqlite3_free) == SQLITE_OK else { return nil }
        return UnsafePointer(counts)
    }

    private static let countRow: @convention(c) (UnsafePointer<Fts5ExtensionApi>?, OpaquePointer?, UnsafeMutableRawPointer?) -> Int32 = { _, _, hits in
        hits?.assumingMemoryBound(to: Int64.self).pointee += 1
        return SQLITE_OK
    }
}

/// Documents' lengths in tokens by rowid, as ``SQLiteRankFunction`` has read them, for one
/// connection (one thread at a time, no lock). Valid while no other connection has written: the
/// connection empties it when `PRAGMA data_version` changes, as it does its phrase counts.
/// At most ``limit`` rowids (about 5 MB); past that it starts again.
final class SQLiteDocumentSizes: @unchecked Sendable {
    static let limit = 1 << 18
    private var sizes: [Int64: Int32] = [:]

    func size(of rowid: Int64) -> Int32? { sizes[rowid] }

    func keep(_ size: Int32, of rowid: Int64) {
        if sizes.count >= Self.limit { sizes = [:] }
        sizes[rowid] = size
    }

    func removeAll() { sizes = [:] }
}
