import Foundation
import SankofaCore
import SQLKit

/// The search page on SQLite in three statements: the counts, the ranked candidates, the text of
/// the page's hits. The first two read only the FTS5 doclists and the rowids (kind, language,
/// audience and record are packed in the rowid, ``SearchRowID``); only the last reads
/// `search_documents`, and only for the twenty or so hits shown.
extension SQLiteSearchIndex {
    func search(_ request: SearchRequest, preferring language: Language) async throws -> SearchResults {
        let terms = request.terms
        guard !terms.isEmpty else { return .empty }
        let match = Self.matchExpression(terms)
        let audience = SearchRowID.audienceFilter("rowid", request.audiences)

        // (record, language) pairs once, then the three counts from them: a record found in two
        // languages counts once in the total and once under each language.
        var total = 0
        var kinds: [String: Int] = [:], languages: [String: Int] = [:]
        let kindFilter = SearchRowID.kindFilter("r", request.kinds), languageFilter = SearchRowID.languageFilter("r", request.languages)
        let countRows = try await sql.raw("""
            WITH m AS MATERIALIZED (
              SELECT rowid AS r, rowid >> 8 AS rec FROM search_fts
              WHERE search_fts MATCH \(bind: match) AND \(unsafeRaw: audience) GROUP BY rowid >> 8, (rowid >> 2) & 7)
            SELECT 0 AS facet, (r >> 5) & 7 AS v, COUNT(DISTINCT rec) AS n FROM m WHERE \(unsafeRaw: languageFilter) GROUP BY 2
            UNION ALL SELECT 1, (r >> 2) & 7, COUNT(*) FROM m WHERE \(unsafeRaw: kindFilter) GROUP BY 2
            UNION ALL SELECT 2, 0, COUNT(DISTINCT rec) FROM m WHERE \(unsafeRaw: kindFilter) AND \(unsafeRaw: languageFilter)
            """).all()
        for row in countRows {
            let value = try row.decode(column: "v", as: Int.self), n = try row.decode(column: "n", as: Int.self)
            switch try row.decode(column: "facet", as: Int.self) {
            case 0: if value < SearchRowID.kinds.count { kinds[SearchRowID.kinds[value].rawValue] = n }
            case 1: if value < SearchRowID.languages.count { languages[SearchRowID.languages[value].rawValue] = n }
            default: total = n
            }
        }
        let offset = (request.page - 1) * request.perPage
        guard total > offset else { return SearchResults(total: total, hits: [], kinds: kinds, languages: languages) }

        let filters = [audience, SearchRowID.kindFilter("rowid", request.kinds), SearchRowID.languageFilter("rowid", request.languages)]
        let ranked = try await rankedRecords(match: match, filters: filters.joined(separator: " AND "),
                                             needed: offset + request.perPage, preferring: language)
        let page = Array(ranked.dropFirst(offset).prefix(request.perPage))
        guard !page.isEmpty else { return SearchResults(total: total, hits: [], kinds: kinds, languages: languages) }
        let rows = try await sql.raw("""
            SELECT rowid, kind, record_id, slug, language, title, body FROM search_documents
            WHERE rowid IN (\(unsafeRaw: page.map { String($0.rowid) }.joined(separator: ", ")))
            """).all()
        var byRowID: [Int64: SearchHit] = [:]
        for row in rows { byRowID[try row.decode(column: "rowid", as: Int64.self)] = try Self.hit(row, rank: 0) }
        let hits = page.compactMap { best in byRowID[best.rowid].map { var hit = $0; hit.rank = best.score; return hit } }
        return SearchResults(total: total, hits: hits, kinds: kinds, languages: languages)
    }

    /// One matching document per record, ordered as the page shows them (score, then slug), at
    /// least `needed` of them when there are. bm25 is computed for every match, but the sort
    /// keeps only the best `limit` rowids; when a tie could reach past them, the limit grows.
    func rankedRecords(match: String, filters: String, needed: Int, preferring language: Language) async throws -> [RankedDocument] {
        var limit = max(needed * 4, 80)
        while true {
            let rows = try await sql.raw("""
                SELECT rowid AS r, -bm25(search_fts, 10.0, 1.0) AS s FROM search_fts
                WHERE search_fts MATCH \(bind: match) AND \(unsafeRaw: filters)
                ORDER BY s DESC LIMIT \(literal: limit)
                """).all()
            var best: [Int64: RankedDocument] = [:]
            var order: [Int64] = []
            for row in rows {
                let candidate = RankedDocument(rowid: try row.decode(column: "r", as: Int64.self), score: try row.decode(column: "s", as: Double.self))
                let block = candidate.rowid >> 8
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
