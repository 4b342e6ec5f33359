import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

@Suite("Pages in six languages")
struct PagesTests {
    /// Every page, every language: 200, `lang` and `dir` on `<html>`, the heading in that language.
    @Test(arguments: TestEngine.all)
    func everyPageInEveryLanguage(engine: TestEngine) async throws {
        try await withTestApp(engine) { app in
            let catalogs = Catalogs.bundled
            let slug = "operation-safe-corridor-nigeria"
            for language in Language.allCases {
                let pages: [(String, String)] = [
                    (SiteURL.home(language).path, catalogs.text("home.heading", language)),
                    (SiteURL.practices(language).path, catalogs.text("practices.heading", language)),
                    (SiteURL.about(language).path, catalogs.text("about.heading", language)),
                    (SiteURL.practice(language, slug: slug).path, catalogs.text("practice.facts", language)),
                ]
                for (path, heading) in pages {
                    let response = try await app.get(path)
                    #expect(response.status == .ok, "\(path)")
                    #expect(firstAttribute("lang", of: "html", in: response.text) == language.rawValue, "\(path)")
                    #expect(firstAttribute("dir", of: "html", in: response.text) == (language == .ar ? "rtl" : "ltr"), "\(path)")
                    #expect(response.text.contains(escapeHTML(heading)), "\(path) lacks \(heading)")
                    #expect(response.headers.first(name: .contentLanguage) == language.rawValue)
                }
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func rootRedirectsByAcceptLanguage(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let cases: [(String?, String)] = [
                (nil, "/en/"),
                ("fr-FR,fr;q=0.9,en;q=0.8", "/fr/"),
                ("de-DE,de;q=0.9,ar;q=0.5", "/ar/"),
                ("en;q=0.4,zh-CN;q=0.8", "/zh/"),
                ("ru;q=0, es;q=0.1", "/es/"),
                ("de, ja", "/en/"),
            ]
            for (header, target) in cases {
                var headers = HTTPHeaders()
                if let header { headers.replaceOrAdd(name: .acceptLanguage, value: header) }
                let response = try await app.get("/", headers: headers)
                #expect(response.status == .seeOther, "\(header ?? "none")")
                #expect(response.headers.first(name: .location) == target, "\(header ?? "none")")
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func unknownLanguageIsATranslatedNotFoundPage(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let response = try await app.get("/de/practices", headers: ["Accept-Language": "fr"])
            #expect(response.status == .notFound)
            #expect(response.text.contains(escapeHTML(Catalogs.bundled.text("error.notFound.title", .fr))))
            #expect(firstAttribute("lang", of: "html", in: response.text) == "fr")

            let missing = try await app.get("/ar/practices/no-such-practice")
            #expect(missing.status == .notFound)
            #expect(firstAttribute("dir", of: "html", in: missing.text) == "rtl")
            #expect(missing.text.contains(escapeHTML(Catalogs.bundled.text("error.notFound.title", .ar))))
        }
    }

    @Test(arguments: TestEngine.all)
    func languageSwitcherKeepsPathAndQuery(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let response = try await app.get("/en/practices?theme=prisons&sort=title")
            for language in Language.allCases {
                #expect(response.text.contains("href=\"/\(language.rawValue)/practices?theme=prisons&amp;sort=title\""), "\(language)")
            }
        }
    }

    /// A practice written in French, untranslated into Arabic, shows the French text marked as
    /// French, left to right, under a notice in Arabic.
    @Test(arguments: TestEngine.all)
    func untranslatedContentFallsBackToTheOriginal(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let response = try await app.get("/ar/practices/prison-dialogue")
            #expect(response.status == .ok)
            let notice = Catalogs.bundled.text("content.fallback", .ar, ["language": Language.fr.name(in: .ar)])
            #expect(response.text.contains(escapeHTML(notice)))
            #expect(response.text.contains("lang=\"fr\" dir=\"ltr\""))
            #expect(response.text.contains(escapeHTML("Dialogue avec les détenus")))

            let english = try await app.get("/en/practices/prison-dialogue")
            #expect(english.text.contains("Prison dialogue with religious scholars"))
            #expect(!english.text.contains(escapeHTML(Catalogs.bundled.text("content.fallback", .en, ["language": Language.fr.name(in: .en)]))))
        }
    }

    @Test(arguments: TestEngine.all)
    func onlyPublishedPracticesArePublic(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            #expect(try await app.get("/en/practices/unpublished-idea").status == .notFound)
            #expect(try await app.get("/api/v1/practices/unpublished-idea").status == .notFound)
            let list = try await app.get("/en/practices?q=confidential")
            #expect(!list.text.contains("Confidential draft"))
            let api = try await app.get("/api/v1/practices?perPage=100")
            #expect(!api.text.contains("unpublished-idea"))
        }
    }

    @Test(arguments: TestEngine.all)
    func stylesheetIsFingerprintedAndCachedForAYear(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let home = try await app.get("/en/")
            let href = try #require(firstAttribute("href", of: "link rel=\"stylesheet\"", in: home.text))
            #expect(href.hasPrefix("/assets/sankofa.") && href.hasSuffix(".css"))
            let css = try await app.get(href)
            #expect(css.status == .ok)
            #expect(css.headers.first(name: .cacheControl)?.contains("immutable") == true)
            #expect(try await app.get("/assets/sankofa.000000.css").status == .notFound)
        }
    }

    @Test(arguments: TestEngine.all)
    func securityHeadersOnEveryResponse(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            for path in ["/en/", "/api/v1/practices", "/nowhere", "/healthz"] {
                let response = try await app.get(path)
                #expect(response.headers.first(name: "Content-Security-Policy") == SecurityHeadersMiddleware.contentSecurityPolicy, "\(path)")
                #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff", "\(path)")
                #expect(response.headers.first(name: "Referrer-Policy") != nil, "\(path)")
            }
        }
    }

    /// The cache serves the rendered page again until any write bumps the data version.
    @Test(arguments: TestEngine.all)
    func renderedPagesAreCachedUntilTheDataChanges(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small), pageCache: true) { app in
            let first = try await app.get("/en/practices/regional-training")
            let again = try await app.get("/en/practices/regional-training")
            #expect(first.text == again.text)
            #expect(first.text.contains("Regional training for prison officers"))

            var record = Fixtures.small[1]
            record.translations[.en]?.title = "Regional training, second edition"
            try await PracticeStore(database: app.db).save(record)
            let changed = try await app.get("/en/practices/regional-training")
            #expect(changed.text.contains("Regional training, second edition"))
            let list = try await app.get("/en/practices")
            #expect(list.text.contains("Regional training, second edition"))
        }
    }

    /// A page that opens a session (a form with its CSRF token) is never served to someone else.
    @Test(arguments: TestEngine.all)
    func pagesThatOpenASessionAreNotCached(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty, pageCache: true) { app in
            let first = try await app.get("/en/account/login")
            let second = try await app.get("/en/account/login")
            let a = try #require(first.headers[.setCookie].first), b = try #require(second.headers[.setCookie].first)
            #expect(a != b)
        }
    }
}
