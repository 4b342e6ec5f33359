import Foundation
import SankofaCore
import SQLKit

/// What a search was corrected to: results are for `corrected`; `original` is what was typed.
public struct SearchCorrection: Sendable, Equatable {
    public var original: String
    public var corrected: String

    public init(original: String, corrected: String) {
        self.original = original
        self.corrected = corrected
    }
}

/// Typo tolerance (issue 21): when a search finds very few records, each typed word that no
/// document the reader may see holds (as it is, a form of it, or as a prefix) is replaced by the
/// nearest word of the index's own vocabulary (``SpellCorrection``) that such documents hold,
/// and the corrected query is searched instead when it finds more. Quoted words are never
/// corrected. Only the rare search that finds (almost) nothing pays for it.
extension SearchIndex {
    /// Below this many records a search tries a correction.
    public static var correctionThreshold: Int { 3 }

    public func searchCorrecting(_ request: SearchRequest, preferring language: Language) async throws -> SearchResults {
        let results = try await search(request, preferring: language)
        guard request.corrects, results.total < Self.correctionThreshold else { return results }
        var corrections: [String: String] = [:]
        for term in SearchTokens.query(request.query) where SpellCorrection.isCorrectable(term) && corrections[term.token] == nil {
            guard try await documentCount([term], audiences: request.audiences) == 0 else { continue }
            let nearest = SpellCorrection.nearest(term.token, in: try await vocabulary(near: term.token))
            var candidates: [(word: String, documents: Int)] = []
            for word in nearest {
                candidates.append((word, try await documentCount([SearchTokens.Term(word)], audiences: request.audiences)))
            }
            if let best = SpellCorrection.best(for: term.token, among: candidates) { corrections[term.token] = best }
        }
        guard !corrections.isEmpty else { return results }
        var retry = request
        retry.query = SpellCorrection.corrected(request.query, corrections)
        var corrected = try await search(retry, preferring: language)
        guard corrected.total > results.total else { return results }
        corrected.correction = SearchCorrection(original: request.query, corrected: retry.query)
        return corrected
    }

    /// How many documents visible to `audiences` match `terms`, counted up to 100.
    func documentCount(_ terms: [SearchTokens.Term], audiences: [SearchAudience]) async throws -> Int {
        let row: (any SQLRow)?
        if sql.dialect.name == "sqlite" {
            row = try await sql.raw("""
                SELECT COUNT(*) AS n FROM (SELECT rowid FROM search_fts WHERE search_fts MATCH \(bind: SQLiteSearchIndex.matchExpression(terms))
                AND \(unsafeRaw: SearchRowID.audienceFilter("rowid", audiences)) LIMIT 100)
                """).first()
        } else {
            row = try await sql.raw("""
                WITH m AS MATERIALIZED (SELECT 1 AS one FROM search_documents d
                  WHERE d.tsv @@ to_tsquery('simple', \(bind: PostgresSearchIndex.tsquery(terms))) AND \(audienceFilter(audiences)))
                SELECT COUNT(*) AS n FROM (SELECT one FROM m LIMIT 100) x
                """).first()
        }
        return try row?.decode(column: "n", as: Int.self) ?? 0
    }

    /// Indexed words that begin with `word`'s first letter and are at most two letters longer or
    /// shorter: a range of the vocabulary's key (FTS5's term list, PostgreSQL's `search_words`),
    /// both ordered by UTF-8 bytes, so by code point. A typo in the first letter is not corrected.
    func vocabulary(near word: String) async throws -> [String] {
        guard let first = word.unicodeScalars.first, let next = Unicode.Scalar(first.value + 1) else { return [] }
        let low = String(first), high = String(next), shortest = word.count - 2, longest = word.count + 2
        let rows: [any SQLRow]
        if sql.dialect.name == "sqlite" {
            rows = try await sql.raw("""
                SELECT term AS w FROM search_vocabulary WHERE term >= \(bind: low) AND term < \(bind: high)
                AND length(term) BETWEEN \(bind: shortest) AND \(bind: longest)
                """).all()
        } else {
            rows = try await sql.raw("""
                SELECT word AS w FROM search_words WHERE word >= \(bind: low) AND word < \(bind: high)
                AND length(word) BETWEEN \(bind: shortest) AND \(bind: longest)
                """).all()
        }
        return try rows.map { try $0.decode(column: "w", as: String.self) }
    }
}
