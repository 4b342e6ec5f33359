import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// The search page and API with corrections and cross-language hits (issue 21): "Showing
/// results for …" with the link to the words as typed, the concept's hits labelled with their
/// language and as found through the concept, the language filter.
@Suite("Search corrections and languages on the page")
struct SearchCorrectionPageTests {
    @Test(arguments: TestEngine.all)
    func aMisspeltWordShowsWhatWasSearched(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(SearchFixtures.records)) { app in
            let page = try await app.get("/en/search?q=mentorng")
            #expect(page.status == .ok)
            #expect(page.text.contains("Showing results for “mentoring”."))
            #expect(page.text.contains(#"<a href="/en/search?q=mentorng&amp;asTyped=1">Search instead for “mentorng”</a>"#)
                    || page.text.contains(#"<a href="/en/search?q=mentorng&asTyped=1">Search instead for “mentorng”</a>"#))
            #expect(page.text.contains("Mentoring networks for returnees"))
            let french = try await app.get("/fr/search?q=mentorng")
            #expect(french.text.contains("Résultats pour « mentoring »."))
            let api = try await app.get("/api/v1/search?q=mentorng").content.decode(SearchController.ResultsDTO.self)
            #expect(api.correctedQuery == "mentoring" && api.query == "mentorng")
            #expect(api.items.map(\.slug).contains("title-mentoring"))
            // As typed: no correction, nothing found.
            let asTyped = try await app.get("/en/search?q=mentorng&asTyped=1")
            #expect(!asTyped.text.contains("Showing results for") && !asTyped.text.contains("Mentoring networks"))
            let quoted = try await app.get("/api/v1/search?q=%22mentorng%22").content.decode(SearchController.ResultsDTO.self)
            #expect(quoted.correctedQuery == nil && quoted.total == 0)
        }
    }

    /// An Arabic reader's الإرشاد finds the Arabic practice first, then the English ones through the
    /// mentoring concept, each labelled with its language and as found through the concept.
    @Test(arguments: TestEngine.all)
    func conceptHitsAreLabelledAndFiltered(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(SearchFixtures.records)) { app in
            let api = try await app.get("/api/v1/search?q=%D8%A7%D9%84%D8%A5%D8%B1%D8%B4%D8%A7%D8%AF&lang=ar")
                .content.decode(SearchController.ResultsDTO.self)
            #expect(api.items.first?.slug == "arabic-prison-guidance" && api.items.first?.throughConcept == false)
            #expect(Set(api.items.dropFirst().map(\.slug)) == ["title-mentoring", "body-mentoring"], "\(api.items.map(\.slug))")
            #expect(api.items.dropFirst().allSatisfy { $0.throughConcept && $0.language == "en" })
            let page = try await app.get("/ar/search?q=%D8%A7%D9%84%D8%A5%D8%B1%D8%B4%D8%A7%D8%AF")
            #expect(page.text.contains("وُجد عبر المفهوم نفسه بلغة أخرى"))
            #expect(page.text.contains(Language.en.name(in: .ar)))
            let english = try await app.get("/api/v1/search?q=%D8%A7%D9%84%D8%A5%D8%B1%D8%B4%D8%A7%D8%AF&language=en")
                .content.decode(SearchController.ResultsDTO.self)
            #expect(Set(english.items.map(\.slug)) == ["title-mentoring", "body-mentoring"] && english.total == 2)
        }
    }
}
