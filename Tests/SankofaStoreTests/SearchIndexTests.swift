import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import Testing

@Suite("Search index")
struct SearchIndexTests {
    /// What is indexed for members only is never found by a visitor's search, and found by a member's.
    @Test(arguments: TestEngine.all)
    func audienceDecidesWhatIsFound(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let index = searchIndex(on: db)
            let id = UUID()
            try await index.replace(kind: .practice, recordID: id, with: [
                SearchDocument(kind: .practice, recordID: id, slug: "contact-routes", language: .en, audience: .members,
                               title: "Contact routes", body: "Reach the focal point through the secure channel."),
            ])
            let visitor = try await index.search(SearchRequest(query: "focal point"), preferring: .en)
            #expect(visitor.total == 0 && visitor.hits.isEmpty)
            let member = try await index.search(SearchRequest(query: "focal point", audiences: [.everyone, .members]), preferring: .en)
            #expect(member.hits.map(\.slug) == ["contact-routes"])
        }
    }

    /// A translation matching in several languages comes back once, in the reader's language on a tie.
    @Test(arguments: TestEngine.all)
    func oneHitPerRecordPreferringTheReadersLanguage(engine: TestEngine) async throws {
        var record = Fixtures.small[1]
        record.translations[.fr] = record.translations[.en]
        try await withTestDatabase(engine, data: .records([record])) { db in
            let index = searchIndex(on: db)
            let french = try await index.search(SearchRequest(query: "regional training"), preferring: .fr)
            #expect(french.total == 1 && french.hits.map(\.language) == [.fr])
            #expect(french.languages == ["en": 1, "fr": 1])
            let english = try await index.search(SearchRequest(query: "regional training"), preferring: .en)
            #expect(english.hits.map(\.language) == [.en])
        }
    }
}
