import Foundation
import SankofaCore

/// SQLite only: the integer rowid a search document gets, shared by `search_documents` and the
/// FTS5 table. It packs what search filters and counts on, so that a query reads nothing but
/// the FTS5 doclist (no join, no row lookup per match) until the page's twenty hits:
///
///     rowid = language << 58 | kind << 56 | block << 2 | audience
///
/// `block` is one number per (kind, record): every document of a record shares it, so
/// `(rowid >> 2) & blockMask` counts distinct records. Language and kind are the high bits so
/// that "the documents in Arabic" or "the experts in French" are one contiguous rowid range,
/// which FTS5 seeks to instead of reading the whole doclist: the capped counts of a frequent
/// word read a few hundred entries of each range (``SQLiteSearchIndex``). The small codes below
/// are stored; never renumber them. Migration 008 moved documents from 007's layout to this one.
struct SearchRowID: Hashable, Sendable {
    var block: Int64
    var kind: SearchKind
    var language: Language
    var audience: SearchAudience

    /// Practices last: within a language the few profiles, centres and courses come first in
    /// rowid order, so a count that stops after 1,001 documents has counted them all.
    static let kinds: [SearchKind] = [.expert, .centre, .course, .practice]
    static let languages: [Language] = [.ar, .zh, .en, .fr, .ru, .es]
    static let audiences: [SearchAudience] = [.everyone, .members, .staff]
    static let blockMask: Int64 = (1 << 54) - 1

    init(block: Int64, kind: SearchKind, language: Language, audience: SearchAudience) {
        self.block = block
        self.kind = kind
        self.language = language
        self.audience = audience
    }

    init?(_ value: Int64) {
        let language = Int(value >> 58), kind = Int((value >> 56) & 3), audience = Int(value & 3)
        guard value >= 0, language < Self.languages.count, audience < Self.audiences.count else { return nil }
        self.init(block: Self.block(of: value), kind: Self.kinds[kind], language: Self.languages[language], audience: Self.audiences[audience])
    }

    var value: Int64 {
        Int64(Self.code(language)) << 58 | Int64(Self.code(kind)) << 56 | (block & Self.blockMask) << 2 | Int64(Self.code(audience))
    }

    static func block(of rowid: Int64) -> Int64 { (rowid >> 2) & blockMask }
    static func kindCode(of rowid: Int64) -> Int { Int((rowid >> 56) & 3) }
    /// The language's index in ``languages``, nil for a rowid no document has.
    static func languageCode(of rowid: Int64) -> Int? {
        let code = Int(rowid >> 58)
        return rowid >= 0 && code < languages.count ? code : nil
    }

    static func code(_ kind: SearchKind) -> Int { kinds.firstIndex(of: kind)! }
    static func code(_ language: Language) -> Int { languages.firstIndex(of: language)! }
    static func code(_ audience: SearchAudience) -> Int { audiences.firstIndex(of: audience)! }

    /// The rowids of one language, or of one kind in one language: a closed range.
    static func range(_ language: Language, _ kind: SearchKind? = nil) -> ClosedRange<Int64> {
        let base = Int64(code(language)) << 58
        guard let kind else { return base...(base | ((1 << 58) - 1)) }
        let start = base | Int64(code(kind)) << 56
        return start...(start | ((1 << 56) - 1))
    }

    /// SQL: the block of a rowid column, i.e. the (kind, record) it belongs to.
    static func blockSQL(_ column: String) -> String { "((\(column) >> 2) & \(blockMask))" }
    static func kindSQL(_ column: String) -> String { "((\(column) >> 56) & 3)" }
    static func languageSQL(_ column: String) -> String { "(\(column) >> 58)" }

    /// SQL conditions on a rowid column, with integer literals only (codes, never user text).
    static func audienceFilter(_ column: String, _ audiences: [SearchAudience]) -> String {
        "(\(column) & 3) IN (\(audiences.map { String(code($0)) }.joined(separator: ", ")))"
    }

    static func kindFilter(_ column: String, _ kinds: [SearchKind]) -> String {
        kinds.isEmpty ? "1 = 1" : "\(kindSQL(column)) IN (\(kinds.map { String(code($0)) }.joined(separator: ", ")))"
    }

    static func languageFilter(_ column: String, _ languages: [Language]) -> String {
        languages.isEmpty ? "1 = 1" : "\(languageSQL(column)) IN (\(languages.map { String(code($0)) }.joined(separator: ", ")))"
    }

    static func rangeFilter(_ column: String, _ range: ClosedRange<Int64>) -> String {
        "\(column) BETWEEN \(range.lowerBound) AND \(range.upperBound)"
    }
}
