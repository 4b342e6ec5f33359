import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// The indicator pages, files and API: every page in six languages (Arabic right to left), the
/// filter form by GET, bad filter values a translated 400 (never a 500), the CSV's header and rows
/// parsed, the JSON and the API's shapes, and every answer kept out of the anonymous page cache.
@Suite("Indicator pages")
struct IndicatorPageTests {
    @Test("the overview and every indicator's page answer in six languages, Arabic right to left", arguments: TestEngine.all)
    func pagesInSixLanguages(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let catalogs = Catalogs.bundled
            for language in Language.allCases {
                let overview = try await app.get(SiteURL.indicators(language).path)
                #expect(overview.status == .ok)
                #expect(firstAttribute("dir", of: "html", in: overview.text) == (language == .ar ? "rtl" : "ltr"))
                for outcome in ProgrammeOutcome.allCases {
                    #expect(overview.text.contains(escapeHTML(catalogs.text(outcome.labelKey, language))), "\(language) outcome \(outcome)")
                }
                for id in IndicatorID.allCases {
                    #expect(overview.text.contains(escapeHTML(catalogs.text(id.labelKey, language))), "\(language) \(id)")
                    #expect(overview.text.contains(SiteURL.indicator(language, id: id).path))
                }
                // The nav links the overview, marked as the current page.
                #expect(overview.text.contains(#"<a href="\#(SiteURL.indicators(language).path)" aria-current="page">"#))
            }
            for id in IndicatorID.allCases {
                for language in [Language.ar, .zh, .ru] {
                    let page = try await app.get(SiteURL.indicator(language, id: id).path)
                    #expect(page.status == .ok, "\(id) \(language)")
                    #expect(firstAttribute("lang", of: "html", in: page.text) == language.rawValue)
                    #expect(page.text.contains(escapeHTML(catalogs.text(id.definitionKey, language))), "\(id) \(language)")
                    #expect(page.text.contains(SiteURL.indicatorFile(language, id: id, format: .csv).path))
                }
            }
        }
    }

    @Test("the filter form works by GET, keeps the filter in links and files, and names it", arguments: TestEngine.all)
    func filters(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let page = try await app.get("/fr/indicators/published-practices?region=africa&country=ke&theme=prisons&pillar=3")
            #expect(page.status == .ok)
            #expect(page.text.contains(#"<form method="get""#))
            #expect(page.text.contains(#"<option value="africa" selected>"#) && page.text.contains(#"<option value="KE" selected>"#))
            #expect(page.text.contains(#"<option value="prisons" selected>"#) && page.text.contains(#"<option value="3" selected>"#))
            #expect(page.text.contains("/fr/indicators/published-practices.csv?region=africa&amp;country=KE&amp;theme=prisons&amp;pillar=3"))
            #expect(page.text.contains(escapeHTML("Filtré par : Afrique")))
            let overview = try await app.get("/en/indicators?theme=youth")
            #expect(overview.status == .ok && overview.text.contains("/en/indicators/searches?theme=youth"))
            // An empty value is no filter (the form's "All").
            #expect(try await app.get("/en/indicators?region=&country=&theme=&pillar=").status == .ok)
            let api = try await app.get("/api/v1/indicators/country-pairs?region=asiaPacific")
            let dto = try JSONDecoder().decode(IndicatorDTO.self, from: Data(api.body.readableBytesView))
            #expect(dto.filter == IndicatorFilterDTO(region: .asiaPacific, country: nil, theme: nil, pillar: nil))
        }
    }

    @Test("an indicator no filter narrows (searches, downloads) says so instead of offering the filters", arguments: TestEngine.all)
    func filtersThatDoNotApply(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let catalogs = Catalogs.bundled
            for id in IndicatorID.allCases {
                let plain = try await app.get("/fr/indicators/\(id.rawValue)")
                let filtered = try await app.get("/fr/indicators/\(id.rawValue)?region=africa")
                #expect(plain.status == .ok && filtered.status == .ok)
                if id.takesFilters {
                    #expect(plain.text.contains(#"<form method="get""#), "\(id)")
                    #expect(filtered.text.contains(escapeHTML("Filtré par : Afrique")), "\(id)")
                } else {
                    #expect(!plain.text.contains(#"<form method="get""#), "\(id)")
                    #expect(plain.text.contains(escapeHTML(catalogs.text("indicators.filter.none", .fr))), "\(id)")
                    #expect(filtered.text.contains(escapeHTML(catalogs.text("indicators.filter.notApplying", .fr))), "\(id)")
                    #expect(!filtered.text.contains(escapeHTML("Filtré par")), "\(id)")
                    #expect(filtered.text.contains(#"href="/fr/indicators/\#(id.rawValue)""#), "\(id): a link back to the whole figure")
                }
            }
            #expect(IndicatorID.allCases.filter { !$0.takesFilters } == [.handbookDownloads, .searches])
        }
    }

    @Test("bad filter values are a translated 400 on pages and files, a JSON 400 in the API; unknown indicators 404", arguments: TestEngine.all)
    func badValues(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let catalogs = Catalogs.bundled
            let bad = ["region=atlantis", "country=XX", "country=KEN", "theme=cooking", "pillar=5", "pillar=I", "region=africa&region=asiaPacific",
                       "theme=%FF", "country=%3Cscript%3E"]
            for query in bad {
                for path in ["/ar/indicators", "/ar/indicators/directory", "/ar/indicators/directory.csv", "/ar/indicators/directory.json"] {
                    let response = try await app.get(path + "?" + query)
                    #expect(response.status == .badRequest, "\(path)?\(query)")
                    #expect(response.text.contains(escapeHTML(catalogs.text("error.badRequest.title", .ar))), "\(path)?\(query)")
                    #expect(!response.text.contains("<script>"))
                }
                let api = try await app.get("/api/v1/indicators?" + query)
                #expect(api.status == .badRequest, "\(query)")
                #expect(api.headers.contentType == .json)
            }
            #expect(try await app.get("/api/v1/indicators/searches?lang=xx").status == .badRequest)
            for path in ["/en/indicators/nothing", "/en/indicators/searches.xml", "/en/indicators/.csv", "/api/v1/indicators/nothing",
                         "/api/v1/indicators/searches.json"] {
                #expect(try await app.get(path).status == .notFound, "\(path)")
            }
        }
    }

    @Test("the CSV parses: the header, one line for the value, one per year, quarter and breakdown row", arguments: TestEngine.all)
    func csv(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            for id in IndicatorID.allCases {
                let response = try await app.get(SiteURL.indicatorFile(.fr, id: id, format: .csv).path)
                #expect(response.status == .ok)
                #expect(response.headers.contentType?.subType == "csv")
                #expect(response.headers.first(name: .contentDisposition) == "attachment; filename=\"sankofa-\(id.rawValue)-fr.csv\"")
                let rows = StrictCSV.parse(response.text)
                #expect(rows.first == IndicatorCSV.columns)
                let json = try await app.get(SiteURL.indicatorFile(.fr, id: id, format: .json).path)
                let dto = try JSONDecoder().decode(IndicatorDTO.self, from: Data(json.body.readableBytesView))
                let expected = 1 + dto.byYear.count + dto.byQuarter.count + dto.breakdowns.reduce(0) { $0 + $1.rows.count }
                #expect(rows.count == 1 + expected, "\(id)")
                #expect(rows.dropFirst().allSatisfy { $0.count == IndicatorCSV.columns.count && $0[0] == id.rawValue && $0[1] == dto.unit.rawValue })
                #expect(rows.dropFirst().first?[2] == "value")
                for (row, point) in zip(rows.dropFirst(2), dto.byYear) { #expect(row[2] == "year" && row[4] == point.period) }
            }
        }
    }

    @Test("JSON and API shapes: every indicator, its outcome, its language, its filter; kept out of the page cache", arguments: TestEngine.all)
    func jsonShapes(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small), pageCache: true) { app in
            let list = try await app.get("/api/v1/indicators?lang=es")
            #expect(list.status == .ok)
            #expect(list.headers.first(name: .cacheControl) == "private, no-cache")
            let dto = try JSONDecoder().decode(IndicatorListDTO.self, from: Data(list.body.readableBytesView))
            #expect(dto.language == .es)
            #expect(dto.items.map(\.id) == IndicatorID.allCases.map(\.rawValue))
            #expect(dto.outcomes.map(\.number) == [1, 2, 3])
            #expect(dto.outcomes[1].statement == Catalogs.bundled.text("indicators.outcome.2", .es))
            for item in dto.items {
                let id = try #require(IndicatorID(rawValue: item.id))
                #expect(item.outcome == id.outcome.rawValue && item.sensitivity == id.sensitivity && item.language == .es)
                #expect(item.title == Catalogs.bundled.text(id.labelKey, .es))
                #expect(item.url.hasSuffix("/api/v1/indicators/\(id.rawValue)"))
                #expect(item.exact == false)
            }
            let one = try await app.get("/api/v1/indicators/published-practices")
            let item = try JSONDecoder().decode(IndicatorDTO.self, from: Data(one.body.readableBytesView))
            #expect(item.language == .en && item.id == "published-practices" && item.outcome == 3)
            let file = try await app.get("/ru/indicators/published-practices.json")
            #expect(file.headers.contentType == .json)
            #expect(try JSONDecoder().decode(IndicatorDTO.self, from: Data(file.body.readableBytesView)).title
                    == Catalogs.bundled.text("indicators.published-practices.title", .ru))
            for path in ["/en/indicators", "/en/indicators/searches", "/en/indicators/searches.csv", "/api/v1/indicators/searches"] {
                #expect(try await app.get(path).headers.first(name: .cacheControl) == "private, no-cache", "\(path)")
            }
        }
    }

    @Test("the OpenAPI document declares both operations, the filters' allowed values and the shapes' enums", arguments: TestEngine.all)
    func openAPI(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let document = try await app.get(SiteURL.openAPI.path)
            let root = try #require(try JSONSerialization.jsonObject(with: Data(document.body.readableBytesView)) as? [String: Any])
            let paths = try #require(root["paths"] as? [String: Any])
            func parameters(_ path: String) throws -> [String: [String: Any]] {
                let get = try #require((paths[path] as? [String: Any])?["get"] as? [String: Any])
                let list = try #require(get["parameters"] as? [[String: Any]])
                return Dictionary(uniqueKeysWithValues: list.map { ($0["name"] as! String, $0["schema"] as! [String: Any]) })
            }
            for path in ["/api/v1/indicators", "/api/v1/indicators/{slug}"] {
                let schema = try parameters(path)
                #expect(schema["region"]?["enum"] as? [String] == Region.allCases.map(\.rawValue))
                #expect(schema["theme"]?["enum"] as? [String] == Theme.allCases.map(\.rawValue))
                #expect(schema["pillar"]?["enum"] as? [Int] == Pillar.allCases.map(\.rawValue))
                #expect(schema["lang"]?["enum"] as? [String] == Language.allCases.map(\.rawValue))
                #expect((schema["country"]?["enum"] as? [String])?.contains("KE") == true)
            }
            #expect(try parameters("/api/v1/indicators/{slug}")["slug"]?["enum"] as? [String] == IndicatorID.allCases.map(\.rawValue))
            let schemas = try #require((root["components"] as? [String: Any])?["schemas"] as? [String: Any])
            let figure = try #require(((schemas["IndicatorFigure"] as? [String: Any])?["properties"] as? [String: Any])?["kind"] as? [String: Any])
            #expect(figure["enum"] as? [String] == ["count", "measure", "money", "fewerThan", "withheld", "none"])
            // Every property the JSON answers carry is declared.
            let indicator = try #require((schemas["Indicator"] as? [String: Any])?["properties"] as? [String: Any])
            let answer = try await app.get("/api/v1/indicators/searches")
            let keys = try #require(try JSONSerialization.jsonObject(with: Data(answer.body.readableBytesView)) as? [String: Any]).keys
            #expect(Set(keys) == Set(indicator.keys))
        }
    }
}
