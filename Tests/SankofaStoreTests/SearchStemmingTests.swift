import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import Testing

/// Stemming on both engines (issue 21): the forms readers type find the forms the texts hold,
/// unrelated words stay apart, the very word ranks first, and quoted words match as written.
@Suite("Search with stems")
struct SearchStemmingTests {
    static let documents: [(slug: String, language: Language, title: String, body: String)] = [
        ("ar-extremism", .ar, "مكافحة التطرف العنيف", "برنامج لمنع التطرف في المدارس"),
        ("ar-terrorism", .ar, "الوقاية من الإرهاب", "تعاون إقليمي ضد الإرهاب"),
        ("ru-rehab", .ru, "Программа", "Практика направлена на реабилитацию бывших заключённых"),
        ("ru-repatriation", .ru, "Репатриация женщин и детей", "Возвращение из зон конфликта"),
        ("en-rehab", .en, "Rehabilitation in prisons", "A programme for offenders"),
        ("en-prism", .en, "Prism of communication", "A policy review"),
        ("fr-morchidates", .fr, "Formation des morchidates", "Des guides religieuses au Maroc"),
        ("es-rehab", .es, "Rehabilitaciones comunitarias", "Programa local"),
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

    /// Each failure the issue lists now finds its document (the last word is typed whole, then followed by more).
    @Test(arguments: TestEngine.all)
    func theIssuesFailuresFindTheirDocuments(engine: TestEngine) async throws {
        try await Self.withIndex(engine) { index in
            for (query, slug) in [("تطرف", "ar-extremism"), ("إرهاب", "ar-terrorism"), ("реабилитация", "ru-rehab"),
                                  ("репатриации", "ru-repatriation"), ("rehabilitate", "en-rehab"), ("morchidate", "fr-morchidates"),
                                  ("rehabilitación", "es-rehab"), ("prison rehabilitate", "en-rehab")] {
                let results = try await index.search(SearchRequest(query: query), preferring: .en)
                #expect(results.hits.map(\.slug).contains(slug), "\(query) → \(results.hits.map(\.slug))")
            }
        }
    }

    /// Words Snowball keeps apart find nothing of each other.
    @Test(arguments: TestEngine.all)
    func unrelatedWordsStayApart(engine: TestEngine) async throws {
        try await Self.withIndex(engine) { index in
            for query in ["prism ", "policies ", "communities ", "كاتب "] {
                let results = try await index.search(SearchRequest(query: query), preferring: .en)
                let expected: [String] = query == "prism " ? ["en-prism"] : query == "policies " ? ["en-prism"] : []
                #expect(results.hits.map(\.slug) == expected, "\(query) → \(results.hits.map(\.slug))")
            }
        }
    }

    /// The very word ranks above another form of it; quoted, only the very word (and phrase) matches.
    @Test(arguments: TestEngine.all)
    func exactAboveStemmedAndQuotedAsWritten(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let index = searchIndex(on: db)
            for (slug, title) in [("a-forms", "Reintegrated fighters"), ("b-exact", "Reintegration of fighters")] {
                let id = UUID()
                try await index.replace(kind: .practice, recordID: id, with: [
                    SearchDocument(kind: .practice, recordID: id, slug: slug, language: .en, audience: .everyone, title: title, body: "Programme"),
                ])
            }
            let ranked = try await index.search(SearchRequest(query: "reintegration "), preferring: .en)
            #expect(ranked.hits.map(\.slug) == ["b-exact", "a-forms"])
            let quoted = try await index.search(SearchRequest(query: "\"reintegration\""), preferring: .en)
            #expect(quoted.hits.map(\.slug) == ["b-exact"])
            let phrase = try await index.search(SearchRequest(query: "«reintegration of fighters»"), preferring: .en)
            #expect(phrase.hits.map(\.slug) == ["b-exact"])
            let apart = try await index.search(SearchRequest(query: "“fighters reintegration”"), preferring: .en)
            #expect(apart.hits.isEmpty)
        }
    }
}
