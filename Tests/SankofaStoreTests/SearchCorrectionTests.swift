import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import Testing

/// Typo tolerance on both engines (issue 21): a misspelt word is corrected to the nearest word
/// the index holds, said so; a quoted word never is; a word only members' documents hold is
/// never offered to a visitor.
@Suite("Search with corrections")
struct SearchCorrectionTests {
    static func withIndex(_ engine: TestEngine, _ body: @escaping @Sendable (any SearchIndex) async throws -> Void) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let index = searchIndex(on: db)
            for (slug, audience, title) in [("en-rehab", SearchAudience.everyone, "Rehabilitation of offenders"),
                                            ("ru-rehab", .everyone, "Реабилитация осуждённых"),
                                            ("en-members", .members, "Confidential deradicalisation mentoring")] {
                let id = UUID()
                try await index.replace(kind: .practice, recordID: id, with: [
                    SearchDocument(kind: .practice, recordID: id, slug: slug, language: slug.hasPrefix("ru") ? .ru : .en,
                                   audience: audience, title: title, body: "Programme"),
                ])
            }
            try await body(index)
        }
    }

    @Test(arguments: TestEngine.all)
    func aMisspeltWordIsCorrected(engine: TestEngine) async throws {
        try await Self.withIndex(engine) { index in
            let results = try await index.searchCorrecting(SearchRequest(query: "rehabilitaion offenders"), preferring: .en)
            #expect(results.correction == SearchCorrection(original: "rehabilitaion offenders", corrected: "rehabilitation offenders"))
            #expect(results.hits.map(\.slug) == ["en-rehab"])
            let russian = try await index.searchCorrecting(SearchRequest(query: "реабилтация"), preferring: .ru)
            #expect(russian.correction?.corrected == "реабилитация")
            #expect(russian.hits.first?.slug == "ru-rehab")
            // A word that finds its documents is left alone.
            let right = try await index.searchCorrecting(SearchRequest(query: "rehabilitation"), preferring: .en)
            #expect(right.correction == nil && right.hits.first?.slug == "en-rehab")
        }
    }

    @Test(arguments: TestEngine.all)
    func quotedWordsAndPrivateWordsAreNotCorrected(engine: TestEngine) async throws {
        try await Self.withIndex(engine) { index in
            let quoted = try await index.searchCorrecting(SearchRequest(query: "\"rehabilitaion\""), preferring: .en)
            #expect(quoted.correction == nil && quoted.total == 0)
            var plain = SearchRequest(query: "rehabilitaion")
            plain.corrects = false
            let uncorrected = try await index.searchCorrecting(plain, preferring: .en)
            #expect(uncorrected.correction == nil && uncorrected.total == 0)
            // Only a members' document holds "confidential": a visitor is offered nothing, a member the word.
            let visitor = try await index.searchCorrecting(SearchRequest(query: "confidentail"), preferring: .en)
            #expect(visitor.correction == nil && visitor.total == 0)
            let member = try await index.searchCorrecting(SearchRequest(query: "confidentail", audiences: [.everyone, .members]), preferring: .en)
            #expect(member.correction?.corrected == "confidential")
        }
    }
}
