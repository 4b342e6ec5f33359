import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import SQLKit
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// The annual reports on the site: everyone downloads the published files; staff build a year
/// (in the background, the year's page following it), check the files and publish them; a
/// published year is served as it was built, whatever is built after.
@Suite("Annual report pages")
struct AnnualReportPageTests {
    /// HTML only: WeasyPrint's PDFs are checked by scripts/annual-report-checks.py.
    static func prepare(_ app: Application) {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("annual-test-\(UUID().uuidString)")
        app.handbook = HandbookSettings(directory: folder.path, formats: [.html, .epub], weasyPrint: WeasyPrint(executable: nil))
    }

    /// An editor signed in, with the French list page fetched for the session's form token.
    static func editor(_ app: Application) async throws -> Browser {
        prepare(app)
        try await TestUsers.make(app, "editor@example.org", roles: [.member, .editor])
        let editor = Browser(app)
        try await editor.signIn("editor@example.org")
        _ = try await editor.get("/fr/annual-reports")
        return editor
    }

    static func quoted(_ key: String, _ language: Language, _ arguments: [String: String] = [:]) -> String {
        HTMLEscaping.escape(Catalogs.bundled.text(key, language, arguments))
    }

    @Test("Who may see what: visitors and members read, staff build", arguments: TestEngine.all)
    func permissions(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            Self.prepare(app)
            let visitor = try await app.get("/en/annual-reports")
            #expect(visitor.status == .ok)
            #expect(visitor.text.contains(Self.quoted("annualReport.none", .en)))
            #expect(!visitor.text.contains("action=\"/en/annual-reports/build\""))
            #expect(try await app.get("/en/annual-reports/2025").status == .seeOther, "a visitor is sent to sign in")

            try await TestUsers.make(app, "member@example.org", roles: [.member])
            let member = Browser(app)
            try await member.signIn("member@example.org")
            // A form page first, for the session's token: refusals must be the policy's, not CSRF's.
            _ = try await member.get("/en/account")
            #expect(try await member.get("/en/annual-reports").status == .ok)
            #expect(!(try await member.get("/en/annual-reports").text.contains("/en/annual-reports/build")))
            #expect(try await member.get("/en/annual-reports/2025").status == .forbidden)
            #expect(try await member.post("/en/annual-reports/build", ["year": "2025"]).status == .forbidden)
            #expect(try await member.post("/en/annual-reports/2025/publish", [:]).status == .forbidden)
            #expect(try await member.get("/en/annual-reports/2025/preview/annual-report-2025-en.html").status == .forbidden)
            #expect(await app.annualReportBuilds.state(2025) == nil, "nothing was built")

            for (email, role) in [("editor@example.org", Role.editor), ("admin@example.org", Role.admin)] {
                try await TestUsers.make(app, email, roles: [.member, role])
                let staff = Browser(app)
                try await staff.signIn(email)
                for language in Language.allCases {
                    let page = try await staff.get("/\(language.rawValue)/annual-reports")
                    #expect(page.status == .ok)
                    #expect(page.text.contains("<html lang=\"\(language.rawValue)\" dir=\"\(language.direction)\""))
                    #expect(page.text.contains("action=\"/\(language.rawValue)/annual-reports/build\""))
                    #expect(page.text.contains(Self.quoted("annualReport.build", language)))
                    let year = try await staff.get("/\(language.rawValue)/annual-reports/2025")
                    #expect(year.status == .ok && year.text.contains(Self.quoted("annualReport.noFiles", language)))
                }
            }
        }
    }

    @Test("A bad year is a translated 400, and a form without its token is refused", arguments: TestEngine.all)
    func badYear(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let editor = try await Self.editor(app)
            let range = AnnualReports.years()
            let arguments = ["first": String(range.lowerBound), "last": String(range.upperBound)]
            for year in ["abc", "1999", String(range.upperBound + 1), "", "2025; DROP TABLE annual_reports"] {
                let refused = try await editor.post("/fr/annual-reports/build", ["year": year])
                #expect(refused.status == .badRequest, "\(year)")
                #expect(refused.text.contains(Self.quoted("annualReport.error.year", .fr, arguments)), "\(year)")
            }
            for path in ["/ar/annual-reports/abc", "/ar/annual-reports/1999", "/ar/annual-reports/12345/publish"] {
                let response = path.hasSuffix("publish") ? try await editor.post(path, [:]) : try await editor.get(path)
                #expect(response.status == .badRequest, "\(path)")
                #expect(response.text.contains(Self.quoted("annualReport.error.year", .ar, arguments)), "\(path)")
            }
            #expect(try await editor.post("/fr/annual-reports/build", ["year": "2025"], omitToken: true).status == .forbidden)
            #expect(try await app.get("/annual-reports/abc/annual-report-abc-en.html").status == .notFound)
            // Nothing was started: no build state, and none finishing later writes files.
            for year in AnnualReports.years() { #expect(await app.annualReportBuilds.state(year) == nil, "\(year)") }
            await app.annualReportBuilds.waitAll()
            #expect(try await AnnualReports(database: app.db).builtYears().isEmpty)
        }
    }

    @Test("Build in the background, preview, publish; published bytes are kept through a rebuild", arguments: TestEngine.all)
    func buildAndPublish(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let editor = try await Self.editor(app)
            let built = try await editor.post("/fr/annual-reports/build", ["year": "2025"])
            #expect(built.status == .seeOther)
            #expect(built.headers.first(name: .location) == "/fr/annual-reports/2025")
            await app.annualReportBuilds.waitAll()

            #expect(try await editor.get("/fr/annual-reports").text.contains(Self.quoted("annualReport.status.draft", .fr)))
            let page = try await editor.get("/fr/annual-reports/2025")
            #expect(page.headers.first(name: "Refresh") == nil)
            #expect(page.text.contains(Self.quoted("annualReport.draftFiles", .fr)))
            #expect(page.text.contains("/fr/annual-reports/2025/preview/annual-report-2025-ar.html"))
            #expect(page.text.contains("action=\"/fr/annual-reports/2025/publish\""))
            let preview = try await editor.get("/fr/annual-reports/2025/preview/annual-report-2025-ar.html")
            #expect(preview.status == .ok && preview.headers.first(name: .cacheControl)?.contains("no-store") == true)
            #expect(preview.text.contains("<html lang=\"ar\" dir=\"rtl\">"))
            #expect(preview.text.contains(Catalogs.bundled.text("annualReport.title", .ar, ["year": DateFormatting.year(2025, .ar)])))
            #expect(try await editor.get("/fr/annual-reports/2025/preview/annual-report-2025-ar.pdf").status == .notFound, "no WeasyPrint here")
            #expect(try await app.get("/annual-reports/2025/annual-report-2025-ar.html").status == .notFound, "not public yet")
            #expect(!(try await app.get("/en/annual-reports").text.contains("annual-report-2025")))

            #expect(try await editor.post("/fr/annual-reports/2025/publish", [:]).status == .seeOther)
            let staffList = try await editor.get("/fr/annual-reports").text
            #expect(staffList.contains(Self.quoted("annualReport.status.published", .fr)) && !staffList.contains(Self.quoted("annualReport.status.draft", .fr)))
            let list = try await app.get("/es/annual-reports").text
            for language in Language.allCases {
                #expect(list.contains("/annual-reports/2025/annual-report-2025-\(language.rawValue).html"))
            }
            let download = try await app.get("/annual-reports/2025/annual-report-2025-zh.html")
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentType) == "text/html; charset=utf-8")
            #expect(download.headers.first(name: .contentDisposition) == "attachment; filename=\"annual-report-2025-zh.html\"")
            #expect(download.text.contains("<html lang=\"zh\" dir=\"ltr\">"))
            let again = try await editor.post("/fr/annual-reports/2025/publish", [:])
            #expect(again.status == .unprocessableEntity && again.text.contains(Self.quoted("annualReport.error.nothingToPublish", .fr)))

            // Served as built: the bytes kept are what readers get, and a rebuild leaves them alone
            // until it is published in its turn.
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE annual_reports SET content = \(bind: Data("<p>as published</p>".utf8)) WHERE language = 'en' AND format = 'html'").run()
            #expect(try await app.get("/annual-reports/2025/annual-report-2025-en.html").text == "<p>as published</p>")
            #expect(try await editor.post("/fr/annual-reports/build", ["year": "2025"]).status == .seeOther)
            await app.annualReportBuilds.waitAll()
            #expect(try await app.get("/annual-reports/2025/annual-report-2025-en.html").text == "<p>as published</p>")
            #expect(try await editor.get("/fr/annual-reports/2025/preview/annual-report-2025-en.html").text.contains("<html lang=\"en\""))
            #expect(try await editor.post("/fr/annual-reports/2025/publish", [:]).status == .seeOther)
            #expect(try await app.get("/annual-reports/2025/annual-report-2025-en.html").text.contains("<html lang=\"en\""))
            #expect(try await app.get("/annual-reports/2025/..%2F..%2Fetc%2Fpasswd").status == .notFound)
        }
    }
}
