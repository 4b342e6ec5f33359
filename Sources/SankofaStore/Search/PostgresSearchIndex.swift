import Foundation
import SankofaCore
import SQLKit

/// PostgreSQL: a `tsvector` column (title in weight A, body in D) with a GIN index, ranked by ts_rank.
struct PostgresSearchIndex: SearchIndex {
    let sql: any SQLDatabase

    func replace(kind: SearchKind, recordID: UUID, with documents: [SearchDocument], isNew: Bool) async throws {
        if !isNew {
            try await sql.raw("DELETE FROM search_documents WHERE record_id = \(bind: recordID) AND kind = \(bind: kind.rawValue)").run()
        }
        try await insert(documents.map(TokenizedDocument.init))
    }

    func insertNew(_ records: [[TokenizedDocument]]) async throws {
        // 10 parameters a document: 500 documents stay far below PostgreSQL's 65,535.
        let documents = records.flatMap { $0 }
        for start in stride(from: 0, to: documents.count, by: 500) {
            try await insert(Array(documents[start..<min(start + 500, documents.count)]))
        }
    }

    /// Nothing to set: the GIN index takes new entries in its pending list, merged when it fills
    /// or by the next VACUUM; the import refreshes the planner's statistics itself.
    func bulk(_ body: () async throws -> Void) async throws {
        try await body()
    }

    private func insert(_ documents: [TokenizedDocument]) async throws {
        guard !documents.isEmpty else { return }
        let rows: [SQLQueryString] = documents.map {
            """
            (\(columns($0.document)), setweight(to_tsvector('simple', \(bind: $0.titleTokens)), 'A')
            || setweight(to_tsvector('simple', \(bind: $0.bodyTokens)), 'D'))
            """
        }
        try await sql.raw("INSERT INTO search_documents (id, kind, record_id, slug, language, audience, title, body, tsv) VALUES \(rows.joined(separator: ", "))").run()
        // The words a misspelling may be corrected to (migration 014, ``CreateSearchVocabulary``).
        var words: Set<Substring> = []
        for document in documents {
            for token in (document.titleTokens + " " + document.bodyTokens).split(separator: " ")
            where token.count >= 3 && token.first != SearchTokens.stemMarker && !SearchTokens.isCJK(String(token)) {
                words.insert(token)
            }
        }
        guard !words.isEmpty else { return }
        try await sql.raw("""
            INSERT INTO search_words (word) SELECT w FROM unnest(\(bind: words.map(String.init).sorted())::text[]) w ON CONFLICT DO NOTHING
            """).run()
    }

    /// Each term's word (a quoted phrase's words joined by `<->`, adjacent), or any of its
    /// stems: `(word:* | ªestem | …) & …`, the terms of ``SQLiteSearchIndex/matchExpression(_:)``;
    /// a run naming a thesaurus concept, or any of the concept's other terms: `((run) | (other) | …)`.
    /// `expanded: false` leaves the alternatives out: the words as typed, for the ranking's tiers.
    static func tsquery(_ terms: [SearchTokens.Term], expanded: Bool = true) -> String {
        func term(_ term: SearchTokens.Term) -> String {
            let word = term.words.joined(separator: " <-> ") + (term.prefix ? ":*" : "")
            return term.stems.isEmpty ? word : "(" + ([word] + term.stems).joined(separator: " | ") + ")"
        }
        func all(_ terms: [SearchTokens.Term]) -> String { terms.map(term).joined(separator: " & ") }
        var parts: [String] = []
        var index = 0
        while index < terms.count {
            guard expanded, let expansion = terms[index].expansion, index + expansion.span <= terms.count else {
                parts.append(term(terms[index]))
                index += 1
                continue
            }
            let alternatives = [Array(terms[index..<index + expansion.span])] + expansion.alternatives
            parts.append("(" + alternatives.map { "(" + all($0) + ")" }.joined(separator: " | ") + ")")
            index += expansion.span
        }
        return parts.joined(separator: " & ")
    }

    /// The score of a match of `terms`: ts_rank, or, for an expanded query, ts_rank for a document
    /// matching the words as typed and `-1 / (1 + ts_rank)` (below zero, so below all of those)
    /// for one matching only through another language's terms, as ``SQLiteRankFunction`` does.
    static func score(_ terms: [SearchTokens.Term], tsv: String = "d.tsv") -> SQLQueryString {
        let rank: SQLQueryString = "CAST(ts_rank(\(unsafeRaw: tsv), to_tsquery('simple', \(bind: tsquery(terms)))) AS DOUBLE PRECISION)"
        guard terms.isExpanded else { return rank }
        return "CASE WHEN \(unsafeRaw: tsv) @@ to_tsquery('simple', \(bind: tsquery(terms, expanded: false))) THEN \(rank) ELSE -1 / (1 + \(rank)) END"
    }

    func matched(_ terms: [SearchTokens.Term], audiences: [SearchAudience]) -> SQLQueryString {
        let query = Self.tsquery(terms)
        return """
            SELECT d.id, d.kind, d.record_id, d.slug, d.language, \(Self.score(terms)) AS score
            FROM search_documents d
            WHERE d.tsv @@ to_tsquery('simple', \(bind: query)) AND \(audienceFilter(audiences))
            """
    }

    /// Exact below ``SearchLimits/scan`` matching documents (``genericSearch(_:preferring:)``);
    /// past it, bounded as on SQLite (``PostgresSearchIndex+Bounded``): for a word found in most
    /// documents the exact counts took 200 ms and ts_rank over every match as long again.
    func search(_ request: SearchRequest, preferring language: Language) async throws -> SearchResults {
        let terms = request.terms
        guard !terms.isEmpty else { return .empty }
        let query = Self.tsquery(terms)
        // Through a CTE, so that the LIMIT does not turn the GIN bitmap into a sequential scan.
        let probe = try await sql.raw("""
            WITH m AS MATERIALIZED (SELECT 1 AS one FROM search_documents d
              WHERE d.tsv @@ to_tsquery('simple', \(bind: query)) AND \(audienceFilter(request.audiences)))
            SELECT COUNT(*) AS n FROM (SELECT one FROM m LIMIT \(literal: request.limits.scan + 1)) x
            """).first()
        guard try probe?.decode(column: "n", as: Int.self) ?? 0 > request.limits.scan else {
            return try await genericSearch(request, preferring: language)
        }
        return try await boundedSearch(request, terms: terms, preferring: language)
    }

    func removeAll() async throws {
        try await sql.raw("DELETE FROM search_documents").run()
    }
}
