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

/// The Handbook on the site: editions freeze their practices, editors compile and publish through
/// forms, visitors read and download published editions only, in six languages.
@Suite("Handbook")
struct HandbookTests {
    /// The files of each test go to a folder of their own; no PDF (WeasyPrint is the script checks' job).
    static func prepare(_ app: Application) -> URL {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("handbook-test-\(UUID().uuidString)")
        app.handbook = HandbookSettings(directory: folder.path, formats: [.html, .epub], weasyPrint: WeasyPrint(executable: nil))
        return folder
    }

    static let texts = ["en": EditionText(title: "Test handbook", foreword: "Foreword in English.", introduction: "Introduction."),
                        "ar": EditionText(title: "دليل تجريبي", foreword: "تصدير بالعربية.")]

    @discardableResult
    static func compiledEdition(_ app: Application, slug: String = "test-edition", publish: Bool = false) async throws -> EditionModel {
        let store = EditionStore(database: app.db)
        let edition = try await store.create(EditionDraft(slug: slug, number: 2, year: 2026, selection: .all, texts: texts))
        try await store.compile(edition)
        if publish { try await store.publish(edition) }
        return edition
    }

    @Test("Compiling freezes the texts: a later edit of a practice leaves the edition unchanged", arguments: TestEngine.all)
    func compilingFreezes(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let edition = try await Self.compiledEdition(app)
            let store = EditionStore(database: app.db)
            let before = try await store.frozen(edition)
            #expect(before.entries.map(\.slug) == ["prison-dialogue", "regional-training", "south-south-exchange"], "drafts stay out")

            var record = try await PracticeStore(database: app.db).find(slug: "regional-training", publishedOnly: false)!.record
            record.translations[.en]!.title = "Renamed after compilation"
            try await PracticeStore(database: app.db).save(record)

            let reloaded = try await store.find(slug: "test-edition", publishedOnly: false)!
            let after = try await store.frozen(reloaded)
            #expect(after == before)
            #expect(try await app.get("/en/handbook/test-edition/africa").text.contains("Renamed after compilation") == false)
            try await store.publish(reloaded)
            let page = try await app.get("/en/handbook/test-edition/africa").text
            #expect(page.contains("Regional training for prison officers") && !page.contains("Renamed after compilation"))
            // A published edition never changes; compiling it again is refused.
            await #expect(throws: EditionStoreError.invalid([.published])) { try await store.compile(reloaded) }
        }
    }

    @Test("Visitors see published editions only; editors preview compiled ones", arguments: TestEngine.all)
    func visibility(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            _ = Self.prepare(app)
            try await Self.compiledEdition(app, slug: "compiled-only")
            try await EditionStore(database: app.db).create(EditionDraft(slug: "a-draft", number: 3, year: 2027, selection: .all, texts: Self.texts))
            for language in Language.allCases {
                let list = try await app.get("/\(language.rawValue)/handbook")
                #expect(list.status == .ok)
                #expect(list.text.contains(Catalogs.bundled.text("handbook.none", language).replacingOccurrences(of: "'", with: "&#39;")))
            }
            #expect(try await app.get("/en/handbook/compiled-only").status == .notFound)
            #expect(try await app.get("/en/handbook/compiled-only/africa").status == .notFound)
            #expect(try await app.get("/en/handbook/a-draft").status == .notFound)

            try await TestUsers.make(app, "editor@example.org", roles: [.member, .editor])
            let editor = Browser(app)
            try await editor.signIn("editor@example.org")
            #expect(try await editor.get("/en/handbook/compiled-only").status == .ok)
            #expect(try await editor.get("/en/handbook/a-draft").status == .notFound, "a draft has nothing to read yet")
            #expect(try await editor.get("/en/editions").text.contains("a-draft"))
            // Every editor page in every language, with its direction.
            for language in Language.allCases {
                for path in ["editions", "editions/new", "editions/a-draft", "editions/compiled-only", "handbook/compiled-only"] {
                    let page = try await editor.get("/\(language.rawValue)/\(path)")
                    #expect(page.status == .ok, "\(language) \(path)")
                    #expect(page.text.contains("<html lang=\"\(language.rawValue)\" dir=\"\(language.direction)\""), "\(language) \(path)")
                }
            }

            try await TestUsers.make(app, "member@example.org", roles: [.member])
            let member = Browser(app)
            try await member.signIn("member@example.org")
            #expect(try await member.get("/en/handbook/compiled-only").status == .notFound)
            #expect(try await member.get("/en/editions").status == .forbidden)
        }
    }

    @Test("Structure, right to left and the fallback notice on the reading pages", arguments: TestEngine.all)
    func readingPages(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await Self.compiledEdition(app, publish: true)
            let contents = try await app.get("/ar/handbook/test-edition")
            #expect(contents.status == .ok)
            let html = contents.text
            #expect(html.contains("<html lang=\"ar\" dir=\"rtl\""))
            #expect(html.contains("دليل تجريبي"))
            for chapter in ["foreword", "introduction", "how-to-read", "africa", "latin-america-caribbean", "index-countries", "index-themes"] {
                #expect(html.contains("/ar/handbook/test-edition/\(chapter)\""), "table of contents links \(chapter)")
                #expect(try await app.get("/ar/handbook/test-edition/\(chapter)").status == .ok)
            }
            let africa = try await app.get("/ar/handbook/test-edition/africa").text
            // Untranslated into Arabic: the French original, marked with its language and a notice.
            #expect(africa.contains("<header lang=\"fr\" dir=\"ltr\"><h3 id=\"e-prison-dialogue-title\">Dialogue avec les détenus</h3>"))
            #expect(africa.contains(Catalogs.bundled.text("content.fallback", .ar, ["language": Language.fr.name(in: .ar)])))
            #expect(africa.contains("rel=\"next\""))
            // The introduction exists in English only: shown in English under the notice.
            let introduction = try await app.get("/ar/handbook/test-edition/introduction").text
            #expect(introduction.contains("<div lang=\"en\" dir=\"ltr\"><p>Introduction.</p></div>"))
            let index = try await app.get("/en/handbook/test-edition/index-countries").text
            #expect(index.contains("href=\"/en/handbook/test-edition/africa#e-regional-training\""))
            #expect(try await app.get("/en/handbook/test-edition/no-such-chapter").status == .notFound)
            #expect(try await app.get("/en/handbook/Bad%20Slug").status == .notFound)
            #expect(try await app.get("/xx/handbook").status == .notFound)
        }
    }

    @Test("An editor creates, compiles (progress page) and publishes; files download with their types", arguments: TestEngine.all)
    func editorFlow(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let folder = Self.prepare(app)
            defer { try? FileManager.default.removeItem(at: folder) }
            try await TestUsers.make(app, "editor@example.org", roles: [.member, .editor])
            let editor = Browser(app)
            try await editor.signIn("editor@example.org")
            #expect(try await editor.get("/fr/editions/new").status == .ok)

            // Bad input: every problem named next to its field, translated, 422, nothing stored.
            let bad = try await editor.post("/fr/editions/new", ["slug": "Bad Slug!", "number": "0", "year": "1999"])
            #expect(bad.status == .unprocessableEntity)
            for key in ["handbook.error.slug", "handbook.error.number", "handbook.error.year", "handbook.error.texts"] {
                #expect(bad.text.contains(Catalogs.bundled.text(key, .fr).replacingOccurrences(of: "'", with: "&#39;")), "\(key)")
            }
            #expect(try await EditionStore(database: app.db).list(publishedOnly: false).isEmpty)
            // No CSRF token: refused.
            #expect(try await editor.post("/fr/editions/new", ["slug": "x"], omitToken: true).status == .forbidden)

            let created = try await editor.post("/fr/editions/new", [
                "slug": "second", "number": "2", "year": "2026", "regions[]": "africa",
                "title_en": "Prisons in Africa", "foreword_ar": "تصدير.", "introduction_zh": "导言。"])
            #expect(created.status == .seeOther)
            #expect(created.headers.first(name: .location) == "/fr/editions/second")
            let taken = try await editor.post("/fr/editions/new", ["slug": "second", "number": "2", "year": "2026", "title_en": "Again"])
            #expect(taken.status == .unprocessableEntity && taken.text.contains("Une autre édition utilise déjà cette adresse."))
            // Publishing before compiling is refused with a message, not an error page.
            let early = try await editor.post("/fr/editions/second/publish", [:])
            #expect(early.status == .unprocessableEntity && early.text.contains("Compilez d&#39;abord l&#39;édition."))

            let compiled = try await editor.post("/fr/editions/second/compile", [:])
            #expect(compiled.status == .seeOther)
            await app.handbookBuilds.waitAll()
            let page = try await editor.get("/fr/editions/second")
            #expect(page.text.contains("Les fichiers sont prêts."))
            #expect(page.headers.first(name: "Refresh") == nil)
            let frozen = try await EditionStore(database: app.db).frozen(EditionStore(database: app.db).find(slug: "second", publishedOnly: false)!)
            #expect(frozen.entries.map(\.slug) == ["prison-dialogue", "regional-training"], "the selection took Africa only")
            #expect(frozen.originalLanguage == .ar)

            #expect(try await app.get("/handbook/second/second-en.epub").status == .notFound, "not public before publication")
            #expect(try await editor.post("/fr/editions/second/publish", [:]).status == .seeOther)
            let list = try await app.get("/es/handbook").text
            #expect(list.contains("/handbook/second/second-ar.epub") && list.contains("/handbook/second/second-zh.html"))
            let epub = try await app.get("/handbook/second/second-ar.epub")
            #expect(epub.status == .ok)
            #expect(epub.headers.first(name: .contentType) == "application/epub+zip")
            #expect(epub.headers.first(name: .contentDisposition) == "attachment; filename=\"second-ar.epub\"")
            #expect(epub.body.readableBytes > 1000)
            // A node without the file (its copies cleared) serves the bytes kept in the database,
            // not a new build (another version of the code could lay the book out otherwise).
            try FileManager.default.removeItem(at: folder.appendingPathComponent("second/.files"))
            #expect(try await app.get("/handbook/second/second-ar.epub").body == epub.body)
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE handbook_files SET content = \(bind: Data("<p>as published</p>".utf8)) WHERE file_name = 'second-en.html'").run()
            #expect(try await app.get("/handbook/second/second-en.html").text == "<p>as published</p>")
            // One recorded before the bytes were kept is made again, the same bytes while the code is.
            try await sql.raw("UPDATE handbook_files SET content = NULL WHERE file_name = 'second-ar.epub'").run()
            try FileManager.default.removeItem(at: folder.appendingPathComponent("second/.files"))
            #expect(try await app.get("/handbook/second/second-ar.epub").body == epub.body)
            let html = try await app.get("/handbook/second/second-zh.html")
            #expect(html.headers.first(name: .contentType) == "text/html; charset=utf-8")
            #expect(html.text.contains("<html lang=\"zh\" dir=\"ltr\">"))
            #expect(try await app.get("/handbook/second/second-zh.pdf").status == .notFound)
            #expect(try await app.get("/handbook/second/..%2F..%2Fetc%2Fpasswd").status == .notFound)
            // Published: the form is gone and changes are refused.
            let change = try await editor.post("/fr/editions/second", ["number": "3", "year": "2026", "title_en": "Changed"])
            #expect(change.status == .unprocessableEntity)
            #expect(try await editor.post("/fr/editions/nope/compile", [:]).status == .notFound)
        }
    }

    @Test("Without WeasyPrint the editor is told why the PDFs are missing; the other files are built", arguments: TestEngine.all)
    func missingWeasyPrintOnTheEditorsPage(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let folder = Self.prepare(app)
            defer { try? FileManager.default.removeItem(at: folder) }
            app.handbook.formats = BookFormat.allCases
            try await EditionStore(database: app.db).create(EditionDraft(slug: "no-pdf", number: 1, year: 2026, selection: .all, texts: Self.texts))
            try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin])
            let admin = Browser(app)
            try await admin.signIn("admin@example.org")
            try await admin.get("/ru/editions/no-pdf")
            #expect(try await admin.post("/ru/editions/no-pdf/compile", [:]).status == .seeOther)
            await app.handbookBuilds.waitAll()
            let page = try await admin.get("/ru/editions/no-pdf")
            #expect(page.status == .ok)
            #expect(page.text.contains(Catalogs.bundled.text("handbook.error.weasyprint", .ru)))
            #expect(page.text.contains("ar pdf, zh pdf, en pdf, fr pdf, ru pdf, es pdf"))
            #expect(page.text.contains("/handbook/no-pdf/no-pdf-ru.epub") && !page.text.contains("no-pdf-ru.pdf"))
            #expect(try await EditionStore(database: app.db).files(of: EditionStore(database: app.db).find(slug: "no-pdf", publishedOnly: false)!).count == 12)
        }
    }

    @Test("The same edition gives byte-identical EPUB and HTML files", arguments: TestEngine.all)
    func reproducibleFiles(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let folder = Self.prepare(app)
            defer { try? FileManager.default.removeItem(at: folder) }
            let edition = try await Self.compiledEdition(app)
            let service = HandbookService(app)
            let first = folder.appendingPathComponent("one"), second = folder.appendingPathComponent("two")
            let report = try await service.build(edition, languages: Language.displayOrder, formats: [.html, .epub], folder: first)
            #expect(report.failures.isEmpty && report.files.count == 12)
            _ = try await service.build(edition, languages: Language.displayOrder, formats: [.html, .epub], folder: second)
            for file in report.files {
                let a = try Data(contentsOf: first.appendingPathComponent(file.name))
                let b = try Data(contentsOf: second.appendingPathComponent(file.name))
                #expect(a == b, "\(file.name)")
            }
            // Without WeasyPrint the PDF fails with the install command; the other formats are built.
            let withPDF = try await service.build(edition, languages: [.ar], formats: [.html, .epub, .pdf], folder: second)
            #expect(withPDF.files.count == 2 && withPDF.failures.count == 1)
            #expect(withPDF.failures[0].message.contains("pip install weasyprint=="))
        }
    }

    /// A PDF built on one node is served by another that never built it: its bytes are kept in
    /// the database with the file's record. WeasyPrint's place is taken by a script that writes
    /// a small PDF-like file (the real one is the Handbook script checks' job).
    @Test("A PDF built on one node is downloaded from another", arguments: TestEngine.all)
    func aPDFTravelsThroughTheDatabase(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let root = FileManager.default.temporaryDirectory.appendingPathComponent("handbook-pdf-\(UUID().uuidString)")
            defer { try? FileManager.default.removeItem(at: root) }
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            let script = root.appendingPathComponent("weasyprint")
            // Arguments: --quiet --media-type print INPUT OUTPUT.
            try "#!/bin/sh\nprintf '%%PDF-1.7\\n%% stand-in for %s\\n' \"$(basename \"$4\")\" > \"$5\"\n".write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
            let builder = root.appendingPathComponent("node-a"), other = root.appendingPathComponent("node-b")
            app.handbook = HandbookSettings(directory: builder.path, formats: [.pdf], weasyPrint: WeasyPrint(executable: script.path))
            let edition = try await Self.compiledEdition(app, slug: "travel", publish: true)
            let report = try await HandbookService(app).build(edition, languages: [.ar, .en], formats: [.pdf])
            #expect(report.failures.isEmpty && report.files.map(\.name).sorted() == ["travel-ar.pdf", "travel-en.pdf"])
            let built = try Data(contentsOf: builder.appendingPathComponent("travel/travel-ar.pdf"))
            #expect(String(decoding: built, as: UTF8.self).hasPrefix("%PDF-1.7"))

            // The builder serves it.
            #expect(Data(buffer: try await app.get("/handbook/travel/travel-ar.pdf").body) == built)
            // Another node: its own folder, no WeasyPrint.
            app.handbook = HandbookSettings(directory: other.path, formats: [.html, .epub], weasyPrint: WeasyPrint(executable: nil))
            let download = try await app.get("/handbook/travel/travel-ar.pdf")
            #expect(download.status == .ok)
            #expect(download.headers.first(name: .contentType) == "application/pdf")
            #expect(Data(buffer: download.body) == built)
            let firstEnglish = try await app.get("/handbook/travel/travel-en.pdf").text
            #expect(firstEnglish.contains("stand-in for") && !firstEnglish.contains("second build"))
            // Built again (another run of the edition's PDFs): every node serves the new bytes,
            // including one that kept a copy of the old ones.
            app.handbook = HandbookSettings(directory: builder.path, formats: [.pdf], weasyPrint: WeasyPrint(executable: script.path))
            try "#!/bin/sh\nprintf '%%PDF-1.7\\n%% second build\\n' > \"$5\"\n".write(to: script, atomically: true, encoding: .utf8)
            try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: script.path)
            #expect(try await HandbookService(app).build(edition, languages: [.en], formats: [.pdf]).failures.isEmpty)
            app.handbook = HandbookSettings(directory: other.path, formats: [.html, .epub], weasyPrint: WeasyPrint(executable: nil))
            #expect(try await app.get("/handbook/travel/travel-en.pdf").text.contains("second build"))
        }
    }
}
