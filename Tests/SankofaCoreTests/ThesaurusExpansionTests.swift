import Foundation
import Testing
@testable import SankofaCore

/// Queries expanded with the thesaurus (issue 21): words naming a concept carry the concept's
/// terms in the other languages; quoted words and unrelated words carry nothing.
@Suite("Thesaurus expansion")
struct ThesaurusExpansionTests {
    static func alternatives(_ query: String) -> [String] {
        SearchTokens.expandedQuery(query).compactMap(\.expansion).flatMap(\.alternatives).map { $0.map(\.token).joined(separator: " ") }
    }

    @Test func aConceptsWordCarriesItsOtherLanguages() {
        let terms = SearchTokens.expandedQuery("rehabilitation")
        #expect(terms.count == 1)
        #expect(terms[0].expansion?.span == 1)
        let alternatives = Self.alternatives("rehabilitation")
        for expected in ["اعاده التاهيل", "реабилитация", "rehabilitacion", "readaptation", "康复"] {
            #expect(alternatives.contains(expected), "\(expected) not in \(alternatives)")
        }
        // The term as written is not repeated among its alternatives (French's réhabilitation folds to it).
        #expect(alternatives.filter { $0 == "rehabilitation" }.count <= 1)
    }

    /// Another form of the word (its stem), an Arabic word without its article, and Chinese.
    @Test func formsOfAConceptsWordAreRecognised() {
        #expect(Self.alternatives("rehabilitate").contains("реабилитация"))
        #expect(Self.alternatives("تطرف").contains("extremism"))
        #expect(Self.alternatives("реабилитацию").contains("rehabilitation"))
        #expect(Self.alternatives("去激进化").contains("deradicalisation"))
    }

    /// The longest run wins: three words naming foreign terrorist fighters are one expansion.
    @Test func multiWordTermsExpandAsOneRun() {
        let terms = SearchTokens.expandedQuery("foreign terrorist fighters training")
        #expect(terms.count == 4)
        #expect(terms[0].expansion?.span == 3)
        #expect(terms[1].expansion == nil && terms[2].expansion == nil && terms[3].expansion == nil)
        #expect(Self.alternatives("foreign terrorist fighters").contains("ftf"))
    }

    @Test func quotedAndUnrelatedWordsAreNotExpanded() {
        #expect(!SearchTokens.expandedQuery("\"rehabilitation\"").isExpanded)
        #expect(!SearchTokens.expandedQuery("«foreign terrorist fighters»").isExpanded)
        for word in ["prism", "policies", "communities", "jeu", "كاتب", "мир"] {
            #expect(!SearchTokens.expandedQuery(word).isExpanded, "\(word)")
        }
        // Without expansion the terms are the plain query's.
        #expect(SearchTokens.expandedQuery("prism rehabilitation").map(\.token) == SearchTokens.query("prism rehabilitation").map(\.token))
    }

    /// What a snippet highlights includes the alternatives, so an Arabic hit for `rehabilitation` is marked.
    @Test func snippetsHighlightTheAlternatives() {
        let terms = SearchTokens.expandedQuery("rehabilitation")
        let segments = Snippet.make("برنامج إعادة التأهيل في السجون", terms: terms.withAlternatives)
        #expect(segments.contains { $0.hit })
    }
}
