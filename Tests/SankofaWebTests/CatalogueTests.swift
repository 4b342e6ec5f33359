import Foundation
import SankofaCore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

@Suite("The practice catalogue: facets, search, pagination")
struct CatalogueTests {
    static func titles(_ html: String) -> [String] {
        texts(of: "h2 class=\"card-title\"", in: html)
    }

    @Test(arguments: TestEngine.all)
    func facetsFilterAndCountWithOtherFiltersApplied(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let all = try await app.get("/api/v1/practices")
            let body = try all.content.decode(PracticeListDTO.self)
            #expect(body.total == 3)
            let regions = Dictionary(uniqueKeysWithValues: body.facets["region"]!.map { ($0.value, $0.count) })
            #expect(regions == ["africa": 2, "latinAmericaCaribbean": 1, "asiaPacific": 1])
            let scopes = Dictionary(uniqueKeysWithValues: body.facets["scope"]!.map { ($0.value, $0.count) })
            #expect(scopes == ["national": 1, "regional": 1, "interRegional": 1])

            // Within a facet values are alternatives; the facet's own counts ignore its filter,
            // the other facets' counts apply it.
            let prisons = try await app.get("/api/v1/practices?theme=prisons").content.decode(PracticeListDTO.self)
            #expect(prisons.total == 2)
            let themeCounts = Dictionary(uniqueKeysWithValues: prisons.facets["theme"]!.map { ($0.value, $0.count) })
            #expect(themeCounts["rehabilitation-reintegration"] == 1)
            let scopeCounts = Dictionary(uniqueKeysWithValues: prisons.facets["scope"]!.map { ($0.value, $0.count) })
            #expect(scopeCounts == ["national": 1, "regional": 1])

            let combined = try await app.get("/api/v1/practices?theme=prisons&scope=regional").content.decode(PracticeListDTO.self)
            #expect(combined.items.map(\.slug) == ["regional-training"])
            let either = try await app.get("/api/v1/practices?maturity=evaluated&maturity=scaledUp").content.decode(PracticeListDTO.self)
            #expect(Set(either.items.map(\.slug)) == ["prison-dialogue", "south-south-exchange"])
        }
    }

    @Test(arguments: TestEngine.all)
    func htmlFacetsShowCountsAndToggle(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let page = try await app.get("/en/practices?region=africa")
            #expect(page.status == .ok)
            #expect(Set(Self.titles(page.text)) == ["Prison dialogue with religious scholars", "Regional training for prison officers"])
            // The selected value links to the list without it, and is marked for assistive technology.
            #expect(page.text.contains("<a href=\"/en/practices\" aria-current=\"true\" class=\"selected\">"))
            #expect(page.text.contains(escapeHTML(Catalogs.bundled.plural("practices.count", count: 2, .en))))
            // Counts of another facet with the region applied: only African countries remain.
            #expect(page.text.contains(escapeHTML(Countries.name(of: "KE", in: .en))))
            #expect(!page.text.contains(">\(Countries.name(of: "CO", in: .en))<"))
        }
    }

    @Test(arguments: TestEngine.all)
    func queryMatchesAccentsAndCaseInAnyTranslation(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            for query in ["DETENUS", "détenus", "prison%20dialogue", "colombia"] {
                let body = try await app.get("/api/v1/practices?q=\(query)").content.decode(PracticeListDTO.self)
                #expect(body.total == 1, "\(query)")
            }
            let none = try await app.get("/api/v1/practices?q=100%25_").content.decode(PracticeListDTO.self)
            #expect(none.total == 0)
        }
    }

    @Test(arguments: TestEngine.all)
    func paginationAndSort(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let first = try await app.get("/api/v1/practices?perPage=2&sort=title").content.decode(PracticeListDTO.self)
            #expect(first.pages == 2)
            #expect(first.items.map(\.slug) == ["prison-dialogue", "regional-training"])
            let second = try await app.get("/api/v1/practices?perPage=2&sort=title&page=2").content.decode(PracticeListDTO.self)
            #expect(second.items.map(\.slug) == ["south-south-exchange"])
            let beyond = try await app.get("/en/practices?page=500")
            #expect(beyond.status == .ok)
            #expect(beyond.text.contains(escapeHTML(Catalogs.bundled.text("practices.beyondLastPage", .en))))
        }
    }

    @Test(arguments: TestEngine.all)
    func demoCatalogueIsPagedTwentyAtATime(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let page = try await app.get("/fr/practices")
            #expect(Self.titles(page.text).count == 20)
            #expect(page.text.contains("rel=\"next\" href=\"/fr/practices?page=2\""))
            let home = try await app.get("/fr/")
            #expect(texts(of: "h3 class=\"card-title\"", in: home.text).count == 3)
        }
    }

    @Test(arguments: TestEngine.all)
    func practicePageShowsEveryField(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let records = try Fixtures.demo().filter { $0.status == .published }
            let record = try #require(records.first { $0.translations.count >= 2 && $0.countries.count >= 2 })
            let language = try #require(record.translations.keys.first { $0 != record.originalLanguage })
            let page = try await app.get(SiteURL.practice(language, slug: record.slug).path)
            #expect(page.status == .ok)
            let text = try #require(record.translations[language])
            for field in PracticeText.fieldNames where !text.value(of: field).isEmpty {
                #expect(page.text.contains(escapeHTML(text.value(of: field).components(separatedBy: "\n\n")[0])), "\(field)")
            }
            for code in record.countries {
                #expect(page.text.contains(escapeHTML(Countries.name(of: code, in: language))), "\(code)")
            }
            let scope = try #require(record.scope)
            #expect(page.text.contains(escapeHTML(Catalogs.bundled.text(scope.labelKey, language))))
            #expect(page.text.contains(escapeHTML(Catalogs.bundled.text(record.maturity.labelKey, language))))
            for source in record.sources { #expect(page.text.contains(escapeHTML(source.url))) }
            #expect(page.text.contains(escapeHTML(Catalogs.bundled.text("practice.related", language))))
        }
    }
}
