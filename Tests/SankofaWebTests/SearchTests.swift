import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

@Suite("Multilingual search")
struct SearchTests {
    static func slugs(_ app: Application, _ query: String, _ extra: String = "") async throws -> [String] {
        let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
        let response = try await app.get("/api/v1/search?q=\(encoded)\(extra)")
        #expect(response.status == .ok, "\(query)")
        // The words as typed: hits found only through a thesaurus concept are SearchCorrectionPageTests' and SearchConceptTests'.
        return try response.content.decode(SearchController.ResultsDTO.self).items.filter { !$0.throughConcept }.map(\.slug)
    }

    @Test(arguments: TestEngine.all)
    func relevanceInSixScripts(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(SearchFixtures.records)) { app in
            let cases: [(String, [String])] = [
                // Arabic with and without diacritics, and with every alef form.
                ("التطرف", ["arabic-prison-guidance"]), ("التطرّف", ["arabic-prison-guidance"]),
                ("الارشاد", ["arabic-prison-guidance"]), ("الإرشاد", ["arabic-prison-guidance"]),
                ("الأرشاد", ["arabic-prison-guidance"]), ("الآرشاد", ["arabic-prison-guidance"]), ("السجون", ["arabic-prison-guidance"]),
                // Chinese: a substring of a longer run, and a single character.
                ("极端主义", ["chinese-community"]), ("暴力极端", ["chinese-community"]), ("社", ["chinese-community"]),
                // Russian ё and е.
                ("молодежи", ["russian-youth"]), ("молодёжи", ["russian-youth"]), ("емкая", ["russian-youth"]),
                // French and Spanish accents, both ways.
                ("detenus", ["french-detainees"]), ("DÉTENUS", ["french-detainees"]), ("educacion", ["spanish-education"]),
                ("réconciliación", ["spanish-education"]), ("reconciliacion", ["spanish-education"]),
                // Prefix of the last word typed.
                ("educa", ["spanish-education"]), ("réinser", ["french-detainees"]),
                // Mixed scripts: every word must match one document.
                ("Программа 极端", []), ("mentoring 极端", []),
            ]
            for (query, expected) in cases {
                let found = try await Self.slugs(app, query)
                #expect(found == expected, "\(query)")
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func aTitleHitRanksAboveABodyHit(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(SearchFixtures.records)) { app in
            #expect(try await Self.slugs(app, "mentoring") == ["title-mentoring", "body-mentoring"])
            let page = try await app.get("/en/search?q=mentoring")
            #expect(page.status == .ok)
            #expect(page.text.contains("<mark>mentoring</mark>"))
            #expect(page.text.range(of: "Mentoring networks")!.lowerBound < page.text.range(of: "Community peace committees")!.lowerBound)
        }
    }

    /// The snippet is assembled in Swift (``Snippet/html(_:)``) and shown unescaped by Leaf: the
    /// text around and inside the marks must come out escaped, in HTML and as plain text in JSON.
    @Test(arguments: TestEngine.all)
    func aSnippetIsEscapedAroundItsMarks(engine: TestEngine) async throws {
        let record = SearchFixtures.text("markup-body", "KE", .en, "Listening sessions",
                                         #"Sessions <b onmouseover="steal()">mentoring</b> & 'follow-up' <script>alert(1)</script>"#)
        try await withTestApp(engine, data: .records([record])) { app in
            let page = try await app.get("/en/search?q=mentoring")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"Sessions &lt;b onmouseover=&quot;steal()&quot;&gt;<mark>mentoring</mark>&lt;/b&gt; &amp; &#39;follow-up&#39; &lt;script&gt;"#))
            #expect(!page.text.contains("<b onmouseover") && !page.text.contains("<script>alert"))
            let api = try await app.get("/api/v1/search?q=mentoring")
            #expect(api.text.contains(#"<b onmouseover=\"steal()\">mentoring</b> & 'follow-up'"#))
        }
    }

    @Test(arguments: TestEngine.all)
    func nothingUnpublishedIsFound(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(SearchFixtures.records)) { app in
            #expect(try await Self.slugs(app, "zanzibarsecret").isEmpty)
            let html = try await app.get("/fr/search?q=zanzibarsecret")
            #expect(!html.text.contains("Zanzibarsecret working notes"))
            let list = try await app.get("/api/v1/practices?q=zanzibarsecret").content.decode(PracticeListDTO.self)
            #expect(list.total == 0)
        }
    }

    @Test(arguments: TestEngine.all)
    func theIndexFollowsUpdatesArchivingAndDeletion(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(SearchFixtures.records)) { app in
            let store = PracticeStore(database: app.db)
            var record = SearchFixtures.records[5]
            record.translations[.en]?.title = "Coaching networks for returnees"
            try await store.save(record)
            #expect(try await Self.slugs(app, "coaching") == ["title-mentoring"])
            #expect(try await Self.slugs(app, "mentoring") == ["body-mentoring"])

            record.status = .archived
            try await store.save(record)
            #expect(try await Self.slugs(app, "coaching").isEmpty)

            #expect(try await store.delete(slug: "body-mentoring"))
            #expect(try await Self.slugs(app, "mentoring").isEmpty)

            // A reindex gives the same answers as the incremental updates.
            _ = try await store.reindex()
            #expect(try await Self.slugs(app, "coaching").isEmpty)
            #expect(try await Self.slugs(app, "detenus") == ["french-detainees"])
        }
    }

    @Test(arguments: TestEngine.all)
    func facetsAndFiltersCombineWithTheQuery(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(SearchFixtures.records)) { app in
            let response = try await app.get("/api/v1/search?q=programa")
            let body = try response.content.decode(SearchController.ResultsDTO.self)
            #expect(body.items.map(\.slug) == ["spanish-education"])
            #expect(body.facets["language"]?.map(\.value) == ["es"])
            #expect(try await Self.slugs(app, "mentoring", "&language=fr").isEmpty)
            #expect(try await Self.slugs(app, "mentoring", "&language=en&type=practice").count == 2)
            let html = try await app.get("/ar/search?q=mentoring&language=en")
            #expect(firstAttribute("dir", of: "html", in: html.text) == "rtl")
            #expect(html.text.contains("lang=\"en\" dir=\"ltr\""))
            #expect(html.text.contains(escapeHTML(Catalogs.bundled.plural("search.count", count: 2, .ar))))
        }
    }

    @Test(arguments: TestEngine.all)
    func badInputIsASensibleResultOrA400(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(SearchFixtures.records)) { app in
            let hostile = ["", " ", "\"", "*", "NEAR", "AND", "OR", "NOT", "-", "\"unbalanced", "((", "a:b", "title:x", "^x",
                           "mentoring AND", "NEAR(mentoring peer)", "'; DROP TABLE search_documents; --",
                           String(repeating: "word ", count: 2_000), String(repeating: "x", count: 10_000), "<script>alert(1)</script>"]
            for query in hostile {
                let encoded = query.addingPercentEncoding(withAllowedCharacters: .alphanumerics) ?? ""
                for path in ["/api/v1/search?q=\(encoded)", "/en/search?q=\(encoded)", "/en/practices?q=\(encoded)"] {
                    let response = try await app.get(path)
                    // The API's document bounds q at 1,000 characters: past that, a 400 naming it (the pages cut it).
                    let overlong = path.hasPrefix("/api/") && query.count > 1_000
                    #expect(response.status == (overlong ? .badRequest : .ok), "\(path.prefix(60))")
                    if overlong {
                        let body = try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: [String: Any]]
                        #expect(body?["error"]?["parameter"] as? String == "q")
                    }
                    // JSON may echo the query as data; an HTML page must escape it.
                    if !path.hasPrefix("/api/") { #expect(!response.text.contains("<script>alert")) }
                    #expect(!response.text.lowercased().contains("fts5") && !response.text.contains("tsquery"))
                }
            }
            for path in ["/api/v1/search?q=%00", "/api/v1/search?q=%E0%A4", "/en/search?q=%C3%28", "/api/v1/search?type=person",
                         "/api/v1/search?q=x&page=0", "/en/search?q=x&language=de"] {
                let response = try await app.get(path)
                #expect(response.status == .badRequest, "\(path)")
            }
            #expect(try await Self.slugs(app, "mentoring").count == 2)
        }
    }

    /// Past the search limits (small here, 2,000 documents and 1,000 records in production),
    /// SQLite says "more than" in the JSON (`totalRelation`, `relation`) and on the page, in
    /// the reader's language and digits, and pages stop where the ranked candidates do.
    @Test func frequentWordsSayMoreThan() async throws {
        let records = (0..<12).map { n in
            Fixtures.record(String(format: "common-%02d", n), countries: ["KE"], themes: [.youth], pillars: [.conditionsConducive],
                            maturity: .piloted, title: "Common approach \(n)")
        }
        try await withTestApp(.sqlite, data: .records(records), searchLimits: SearchLimits(scan: 10, count: 5, candidates: 4)) { app in
            let body = try await app.get("/api/v1/search?q=common").content.decode(SearchController.ResultsDTO.self)
            #expect(body.total == 5 && body.totalRelation == "gte")
            #expect(body.facets["language"]?.map { "\($0.value) \($0.count) \($0.relation)" } == ["en 5 gte"])
            #expect(body.facets["type"]?.map { "\($0.value) \($0.count) \($0.relation)" } == ["practice 5 gte"])
            #expect(body.items.count == 4)
            let exact = try await app.get("/api/v1/search?q=approach%2011").content.decode(SearchController.ResultsDTO.self)
            #expect(exact.total == 1 && exact.totalRelation == "eq" && exact.facets["type"]?.first?.relation == "eq")

            let english = try await app.get("/en/search?q=common")
            #expect(english.text.contains("More than 5 results"))
            #expect(english.text.contains(">5+<"))
            let arabic = try await app.get("/ar/search?q=common")
            #expect(arabic.text.contains(escapeHTML(Catalogs.bundled.plural("search.countAtLeast", count: 5, .ar))))
            #expect(arabic.text.contains(">" + NumberFormatting.integer(5, .ar) + "+<"))
            // Four candidates ranked, one page of 20: no link to a page that would be empty.
            #expect(!english.text.contains("rel=\"next\""))
        }
    }
}
