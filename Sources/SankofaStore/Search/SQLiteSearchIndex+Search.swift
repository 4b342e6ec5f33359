import Foundation
import SankofaCore

/// The search page on SQLite: the counts, the ranked candidates, the text of the page's hits.
/// The first two read only the FTS5 doclists and the rowids (language, kind, audience and record
/// are packed in the rowid, ``SearchRowID``); only the last reads `search_documents`, and only
/// for the twenty or so hits shown.
///
/// A word found in tens of thousands of documents would cost tens of milliseconds to count and
/// to rank exactly (bm25 reads each match's size), so past ``SearchLimits/scan`` matching
/// documents the search is bounded, as in the big engines (Elasticsearch counts to 10,000 by
/// default): counts stop at ``SearchLimits/count`` records and say "more than", and ranking
/// looks at the newest ``SearchLimits/candidates`` matches in the reader's language, then in
/// the others. Below that, counts and ranking are exact.
extension SQLiteSearchIndex {
    func search(_ request: SearchRequest, preferring language: Language) async throws -> SearchResults {
        // Tokenised once: the terms make the match expression and its phrases' counts.
        let terms = request.terms
        guard !terms.isEmpty else { return .empty }
        guard let reads else { throw SQLiteReadError(message: "the database was not registered with its search connections") }
        return try await reads.read { connection in
            try SQLiteSearch(connection: connection, request: request, terms: terms, language: language).run()
        }
    }
}

/// One search on one connection. The match expression is bound as `?1`, repeated where a
/// statement reads it twice, and the ranking statements' document counts as `?2` (a pointer,
/// ``SQLiteRankFunction``); everything else in the SQL is a code or a limit, so the statements'
/// texts repeat and their prepared forms are reused.
struct SQLiteSearch {
    let connection: SQLiteReadConnection
    let request: SearchRequest
    let language: Language
    let match: String
    let audience: String
    /// `[phrases, n₁, n₂, …]`: the documents holding each phrase of `match`, for the ranking
    /// (then each phrase's tier when the query was expanded).
    let counts: [Int64]
    /// The ranking, as `-bm25(search_fts, 10.0, 1.0)` scores (higher is better).
    static let score = "-\(SQLiteRankFunction.name)(search_fts, ?2)"

    init(connection: SQLiteReadConnection, request: SearchRequest, terms: [SearchTokens.Term], language: Language) throws {
        self.connection = connection
        self.request = request
        self.language = language
        let query = SQLiteSearchIndex.ftsQuery(terms)
        match = query.expression
        audience = SearchRowID.audienceFilter("rowid", request.audiences)
        let phrases = Int64(query.phrases.count), documents = try query.phrases.map(connection.documentCount)
        // With an expansion, the phrases' tiers follow their counts (``SQLiteRankFunction``).
        counts = query.flags.contains { $0 != 0 }
            ? [phrases | SQLiteRankFunction.withTiers] + documents + query.flags
            : [phrases] + documents
    }

    func run() throws -> SearchResults {
        let kindFilter = SearchRowID.kindFilter("rowid", request.kinds), languageFilter = SearchRowID.languageFilter("rowid", request.languages)
        // One language chosen is one rowid range, which FTS5 seeks to.
        let range = request.languages.count == 1 ? SearchRowID.rangeFilter("rowid", SearchRowID.range(request.languages[0])) : "1 = 1"
        let rankFilters = [audience, kindFilter, languageFilter, range].joined(separator: " AND ")
        let offset = (request.page - 1) * request.perPage
        let needed = offset + request.perPage
        var results = try exactCounts()
        // More matches than the scan reads: bounded counts and ranking.
        let bounded = !results.totalIsExact
        if bounded {
            results = try boundedCounts()
        }
        guard results.total > offset else { return results }

        let ranked: [RankedDocument]
        // A filtered search of a frequent word may still count few records: rank them all.
        if bounded && !(results.totalIsExact && results.total <= request.limits.scan) {
            let bounded = try boundedRankedRecords()
            ranked = bounded.ranked
            results.reachable = bounded.reachable
        } else {
            ranked = try rankedRecords(filters: rankFilters, needed: needed)
        }
        let page = Array(ranked.dropFirst(offset).prefix(request.perPage))
        guard !page.isEmpty else { return results }
        var byRowID: [Int64: SearchHit] = [:]
        try connection.forEachRow("""
            SELECT rowid, kind, record_id, slug, language, title, body FROM search_documents
            WHERE rowid IN (SELECT value FROM json_each(?1))
            """, [Self.list(page.map(\.rowid))]) { row in
            // The columns are NOT NULL and the record id a UUID; a row that is not is an error to
            // see, not a hit to drop.
            guard let recordID = row.text(2).flatMap(UUID.init(uuidString:)) else {
                throw SQLiteReadError(message: "search document \(row.int64(0)) has no valid record id")
            }
            byRowID[row.int64(0)] = SearchHit(
                kind: row.text(1).flatMap(SearchKind.init(rawValue:)) ?? .practice, recordID: recordID,
                slug: row.text(3) ?? "", language: row.text(4).flatMap(Language.init(rawValue:)) ?? .en,
                title: row.text(5) ?? "", body: row.text(6) ?? "", rank: 0)
        }
        results.hits = page.compactMap { best in byRowID[best.rowid].map { var hit = $0; hit.rank = best.score; return hit } }
        return results
    }

    /// The counts from the first ``SearchLimits/scan`` matching documents in rowid order: exact
    /// when there are no more (`totalIsExact`). The rowids are handed to Swift by
    /// ``SQLiteRowidCollector`` and counted here, with the filters read from their bits.
    /// A record found in two languages counts once in the total and once under each language.
    private func exactCounts() throws -> SearchResults {
        let scan = request.limits.scan
        let rowids = try connection.collectRowids("""
            SELECT \(SQLiteRowidCollector.name)(?2, r) FROM (
              SELECT rowid AS r FROM search_fts WHERE search_fts MATCH ?1 AND \(audience) ORDER BY rowid LIMIT \(scan + 1))
            """, [match])
        var results = SearchResults.empty
        guard rowids.count <= scan else {
            results.totalIsExact = false
            return results
        }
        let kindChosen = SearchRowID.kinds.map { request.kinds.isEmpty || request.kinds.contains($0) }
        let languageChosen = SearchRowID.languages.map { request.languages.isEmpty || request.languages.contains($0) }
        var kinds = [[Int64]](repeating: [], count: SearchRowID.kinds.count)
        var languages = [[Int64]](repeating: [], count: SearchRowID.languages.count)
        var total: [Int64] = []
        for rowid in rowids {
            guard let language = SearchRowID.languageCode(of: rowid) else { continue }
            let kind = SearchRowID.kindCode(of: rowid), block = SearchRowID.block(of: rowid)
            if languageChosen[language] { kinds[kind].append(block) }
            if kindChosen[kind] { languages[language].append(block) }
            if kindChosen[kind] && languageChosen[language] { total.append(block) }
        }
        results.total = Self.distinctCount(&total)
        for code in kinds.indices where !kinds[code].isEmpty {
            results.kinds[SearchRowID.kinds[code].rawValue] = Self.distinctCount(&kinds[code])
        }
        for code in languages.indices where !languages[code].isEmpty {
            results.languages[SearchRowID.languages[code].rawValue] = Self.distinctCount(&languages[code])
        }
        return results
    }

    /// How many different values `values` holds (sorted in place: cheaper than hashing each).
    static func distinctCount(_ values: inout [Int64]) -> Int {
        values.sort()
        var count = 0
        for index in values.indices where index == 0 || values[index] != values[index - 1] { count += 1 }
        return count
    }

    /// Counts past the scan limit, from one scan per language chosen (a rowid range), each
    /// reading at most ``SearchLimits/count`` + 1 documents. Within a language, rowids put the
    /// profiles, centres and courses before the practices, so a scan that stops short has
    /// counted every kind before the last one it reached; that kind and the languages whose scan
    /// stopped short say "at least" ("1,000+"). A kind's records are counted once however many
    /// of their translations match (distinct blocks).
    private func boundedCounts() throws -> SearchResults {
        let languages = request.languages.isEmpty ? SearchRowID.languages : request.languages
        let cap = request.limits.count
        let scans = languages.map { language in
            """
            SELECT * FROM (SELECT rowid AS r FROM search_fts
            WHERE search_fts MATCH ?1 AND \(SearchRowID.rangeFilter("rowid", SearchRowID.range(language)))
            AND \(audience) LIMIT \(cap + 1))
            """
        }
        // Each language's rowids, handed over in one statement; a rowid says its language.
        let rowids = try connection.collectRowids(
            "SELECT \(SQLiteRowidCollector.name)(?2, r) FROM (\(scans.joined(separator: " UNION ALL ")))", [match])
        var byLanguage = [[Int64]](repeating: [], count: SearchRowID.languages.count)
        for rowid in rowids {
            if let language = SearchRowID.languageCode(of: rowid) { byLanguage[language].append(rowid) }
        }
        var stoppedShort: Set<Language> = [], lastKind: [Language: SearchKind] = [:]
        var records: [Language: [SearchKind: Int]] = [:]
        var kindBlocks = [[Int64]](repeating: [], count: SearchRowID.kinds.count)
        for (code, rowids) in byLanguage.enumerated() where !rowids.isEmpty {
            let language = SearchRowID.languages[code]
            if rowids.count > cap { stoppedShort.insert(language) }
            var blocks = [[Int64]](repeating: [], count: SearchRowID.kinds.count)
            for rowid in rowids {
                let kind = SearchRowID.kindCode(of: rowid), block = SearchRowID.block(of: rowid)
                blocks[kind].append(block)
                kindBlocks[kind].append(block)
            }
            var counted: [SearchKind: Int] = [:]
            for kind in blocks.indices where !blocks[kind].isEmpty {
                counted[SearchRowID.kinds[kind]] = Self.distinctCount(&blocks[kind])
                lastKind[language] = SearchRowID.kinds[kind]
            }
            records[language] = counted
        }
        var kindRecords: [SearchKind: Int] = [:]
        for kind in kindBlocks.indices where !kindBlocks[kind].isEmpty {
            kindRecords[SearchRowID.kinds[kind]] = Self.distinctCount(&kindBlocks[kind])
        }
        // In rowid order a scan that stopped short counted whole every kind before the last it reached.
        return .bounded(records: records, kindRecords: kindRecords, stoppedShort: stoppedShort,
                        kindPartial: { kind in stoppedShort.contains { lastKind[$0] == kind } }, request)
    }

    /// Ranking past the scan limit: bm25 over the newest ``SearchLimits/candidates`` matching
    /// documents in the reader's language (one rowid range), then, when these hold fewer records
    /// than a page needs, as many more in the other languages chosen. One statement each, as
    /// bm25 reads the whole doclist once per statement (for the word's frequency); each returns
    /// only the best rows a page needs and how many records its candidates hold. Title hits
    /// rank first among the candidates, the title being weighted ten to one.
    private func boundedRankedRecords() throws -> (ranked: [RankedDocument], reachable: Int) {
        let kindFilter = SearchRowID.kindFilter("rowid", request.kinds)
        let needed = request.page * request.perPage
        let languages = request.languages.isEmpty ? SearchRowID.languages : request.languages
        // A record has at most one document per language and audience.
        let rowsNeeded = needed * request.audiences.count
        func candidates(_ filter: String) throws -> (documents: [RankedDocument], records: Int) {
            var records = 0
            let documents = try connection.rows("""
                WITH c AS MATERIALIZED (SELECT rowid AS r, \(Self.score) AS s FROM search_fts
                  WHERE search_fts MATCH ?1 AND \(filter) AND \(audience) AND \(kindFilter)
                  ORDER BY rowid DESC LIMIT \(request.limits.candidates))
                SELECT r, s, (SELECT COUNT(DISTINCT \(SearchRowID.blockSQL("r"))) FROM c) AS records FROM c
                ORDER BY s DESC, r DESC LIMIT \(rowsNeeded)
                """, [match], counts: counts) { row in
                records = Int(row.int64(2))
                return RankedDocument(rowid: row.int64(0), score: row.double(1))
            }
            return (documents, records)
        }
        // The reader's language first, then the others: page n's hits never depend on whether
        // page n + 1 needed the second statement.
        var groups: [[RankedDocument]] = []
        var reachable = 0
        if languages.contains(language) {
            let own = try candidates(SearchRowID.rangeFilter("rowid", SearchRowID.range(language)))
            groups.append(own.documents)
            reachable += own.records
        }
        let others = languages.filter { $0 != language }
        if reachable < needed && !others.isEmpty {
            let rest = try candidates(SearchRowID.languageFilter("rowid", others))
            groups.append(rest.documents)
            reachable += rest.records
        }
        // One document per record: its best-scoring, as the rows come best first (equal scores
        // by rowid, so that the order is the same whatever LIMIT cut it; slugs would need a read).
        var seen: Set<Int64> = []
        let ranked = groups.joined().filter { seen.insert(SearchRowID.block(of: $0.rowid)).inserted }
        // `reachable` may count twice a record whose translations are candidates in both groups:
        // a last page then has fewer hits than the others.
        return (ranked, max(ranked.count, reachable))
    }

    /// One matching document per record, ordered as the page shows them (score, then slug), at
    /// least `needed` of them when there are. bm25 is computed for every match (at most
    /// ``SearchLimits/scan`` here), but the sort keeps only the best `limit` rowids; when a tie
    /// could reach past them, the limit grows.
    private func rankedRecords(filters: String, needed: Int) throws -> [RankedDocument] {
        var limit = SQLiteSearchIndex.rankLimit(needed)
        while true {
            let rows = try connection.rows("""
                SELECT rowid AS r, \(Self.score) AS s FROM search_fts
                WHERE search_fts MATCH ?1 AND \(filters)
                ORDER BY s DESC LIMIT \(limit)
                """, [match], counts: counts) { RankedDocument(rowid: $0.int64(0), score: $0.double(1)) }
            var best: [Int64: RankedDocument] = [:]
            var order: [Int64] = []
            for candidate in rows {
                let block = SearchRowID.block(of: candidate.rowid)
                if let current = best[block] {
                    if candidate.isPreferred(over: current, language) { best[block] = candidate }
                } else {
                    best[block] = candidate
                    order.append(block)
                }
            }
            var records = order.map { best[$0]! }
            let complete = rows.count < limit
            // Records scoring above the lowest score read are exactly known; one at that score
            // may have a tie left beyond the limit.
            let lowest = records.last?.score ?? 0
            let known = complete ? records.count : records.filter { $0.score > lowest }.count
            if known >= needed || complete {
                records = complete ? records : records.filter { $0.score > lowest }
                return try withSlugOrder(records, needed: needed)
            }
            limit *= 4
        }
    }

    /// Equal scores are ordered by slug, as on PostgreSQL. Only the ties that reach into the
    /// first `needed` records change what pages show: only their slugs are read, and only those
    /// records are reordered (the rest keep their place, past what is shown).
    private func withSlugOrder(_ records: [RankedDocument], needed: Int) throws -> [RankedDocument] {
        var tied: [Range<Int>] = []
        var start = 0
        while start < min(needed, records.count) {
            var end = start + 1
            while end < records.count && records[end].score == records[start].score { end += 1 }
            if end - start > 1 { tied.append(start..<end) }
            start = end
        }
        guard !tied.isEmpty else { return records }
        var slugs: [Int64: String] = [:]
        try connection.forEachRow("""
            SELECT rowid, slug FROM search_documents
            WHERE rowid IN (SELECT value FROM json_each(?1))
            """, [Self.list(tied.flatMap { records[$0].map(\.rowid) })]) { slugs[$0.int64(0)] = $0.text(1) ?? "" }
        var ordered = records
        for group in tied {
            ordered[group].sort { (slugs[$0.rowid] ?? "") < (slugs[$1.rowid] ?? "") }
        }
        return ordered
    }

    /// Rowids as a JSON array, bound as one parameter: the statement's text stays the same
    /// whatever the rowids, so its prepared form is kept.
    static func list(_ rowids: [Int64]) -> String { "[" + rowids.map(String.init).joined(separator: ",") + "]" }
}

extension SQLiteSearchIndex {
    /// How many ranked rows the first read keeps: four a record the page needs, at least 80.
    static func rankLimit(_ needed: Int) -> Int { max(needed * 4, 80) }
}

/// A document's rowid and score, before its text is read.
struct RankedDocument: Sendable {
    var rowid: Int64
    var score: Double

    /// Within one record: the higher score, then the reader's language, then the language code.
    func isPreferred(over other: RankedDocument, _ reader: Language) -> Bool {
        if score != other.score { return score > other.score }
        guard let mine = SearchRowID(rowid), let theirs = SearchRowID(other.rowid) else { return false }
        if (mine.language == reader) != (theirs.language == reader) { return mine.language == reader }
        return mine.language.rawValue < theirs.language.rawValue
    }
}
