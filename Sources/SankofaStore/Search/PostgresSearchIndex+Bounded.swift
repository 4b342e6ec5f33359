import Foundation
import SankofaCore
import SQLKit

/// PostgreSQL past ``SearchLimits/scan`` matching documents, with SQLite's rules
/// (``SQLiteSearchIndex``): counts read at most ``SearchLimits/count`` + 1 documents a
/// language and say "at least" where they stopped short; ranking reads the first
/// ``SearchLimits/candidates`` matches in the reader's language (then in the others when a page
/// needs more), not every match. PostgreSQL's matches come in no particular order, so a
/// language whose count stopped short makes every kind found in it "at least" too.
///
/// Every statement reads the matches through a MATERIALIZED CTE without a LIMIT: asked for a
/// limited number of rows directly, the planner picks a sequential scan that reads every row's
/// tsvector (400 ms for a language with no match at 100,000 practices); the CTE is planned
/// whole (the GIN index's bitmap) and read lazily, so a LIMIT outside it stops early.
/// Each CTE names its languages, so that it reads only their partitions (migration 010): a
/// language's scan never reads another language's matches.
extension PostgresSearchIndex {
    func boundedSearch(_ request: SearchRequest, terms: [SearchTokens.Term], preferring language: Language) async throws -> SearchResults {
        let query = Self.tsquery(terms)
        let languages = request.languages.isEmpty ? Language.displayOrder : request.languages
        let cap = request.limits.count
        let match: SQLQueryString = "d.tsv @@ to_tsquery('simple', \(bind: query)) AND \(audienceFilter(request.audiences))"
        // One CTE a language, its code a literal (one of six fixed values) so that the planner
        // keeps that language's partition alone.
        var matches: [SQLQueryString] = [], scans: [SQLQueryString] = []
        for scanned in languages {
            let code = scanned.rawValue
            matches.append("m_\(unsafeRaw: code) AS MATERIALIZED (SELECT d.kind, d.record_id FROM search_documents d WHERE d.language = \(literal: code) AND \(match))")
            scans.append("(SELECT \(literal: code) AS language, kind, record_id FROM m_\(unsafeRaw: code) LIMIT \(literal: cap + 1))")
        }
        let rows = try await sql.raw("""
            WITH \(matches.joined(separator: ", ")),
            u AS MATERIALIZED (\(scans.joined(separator: " UNION ALL ")))
            SELECT language AS l, kind AS k, COUNT(*) AS n, COUNT(DISTINCT record_id) AS r FROM u GROUP BY language, kind
            UNION ALL SELECT '', kind, COUNT(*), COUNT(DISTINCT record_id) FROM u GROUP BY kind
            """).all()
        var docs: [Language: Int] = [:], records: [Language: [SearchKind: Int]] = [:], kindRecords: [SearchKind: Int] = [:]
        for row in rows {
            let l = try row.decode(column: "l", as: String.self), k = try row.decode(column: "k", as: String.self)
            let n = try row.decode(column: "n", as: Int.self), r = try row.decode(column: "r", as: Int.self)
            guard let kind = SearchKind(rawValue: k) else { continue }
            guard let language = Language(rawValue: l) else { kindRecords[kind] = r; continue }
            docs[language, default: 0] += n
            records[language, default: [:]][kind] = r
        }
        // In no particular order, a scan that stopped short may have left any kind it found partial.
        let stoppedShort = Set(docs.filter { $0.value > cap }.keys)
        var results = SearchResults.bounded(records: records, kindRecords: kindRecords, stoppedShort: stoppedShort,
                                            kindPartial: { kind in stoppedShort.contains { records[$0]?[kind] != nil } }, request)
        // A filtered search of a frequent word may still count few records: rank them all.
        if results.totalIsExact && results.total <= request.limits.scan {
            return try await genericSearch(request, preferring: language)
        }
        let offset = (request.page - 1) * request.perPage
        guard results.total > offset else { return results }

        let needed = request.page * request.perPage
        let kindFilter: SQLQueryString = request.kinds.isEmpty ? "1 = 1" : "d.kind IN (\(binds: request.kinds.map(\.rawValue)))"
        typealias Candidate = (id: String, language: String, record: String, score: Double)
        func candidates(_ languageFilter: SQLQueryString) async throws -> (ranked: [Candidate], records: Int) {
            let rows = try await sql.raw("""
                WITH m AS MATERIALIZED (SELECT d.id, d.language, d.kind, d.record_id FROM search_documents d
                  WHERE \(languageFilter) AND \(match) AND \(kindFilter)),
                c AS MATERIALIZED (SELECT id, language, kind, record_id FROM m LIMIT \(literal: request.limits.candidates))
                SELECT c.id, c.language, c.kind, c.record_id, \(Self.score(terms)) AS score,
                  (SELECT COUNT(DISTINCT (record_id, kind)) FROM c) AS records
                FROM c JOIN search_documents d ON d.id = c.id AND d.language = c.language
                ORDER BY score DESC, c.id LIMIT \(literal: needed * request.audiences.count)
                """).all()
            let ranked = try rows.map {
                (id: try $0.decode(column: "id", as: String.self), language: try $0.decode(column: "language", as: String.self),
                 record: "\(try $0.decode(column: "kind", as: String.self)):\(try $0.decode(column: "record_id", as: UUID.self))",
                 score: try $0.decode(column: "score", as: Double.self))
            }
            return (ranked, try rows.first?.decode(column: "records", as: Int.self) ?? 0)
        }
        // The reader's language first, then the others: page n's hits never depend on whether
        // page n + 1 needed the second statement.
        var groups: [[Candidate]] = []
        var reachable = 0
        if languages.contains(language) {
            let own = try await candidates("d.language = \(literal: language.rawValue)")
            groups.append(own.ranked)
            reachable += own.records
        }
        let others = languages.filter { $0 != language }
        if reachable < needed && !others.isEmpty {
            let codes: [SQLQueryString] = others.map { "\(literal: $0.rawValue)" }
            let rest = try await candidates("d.language IN (\(codes.joined(separator: ", ")))")
            groups.append(rest.ranked)
            reachable += rest.records
        }
        // One document per record, its best first; then the text of the page's hits alone.
        var seen: Set<String> = []
        let ranked = groups.joined().filter { seen.insert($0.record).inserted }
        let page = Array(ranked.dropFirst(offset).prefix(request.perPage))
        guard !page.isEmpty else { return results }
        let texts = try await sql.raw("""
            SELECT id, kind, record_id, slug, language, title, body FROM search_documents
            WHERE id IN (\(binds: page.map(\.id))) AND language IN (\(binds: Set(page.map(\.language)).sorted()))
            """).all()
        var byID: [String: SearchHit] = [:]
        for row in texts { byID[try row.decode(column: "id", as: String.self)] = try Self.hit(row, rank: 0) }
        let hits = page.compactMap { candidate in byID[candidate.id].map { var hit = $0; hit.rank = candidate.score; return hit } }
        results.hits = hits
        results.reachable = max(ranked.count, reachable)
        return results
    }
}
