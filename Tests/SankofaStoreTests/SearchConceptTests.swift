import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import Testing

/// Cross-language concepts on both engines (issue 21): a word naming a thesaurus concept finds
/// documents that name it in another language, ranked below those holding the words as typed,
/// labelled as such; the language filter keeps to one language; quoted words are not expanded.
@Suite("Search across languages")
struct SearchConceptTests {
    static let documents: [(slug: String, language: Language, title: String, body: String)] = [
        ("ar-rehab", .ar, "برنامج إعادة التأهيل", "إعادة التأهيل في السجون"),
        ("en-rehab", .en, "Rehabilitation of returnees", "A programme for offenders leaving prison"),
        ("ru-rehab", .ru, "Программа реабилитации", "Работа с бывшими заключёнными"),
        ("en-other", .en, "Teacher training", "Schools and families"),
    ]

    static func withIndex(_ engine: TestEngine, _ body: @escaping @Sendable (any SearchIndex) async throws -> Void) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let index = searchIndex(on: db)
            for document in documents {
                let id = UUID()
                try await index.replace(kind: .practice, recordID: id, with: [
                    SearchDocument(kind: .practice, recordID: id, slug: document.slug, language: document.language,
                                   audience: .everyone, title: document.title, body: document.body),
                ])
            }
            try await body(index)
        }
    }

    /// An Arabic reader's words find the Arabic practice first, then the English and Russian
    /// ones through the concept, marked so; without expansion only the Arabic one.
    @Test(arguments: TestEngine.all)
    func crossLanguageHitsRankBelowTheWordsAsTyped(engine: TestEngine) async throws {
        try await Self.withIndex(engine) { index in
            let results = try await index.search(SearchRequest(query: "إعادة التأهيل"), preferring: .ar)
            #expect(results.hits.first?.slug == "ar-rehab")
            #expect(Set(results.hits.map(\.slug)) == ["ar-rehab", "en-rehab", "ru-rehab"], "\(results.hits.map(\.slug))")
            #expect(results.hits.first?.isThroughConcept == false)
            #expect(results.hits.dropFirst().allSatisfy { $0.isThroughConcept })
            #expect(results.total == 3 && results.languages == ["ar": 1, "en": 1, "ru": 1])

            // An English reader's word: the English practice first, the others through the concept.
            let english = try await index.search(SearchRequest(query: "rehabilitate"), preferring: .en)
            #expect(english.hits.first?.slug == "en-rehab")
            #expect(english.hits.map(\.isThroughConcept) == [false, true, true], "\(english.hits.map(\.slug))")

            var plain = SearchRequest(query: "إعادة التأهيل")
            plain.expands = false
            let unexpanded = try await index.search(plain, preferring: .ar)
            #expect(unexpanded.hits.map(\.slug) == ["ar-rehab"])
        }
    }

    /// `language=` keeps to one language, the concept's hits included.
    @Test(arguments: TestEngine.all)
    func theLanguageFilterKeepsToOneLanguage(engine: TestEngine) async throws {
        try await Self.withIndex(engine) { index in
            var request = SearchRequest(query: "إعادة التأهيل")
            request.languages = [.en]
            let results = try await index.search(request, preferring: .ar)
            #expect(results.hits.map(\.slug) == ["en-rehab"])
            #expect(results.hits.first?.language == .en && results.hits.first?.isThroughConcept == true)
            #expect(results.total == 1)
        }
    }

    /// A quoted word matches as written, in its own language only.
    @Test(arguments: TestEngine.all)
    func quotedWordsAreNotExpanded(engine: TestEngine) async throws {
        try await Self.withIndex(engine) { index in
            let results = try await index.search(SearchRequest(query: "\"rehabilitation\""), preferring: .en)
            #expect(results.hits.map(\.slug) == ["en-rehab"])
        }
    }
}
