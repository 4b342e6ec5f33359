import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import Testing

/// Past ``SearchLimits/scan`` matching documents search stops counting and ranking everything
/// (a word found in most documents would otherwise cost tens of milliseconds). Small limits
/// here stand for the real ones (2,000, 1,000, 300). SQLite reads matches in rowid order, so
/// it knows which counts are whole; PostgreSQL reads them in no order, hence a few assertions
/// for SQLite alone.
@Suite("Search beyond its limits")
struct SearchLimitsTests {
    static let limits = SearchLimits(scan: 10, count: 5, candidates: 4)

    /// 12 English practices (even ones with the word in their title), 3 French ones, 2 experts
    /// with an English and a French profile, 1 centre in Spanish: 20 matching documents.
    static func load(_ index: any SearchIndex) async throws {
        func add(_ kind: SearchKind, _ slug: String, _ texts: [(Language, String, String)]) async throws {
            let id = UUID()
            try await index.replace(kind: kind, recordID: id, with: texts.map { language, title, body in
                SearchDocument(kind: kind, recordID: id, slug: slug, language: language, audience: .everyone, title: title, body: body)
            })
        }
        try await add(.expert, "expert-a", [(.en, "Amina", "Works on common ground."), (.fr, "Amina", "Travaille sur le common ground.")])
        try await add(.expert, "expert-b", [(.en, "Bilal", "Common ground again."), (.fr, "Bilal", "Encore common ground.")])
        for n in 0..<3 { try await add(.practice, "fr-\(n)", [(.fr, "Pratique \(n)", "Un terrain common.")]) }
        try await add(.centre, "centre-es", [(.es, "Centro", "Un terreno common.")])
        for n in 0..<12 {
            let title = n.isMultiple(of: 2) ? "Common approach \(n)" : "Approach \(n)"
            try await add(.practice, String(format: "en-%02d", n), [(.en, title, "A practice about common ground and other things, number \(n).")])
        }
    }

    @Test(arguments: TestEngine.all)
    func countsStopAtTheLimitAndSaySo(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let index = searchIndex(on: db)
            try await Self.load(index)
            var request = SearchRequest(query: "common")
            request.limits = Self.limits
            let results = try await index.search(request, preferring: .en)
            // 17 records match: the total says "more than 5".
            #expect(!results.totalIsExact && results.total == 5)
            // The English scan stopped after 6 documents (2 profiles first, then 4 practices).
            #expect(results.languages == ["en": 5, "fr": 5, "es": 1])
            #expect(results.languagesAtLeast == ["en"])
            // Each expert once although both their translations match.
            #expect(results.kinds == ["expert": 2, "centre": 1, "practice": 5])
            #expect(results.kindsAtLeast.contains("practice") && !results.kindsAtLeast.contains("centre"))
            // SQLite: profiles and the centre come before practices in each language, so they
            // were counted whole.
            if engine == .sqlite { #expect(results.kindsAtLeast == ["practice"]) }

            // Below the limits the same words are counted exactly.
            let exact = try await index.search(SearchRequest(query: "common"), preferring: .en)
            #expect(exact.totalIsExact && exact.total == 18 && exact.kindsAtLeast.isEmpty)
            #expect(exact.kinds == ["expert": 2, "centre": 1, "practice": 15])
        }
    }

    @Test(arguments: TestEngine.all)
    func rankingReadsCandidatesInTheReadersLanguageFirst(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let index = searchIndex(on: db)
            try await Self.load(index)
            var request = SearchRequest(query: "common", perPage: 3)
            request.limits = Self.limits
            let first = try await index.search(request, preferring: .en)
            #expect(first.hits.count == 3 && first.hits.allSatisfy { $0.language == .en })
            if engine == .sqlite {
                // The four newest English practices, title hits (8, 10) above text hits (9, 11).
                #expect(Set(first.hits.prefix(2).map(\.slug)) == ["en-08", "en-10"])
                #expect(["en-09", "en-11"].contains(first.hits[2].slug))
            }
            // Page 2 goes on into the other languages; no record twice across pages.
            request.page = 2
            let second = try await index.search(request, preferring: .en)
            #expect(second.hits.count >= 2)
            #expect(Set(first.hits.map(\.slug)).isDisjoint(with: second.hits.map(\.slug)))
            #expect(second.hits.first?.language == .en)
            // The pages reach the candidates read, and no further than the total shown.
            #expect(second.reachable ?? 0 >= 7 && second.pageable == 5)
            if engine == .sqlite {
                #expect(second.hits.count == 3 && second.reachable == 8)
                #expect(second.hits.dropFirst().allSatisfy { $0.language != .en })
            }
            // A French reader gets French candidates first.
            request.page = 1
            let french = try await index.search(request, preferring: .fr)
            #expect(french.hits.first?.language == .fr)
        }
    }

    @Test(arguments: TestEngine.all)
    func filtersApplyToTheBoundedCountsToo(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let index = searchIndex(on: db)
            try await Self.load(index)
            var request = SearchRequest(query: "common", kinds: [.expert])
            request.limits = Self.limits
            let experts = try await index.search(request, preferring: .en)
            // The language facet counts experts only; the kind facet is unchanged by a kind filter.
            #expect(experts.total == 2 && experts.languages["fr"] == 2)
            if engine == .sqlite { #expect(experts.totalIsExact && experts.languages == ["en": 2, "fr": 2]) }
            #expect(Set(experts.hits.map(\.slug)) == ["expert-a", "expert-b"])
            request = SearchRequest(query: "common", languages: [.fr])
            request.limits = Self.limits
            let french = try await index.search(request, preferring: .en)
            // 2 + 3 French documents: below the count limit, every number is exact.
            #expect(french.total == 5 && french.totalIsExact)
            #expect(french.kinds == ["expert": 2, "practice": 3])
            // Exact counts of a few records: all of them are ranked, none out of reach.
            #expect(french.hits.count == 5 && french.reachable == nil)
        }
    }
}
