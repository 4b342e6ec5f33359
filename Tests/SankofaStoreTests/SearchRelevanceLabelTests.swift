import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import Testing

/// The labelled queries of `scripts/data/search-relevance.json`, which `scripts/bench-search
/// --relevance` runs as a visitor over the demo data, may only expect what a visitor can find:
/// published demo practices. Seven of them expected a practice still submitted or in draft, which
/// no search may show a visitor, and counted that as a miss in every language.
@Suite("Search relevance labels")
struct SearchRelevanceLabelTests {
    struct Query: Decodable { var language: String; var query: String; var expected: [String] }

    @Test func everyExpectedPracticeIsAPublishedDemoPractice() throws {
        let file = URL(fileURLWithPath: #filePath).deletingLastPathComponent()
            .appendingPathComponent("../../scripts/data/search-relevance.json").standardized
        let queries = try JSONDecoder().decode([Query].self, from: Data(contentsOf: file))
        let statuses = Dictionary(try Fixtures.demo().map { ($0.slug, $0.status) }, uniquingKeysWith: { first, _ in first })
        #expect(queries.count >= 60)
        #expect(Set(queries.map(\.language)) == Set(Language.allCases.map(\.rawValue)))
        for query in queries {
            #expect(!query.expected.isEmpty, "\(query.language) \(query.query): expects nothing")
            for slug in query.expected {
                #expect(statuses[slug] == .published, "\(query.language) \(query.query): \(slug) is \(statuses[slug].map(\.rawValue) ?? "not a demo practice")")
            }
        }
    }
}
