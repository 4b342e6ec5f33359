import Fluent
import Foundation
import SankofaCore
import SQLKit

/// The translators' queue: published practices with no text yet in a language, or a text that
/// lacks a field the original has (a translator may save the title alone; a field may be added to
/// the original later). Their pages fall back to the original there, field by field and marked
/// (``ShownPracticeText``), so each is work waiting for a translator.
extension PracticeStore {
    public struct Untranslated: Sendable, Equatable {
        public var slug: String
        public var title: String
        public var originalLanguage: Language
        /// It has a text in the language already, lacking fields the original has.
        public var partial: Bool = false
    }

    /// The published practices not written in `target` and without a translation into it, the
    /// longest waiting first (least recently changed), `limit` from `offset`.
    public func untranslated(into target: Language, limit: Int, offset: Int) async throws -> [Untranslated] {
        let sql = database as! any SQLDatabase
        return try await sql.raw("""
            SELECT p.slug, p.original_language, t.title,
              EXISTS (SELECT 1 FROM practice_translations y WHERE y.practice_id = p.id AND y.language = \(bind: target.rawValue)) AS partial
            FROM practices p
            JOIN practice_translations t ON t.practice_id = p.id AND t.language = p.original_language
            WHERE \(Self.waiting(for: target))
            ORDER BY p.updated_at, p.slug LIMIT \(literal: max(0, limit)) OFFSET \(literal: max(0, offset))
            """).all().compactMap { row in
            guard let language = Language(rawValue: try row.decode(column: "original_language", as: String.self)) else { return nil }
            return Untranslated(slug: try row.decode(column: "slug", as: String.self), title: try row.decode(column: "title", as: String.self),
                                originalLanguage: language, partial: try row.decode(column: "partial", as: Bool.self))
        }
    }

    /// How many practices wait for a translation into each language: the published ones, less
    /// those written in it, less those translated into it in full (a practice has one text a
    /// language), from two grouped counts instead of one scan of every practice a language.
    public func untranslatedCounts() async throws -> [Language: Int] {
        let sql = database as! any SQLDatabase
        let published = PracticeStatus.published.rawValue
        func counts(_ query: SQLQueryString) async throws -> [String: Int] {
            var counts: [String: Int] = [:]
            for row in try await sql.raw(query).all() {
                counts[try row.decode(column: "language", as: String.self)] = try row.decode(column: "n", as: Int.self)
            }
            return counts
        }
        let originals = try await counts("""
            SELECT original_language AS language, COUNT(*) AS n FROM practices WHERE status = \(bind: published) GROUP BY original_language
            """)
        let translated = try await counts("""
            SELECT x.language AS language, COUNT(*) AS n FROM practice_translations x JOIN practices p ON p.id = x.practice_id
            JOIN practice_translations t ON t.practice_id = p.id AND t.language = p.original_language
            WHERE p.status = \(bind: published) AND x.language <> p.original_language AND \(unsafeRaw: Self.complete) GROUP BY x.language
            """)
        let total = originals.values.reduce(0, +)
        return Dictionary(uniqueKeysWithValues: Language.allCases.map {
            ($0, total - (originals[$0.rawValue] ?? 0) - (translated[$0.rawValue] ?? 0))
        })
    }

    private static func waiting(for target: Language) -> SQLQueryString {
        """
        p.status = \(bind: PracticeStatus.published.rawValue) AND p.original_language <> \(bind: target.rawValue)
        AND NOT EXISTS (SELECT 1 FROM practice_translations x WHERE x.practice_id = p.id AND x.language = \(bind: target.rawValue)
                        AND \(unsafeRaw: complete))
        """
    }

    /// The translation `x` has every text field that the original `t` has (one without a title
    /// counts as none, ``ShownPracticeText``).
    static let complete = ["title", "summary", "context", "approach", "results", "lessons", "transfer_conditions",
                           "expansion_potential", "safeguards", "target_groups"]
        .map { "(t.\($0) = '' OR x.\($0) <> '')" }.joined(separator: " AND ")
}
