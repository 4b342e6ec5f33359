import Foundation
import SankofaCore

/// SQLite only: the integer rowid a search document gets, shared by `search_documents` and the
/// FTS5 table. It packs what search filters and counts on, so that a query reads nothing but
/// the FTS5 doclist (no join, no row lookup per match) until the page's twenty hits:
///
///     rowid = block << 8 | kind << 5 | language << 2 | audience
///
/// `block` is one number per (kind, record): every document of a record shares it, so
/// `rowid >> 8` counts distinct records. The small codes below are stored; never renumber them.
struct SearchRowID: Hashable, Sendable {
    var block: Int64
    var kind: SearchKind
    var language: Language
    var audience: SearchAudience

    static let kinds: [SearchKind] = [.practice, .expert, .centre, .course]
    static let languages: [Language] = [.ar, .zh, .en, .fr, .ru, .es]
    static let audiences: [SearchAudience] = [.everyone, .members, .staff]

    init(block: Int64, kind: SearchKind, language: Language, audience: SearchAudience) {
        self.block = block
        self.kind = kind
        self.language = language
        self.audience = audience
    }

    init?(_ value: Int64) {
        let kind = Int((value >> 5) & 7), language = Int((value >> 2) & 7), audience = Int(value & 3)
        guard kind < Self.kinds.count, language < Self.languages.count, audience < Self.audiences.count else { return nil }
        self.init(block: value >> 8, kind: Self.kinds[kind], language: Self.languages[language], audience: Self.audiences[audience])
    }

    var value: Int64 {
        block << 8 | Int64(Self.code(kind)) << 5 | Int64(Self.code(language)) << 2 | Int64(Self.code(audience))
    }

    static func code(_ kind: SearchKind) -> Int { kinds.firstIndex(of: kind)! }
    static func code(_ language: Language) -> Int { languages.firstIndex(of: language)! }
    static func code(_ audience: SearchAudience) -> Int { audiences.firstIndex(of: audience)! }

    /// SQL conditions on a rowid column, with integer literals only (codes, never user text).
    static func audienceFilter(_ column: String, _ audiences: [SearchAudience]) -> String {
        "(\(column) & 3) IN (\(audiences.map { String(code($0)) }.joined(separator: ", ")))"
    }

    static func kindFilter(_ column: String, _ kinds: [SearchKind]) -> String {
        kinds.isEmpty ? "1 = 1" : "((\(column) >> 5) & 7) IN (\(kinds.map { String(code($0)) }.joined(separator: ", ")))"
    }

    static func languageFilter(_ column: String, _ languages: [Language]) -> String {
        languages.isEmpty ? "1 = 1" : "((\(column) >> 2) & 7) IN (\(languages.map { String(code($0)) }.joined(separator: ", ")))"
    }
}
