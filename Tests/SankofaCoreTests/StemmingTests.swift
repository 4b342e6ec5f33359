import Testing
@testable import SankofaCore

/// The stems the index and queries share (Snowball through libstemmer).
@Suite("Stemming")
struct StemmingTests {
    /// Two words meet when a query of one would match a document of the other: the word, or a stem in common.
    static func meet(_ query: String, _ text: String, _ language: Language) -> Bool {
        let indexed = Set(SearchTokens.index(text, language: language).split(separator: " ").map(String.init))
        return SearchTokens.query(query).allSatisfy { term in
            indexed.contains(term.token) || term.stems.contains(where: indexed.contains)
        }
    }

    /// The failures: the forms a reader types meet the forms the text holds.
    @Test(arguments: [
        ("تطرف", "التطرف", Language.ar), ("إرهاب", "الإرهاب", .ar), ("التطرف", "تطرف", .ar),
        ("реабилитация", "реабилитацию", .ru), ("репатриации", "репатриация", .ru),
        ("rehabilitate", "rehabilitation", .en), ("morchidate", "morchidates", .fr),
        ("réinsertion", "réinsertions", .fr), ("rehabilitación", "rehabilitaciones", .es),
    ])
    func inflectedFormsMeet(query: String, text: String, language: Language) {
        #expect(Self.meet(query + " ", text, language), "\(query) ↔ \(text)")
    }

    /// Stemming never merges unrelated words.
    @Test(arguments: [
        ("prison", "prism", Language.en), ("policy", "police", .en), ("communication", "community", .en),
        ("general", "generous", .en), ("new", "news", .en),
        ("мир", "мера", .ru), ("война", "воин", .ru),
        ("كتاب", "كاتب", .ar), ("علم", "عالم", .ar),
        ("jeunes", "jeu", .fr), ("femmes", "fermes", .fr), ("pais", "paso", .es),
    ])
    func unrelatedWordsStayApart(query: String, text: String, language: Language) {
        #expect(!Self.meet(query + " ", text, language), "\(query) ↔ \(text)")
    }

    /// Stems follow the words and carry their language, so phrases stay adjacent and an English
    /// stem never matches a French word's.
    @Test func stemsFollowTheWordsMarkedWithTheirLanguage() {
        #expect(SearchTokens.index("Rehabilitation programmes", language: .en) == "rehabilitation programmes ªerehabilit ªeprogramm")
        #expect(SearchTokens.index("réhabilitation", language: .fr).hasPrefix("rehabilitation ªf"))
        #expect(SearchTokens.index("暴力 CVE2026 of", language: .zh) == "暴 力 暴力 cve2026 of")
        // The mark folds to a, so no typed word reaches a stem token.
        #expect(SearchTokens.query("ªerehabilit").map(\.token) == ["aerehabilit"])
    }

    @Test func quotedWordsMatchExactlyAndAsAPhrase() {
        let terms = SearchTokens.query("«rehabilitation of prisoners» youth")
        #expect(terms.first == .init("rehabilitation of prisoners", quoted: true))
        #expect(terms.first?.isPhrase == true)
        #expect(terms.last?.token == "youth" && terms.last?.prefix == true && terms.last?.stems.isEmpty == false)
        #expect(SearchTokens.query("\"prisons\"") == [.init("prisons", quoted: true)])
    }
}
