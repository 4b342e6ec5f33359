import Foundation
import SankofaCore
import SQLKit

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
        let terms = request.terms
        guard !terms.isEmpty else { return .empty }
        let match = Self.matchExpression(terms)
        let audience = SearchRowID.audienceFilter("rowid", request.audiences)
        let kindFilter = SearchRowID.kindFilter("rowid", request.kinds), languageFilter = SearchRowID.languageFilter("rowid", request.languages)

        // One language chosen is one rowid range, which FTS5 seeks to.
        let range = request.languages.count == 1 ? SearchRowID.rangeFilter("rowid", SearchRowID.range(request.languages[0])) : "1 = 1"
        let rankFilters = [audience, kindFilter, languageFilter, range].joined(separator: " AND ")
        let offset = (request.page - 1) * request.perPage
        let needed = offset + request.perPage
        var (results, firstRanked) = try await exactCounts(match: match, audience: audience, request,
                                                           rankFilters: rankFilters, rankLimit: Self.rankLimit(needed))
        // More matches than the scan reads: bounded counts and ranking.
        let bounded = !results.totalIsExact
        if bounded {
            results = try await boundedCounts(match: match, audience: audience, request)
        }
        guard results.total > offset else { return results }

        let ranked: [RankedDocument]
        // A filtered search of a frequent word may still count few records: rank them all.
        if bounded && !(results.totalIsExact && results.total <= request.limits.scan) {
            let bounded = try await boundedRankedRecords(match: match, audience: audience, request, preferring: language)
            ranked = bounded.ranked
            results.reachable = bounded.reachable
        } else {
            ranked = try await rankedRecords(match: match, filters: rankFilters, needed: needed, preferring: language,
                                             first: bounded ? nil : firstRanked)
        }
        let page = Array(ranked.dropFirst(offset).prefix(request.perPage))
        guard !page.isEmpty else { return results }
        let rows = try await sql.raw("""
            SELECT rowid, kind, record_id, slug, language, title, body FROM search_documents
            WHERE rowid IN (\(unsafeRaw: page.map { String($0.rowid) }.joined(separator: ", ")))
            """).all()
        var byRowID: [Int64: SearchHit] = [:]
        for row in rows { byRowID[try row.decode(column: "rowid", as: Int64.self)] = try Self.hit(row, rank: 0) }
        results.hits = page.compactMap { best in byRowID[best.rowid].map { var hit = $0; hit.rank = best.score; return hit } }
        return results
    }

    /// The counts from the first ``SearchLimits/scan`` matching documents in rowid order: exact
    /// when there are no more (`totalIsExact`). The rowids come back as one text (group_concat)
    /// and are counted here: one row to decode instead of one per match. The same statement
    /// ranks the matches (``rankedRecords``' first read) when there are no more than the scan
    /// limit, and otherwise matches nothing for the ranking: its MATCH becomes a private-use
    /// character, which no token holds (a rowid guard left FTS5 reading the doclists).
    /// A record found in two languages counts once in the total and once under each language.
    private func exactCounts(match: String, audience: String, _ request: SearchRequest, rankFilters: String, rankLimit: Int)
        async throws -> (SearchResults, [RankedDocument])
    {
        let scan = request.limits.scan
        // The first and only bound parameter is `?1` (SQLiteDialect's placeholder), repeated.
        let rows = try await sql.raw("""
            WITH p AS MATERIALIZED (
              SELECT rowid AS r FROM search_fts WHERE search_fts MATCH \(bind: match) AND \(unsafeRaw: audience)
              ORDER BY rowid LIMIT \(literal: scan + 1))
            SELECT 0 AS part, (SELECT group_concat(r) FROM p) AS rowids, 0 AS r, 0.0 AS s
            UNION ALL
            SELECT 1, NULL, r, s FROM (SELECT rowid AS r, -bm25(search_fts, 10.0, 1.0) AS s FROM search_fts
              WHERE search_fts MATCH (CASE WHEN (SELECT COUNT(*) FROM p) <= \(literal: scan) THEN ?1 ELSE '"\u{E000}"' END)
              AND \(unsafeRaw: rankFilters) ORDER BY s DESC LIMIT \(literal: rankLimit))
            """).all()
        var rowids: [Int64] = []
        var ranked: [RankedDocument] = []
        for row in rows {
            if try row.decode(column: "part", as: Int.self) == 0 {
                rowids = Self.integers(try row.decode(column: "rowids", as: String?.self))
            } else {
                ranked.append(RankedDocument(rowid: try row.decode(column: "r", as: Int64.self), score: try row.decode(column: "s", as: Double.self)))
            }
        }
        var results = SearchResults.empty
        guard rowids.count <= scan else {
            results.totalIsExact = false
            return (results, [])
        }
        var kinds: [SearchKind: Set<Int64>] = [:], languages: [Language: Set<Int64>] = [:], total: Set<Int64> = []
        for rowid in rowids {
            guard let id = SearchRowID(rowid) else { continue }
            let kindChosen = request.kinds.isEmpty || request.kinds.contains(id.kind)
            let languageChosen = request.languages.isEmpty || request.languages.contains(id.language)
            if languageChosen { kinds[id.kind, default: []].insert(id.block) }
            if kindChosen { languages[id.language, default: []].insert(id.block) }
            if kindChosen && languageChosen { total.insert(id.block) }
        }
        results.total = total.count
        results.kinds = Dictionary(uniqueKeysWithValues: kinds.map { ($0.key.rawValue, $0.value.count) })
        results.languages = Dictionary(uniqueKeysWithValues: languages.map { ($0.key.rawValue, $0.value.count) })
        return (results, ranked)
    }

    /// The integers of a comma-separated list (group_concat's), read byte by byte.
    static func integers(_ list: String?) -> [Int64] {
        guard let list else { return [] }
        var values: [Int64] = []
        var current: Int64 = 0
        var digits = false
        for byte in list.utf8 {
            if byte >= 0x30 && byte <= 0x39 {
                current = current &* 10 &+ Int64(byte - 0x30)
                digits = true
            } else {
                if digits { values.append(current) }
                current = 0
                digits = false
            }
        }
        if digits { values.append(current) }
        return values
    }

    /// Counts past the scan limit, from one scan per language chosen (a rowid range), each
    /// reading at most ``SearchLimits/count`` + 1 documents. Within a language, rowids put the
    /// profiles, centres and courses before the practices, so a scan that stops short has
    /// counted every kind before the last one it reached; that kind and the languages whose scan
    /// stopped short say "at least" ("1,000+"). A kind's records are counted once however many
    /// of their translations match (DISTINCT on the record's block).
    private func boundedCounts(match: String, audience: String, _ request: SearchRequest) async throws -> SearchResults {
        let languages = request.languages.isEmpty ? SearchRowID.languages : request.languages
        let cap = request.limits.count
        // One bound parameter, in the first scan; as it is the only one, it is `?1`
        // (SQLiteDialect's placeholder) wherever the other scans repeat it.
        let scans: [SQLQueryString] = languages.enumerated().map { index, language in
            let words: SQLQueryString = index == 0 ? "\(bind: match)" : "?1"
            return """
                SELECT * FROM (SELECT \(literal: SearchRowID.code(language)) AS l, rowid AS r FROM search_fts
                WHERE search_fts MATCH \(words) AND \(unsafeRaw: SearchRowID.rangeFilter("rowid", SearchRowID.range(language)))
                AND \(unsafeRaw: audience) LIMIT \(literal: cap + 1))
                """
        }
        // The rowids come back as one text a language and are counted here: SQLite's
        // COUNT(DISTINCT) cost twice the scans themselves.
        let rows = try await sql.raw("SELECT l, group_concat(r) AS rowids FROM (\(scans.joined(separator: " UNION ALL "))) GROUP BY l").all()
        var stoppedShort: Set<Language> = [], lastKind: [Language: SearchKind] = [:]
        var records: [Language: [SearchKind: Int]] = [:]
        var kindBlocks: [SearchKind: Set<Int64>] = [:]
        for row in rows {
            let language = SearchRowID.languages[try row.decode(column: "l", as: Int.self)]
            let rowids = Self.integers(try row.decode(column: "rowids", as: String?.self))
            if rowids.count > cap { stoppedShort.insert(language) }
            var blocks: [SearchKind: Set<Int64>] = [:]
            for rowid in rowids {
                let code = SearchRowID.kindCode(of: rowid), kind = SearchRowID.kinds[code], block = SearchRowID.block(of: rowid)
                blocks[kind, default: []].insert(block)
                kindBlocks[kind, default: []].insert(block)
                if lastKind[language].map({ SearchRowID.code($0) < code }) ?? true { lastKind[language] = kind }
            }
            records[language] = blocks.mapValues(\.count)
        }
        // In rowid order a scan that stopped short counted whole every kind before the last it reached.
        return .bounded(records: records, kindRecords: kindBlocks.mapValues(\.count), stoppedShort: stoppedShort,
                        kindPartial: { kind in stoppedShort.contains { lastKind[$0] == kind } }, request)
    }

    /// Ranking past the scan limit: bm25 over the newest ``SearchLimits/candidates`` matching
    /// documents in the reader's language (one rowid range), then, when these hold fewer records
    /// than a page needs, as many more in the other languages chosen. One statement each, as
    /// bm25 reads the whole doclist once per statement (for the word's frequency); each returns
    /// only the best rows a page needs and how many records its candidates hold. Title hits
    /// rank first among the candidates, the title being weighted ten to one.
    private func boundedRankedRecords(match: String, audience: String, _ request: SearchRequest,
                                      preferring language: Language) async throws -> (ranked: [RankedDocument], reachable: Int) {
        let kindFilter = SearchRowID.kindFilter("rowid", request.kinds)
        let needed = request.page * request.perPage
        let languages = request.languages.isEmpty ? SearchRowID.languages : request.languages
        // A record has at most one document per language and audience.
        let rowsNeeded = needed * request.audiences.count
        func candidates(_ filter: String) async throws -> (documents: [RankedDocument], records: Int) {
            let rows = try await sql.raw("""
                WITH c AS MATERIALIZED (SELECT rowid AS r, -bm25(search_fts, 10.0, 1.0) AS s FROM search_fts
                  WHERE search_fts MATCH \(bind: match) AND \(unsafeRaw: filter) AND \(unsafeRaw: audience) AND \(unsafeRaw: kindFilter)
                  ORDER BY rowid DESC LIMIT \(literal: request.limits.candidates))
                SELECT r, s, (SELECT COUNT(DISTINCT \(unsafeRaw: SearchRowID.blockSQL("r"))) FROM c) AS records FROM c
                ORDER BY s DESC, r DESC LIMIT \(literal: rowsNeeded)
                """).all()
            let documents = try rows.map { RankedDocument(rowid: try $0.decode(column: "r", as: Int64.self), score: try $0.decode(column: "s", as: Double.self)) }
            return (documents, try rows.first?.decode(column: "records", as: Int.self) ?? 0)
        }
        // The reader's language first, then the others: page n's hits never depend on whether
        // page n + 1 needed the second statement.
        var groups: [[RankedDocument]] = []
        var reachable = 0
        if languages.contains(language) {
            let own = try await candidates(SearchRowID.rangeFilter("rowid", SearchRowID.range(language)))
            groups.append(own.documents)
            reachable += own.records
        }
        let others = languages.filter { $0 != language }
        if reachable < needed && !others.isEmpty {
            let rest = try await candidates(SearchRowID.languageFilter("rowid", others))
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
    /// `first` is the first read (rows for ``rankLimit(_:)``), when the counts' statement made it.
    func rankedRecords(match: String, filters: String, needed: Int, preferring language: Language,
                       first: [RankedDocument]? = nil) async throws -> [RankedDocument] {
        var limit = Self.rankLimit(needed)
        var pending = first
        while true {
            let rows: [RankedDocument]
            if let read = pending {
                rows = read
                pending = nil
            } else {
                rows = try await sql.raw("""
                    SELECT rowid AS r, -bm25(search_fts, 10.0, 1.0) AS s FROM search_fts
                    WHERE search_fts MATCH \(bind: match) AND \(unsafeRaw: filters)
                    ORDER BY s DESC LIMIT \(literal: limit)
                    """).all().map { RankedDocument(rowid: try $0.decode(column: "r", as: Int64.self), score: try $0.decode(column: "s", as: Double.self)) }
            }
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
                return try await withSlugOrder(records)
            }
            limit *= 4
        }
    }

    /// How many ranked rows the first read keeps: four a record the page needs, at least 80.
    static func rankLimit(_ needed: Int) -> Int { max(needed * 4, 80) }

    /// Equal scores are ordered by slug, as on PostgreSQL: read the slugs only when there are ties.
    private func withSlugOrder(_ records: [RankedDocument]) async throws -> [RankedDocument] {
        guard Set(records.map(\.score)).count < records.count else { return records }
        let rows = try await sql.raw("""
            SELECT rowid, slug FROM search_documents
            WHERE rowid IN (\(unsafeRaw: records.map { String($0.rowid) }.joined(separator: ", ")))
            """).all()
        var slugs: [Int64: String] = [:]
        for row in rows { slugs[try row.decode(column: "rowid", as: Int64.self)] = try row.decode(column: "slug", as: String.self) }
        return records.sorted { ($0.score, slugs[$1.rowid] ?? "") > ($1.score, slugs[$0.rowid] ?? "") }
    }
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
