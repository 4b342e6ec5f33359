import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// Files sent with a reply: kept when their bytes are a kind the forum accepts, whatever their
/// name says; served as downloads under their post's rules.
@Suite("Forum attachments")
struct ForumAttachmentTests {
    static let pdf = Array("%PDF-1.4\n1 0 obj\n<<>>\nendobj\ntrailer\n<<>>\n%%EOF\n".utf8)
    static let png: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A, 0, 0, 0, 13, 0x49, 0x48, 0x44, 0x52]
    static let html = Array("<!DOCTYPE html><html><body><script>alert(document.cookie)</script></body></html>".utf8)
    static let svg = Array("<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"alert(1)\"><rect/></svg>".utf8)
    /// A zip (one stored entry, `notes.txt`): an archive, not an Office document.
    static let zip: [UInt8] = {
        let name = Array("notes.txt".utf8), data = Array("hello".utf8)
        func u16(_ v: Int) -> [UInt8] { [UInt8(v & 0xFF), UInt8(v >> 8)] }
        func u32(_ v: Int) -> [UInt8] { u16(v & 0xFFFF) + u16(v >> 16) }
        let local = [0x50, 0x4B, 0x03, 0x04] + u16(10) + u16(0) + u16(0) + u32(0) + u32(0) + u32(5) + u32(5) + u16(name.count) + u16(0) + name + data
        let central = [0x50, 0x4B, 0x01, 0x02] + u16(20) + u16(10) + u16(0) + u16(0) + u32(0) + u32(0) + u32(5) + u32(5)
            + u16(name.count) + u16(0) + u16(0) + u16(0) + u16(0) + u32(0) + u32(0) + name
        return local + central + [0x50, 0x4B, 0x05, 0x06] + u16(0) + u16(0) + u16(1) + u16(1) + u32(central.count) + u32(local.count) + u16(0)
    }()

    /// Posts a multipart form as the browser would: its fields, the CSRF token, and `files` under
    /// the forms' file input.
    static func upload(_ browser: Browser, _ path: String, fields: [(String, String)],
                       files: [(name: String, bytes: [UInt8], type: String)]) async throws -> TestingHTTPResponse {
        let boundary = "sankofa-test-\(UUID().uuidString)"
        var body = ByteBuffer()
        for (name, value) in fields + [("csrf", browser.csrf ?? "")] {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"\(name)\"\r\n\r\n\(value)\r\n")
        }
        for file in files {
            body.writeString("--\(boundary)\r\nContent-Disposition: form-data; name=\"attachments\"; filename=\"\(file.name)\"\r\n")
            body.writeString("Content-Type: \(file.type)\r\n\r\n")
            body.writeBytes(file.bytes)
            body.writeString("\r\n")
        }
        body.writeString("--\(boundary)--\r\n")
        var headers = HTTPHeaders()
        if let cookie = browser.cookie { headers.add(name: .cookie, value: cookie) }
        if let origin = browser.origin { headers.add(name: .origin, value: origin) }
        headers.add(name: .contentType, value: "multipart/form-data; boundary=\(boundary)")
        var result: TestingHTTPResponse?
        try await browser.app.testing().test(.POST, path, headers: headers, body: body) { result = $0 }
        return result!
    }

    struct Scene {
        var member: UserModel
        var thread: Int
        var browser: Browser
        var replyPath: String
    }

    static func scene(_ app: Application) async throws -> Scene {
        let member = try await ForumFixtures.member(app, "writer@example.org")
        let category = try await ForumFixtures.category(app, "general", visibility: .members)
        let (thread, _) = try await ForumFixtures.thread(app, category: category, author: try member.requireID())
        let browser = Browser(app)
        try await browser.signIn("writer@example.org")
        let replyPath = "/en/forum/threads/\(thread)/reply"
        try await browser.get(replyPath)
        return Scene(member: member, thread: thread, browser: browser, replyPath: replyPath)
    }

    /// The files of the thread's last post.
    static func lastFiles(_ app: Application, _ thread: Int) async throws -> [ForumAttachments.Summary] {
        let last = try await (app.db as! any SQLDatabase).raw("""
            SELECT id FROM forum_posts WHERE thread_id = \(bind: thread) ORDER BY number DESC LIMIT 1
            """).first()!.decode(column: "id", as: Int.self)
        return try await ForumAttachments(database: app.db).list(postIDs: [last])[last] ?? []
    }

    @Test("A reply carries files; each is typed by its bytes and listed under the post", arguments: TestEngine.all)
    func aReplyCarriesFiles(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let scene = try await Self.scene(app)
            #expect(try await scene.browser.get(scene.replyPath).text.contains("enctype=\"multipart/form-data\""))
            let response = try await Self.upload(scene.browser, scene.replyPath, fields: [("body", "The report and a photo"), ("language", "en")],
                                                 files: [("report.pdf", Self.pdf, "application/pdf"), ("setup.exe", Self.pdf, "application/x-msdownload"),
                                                         ("photo.png", Self.png, "image/png")])
            #expect(response.status == .seeOther)
            let files = try await Self.lastFiles(app, scene.thread)
            #expect(files.map(\.filename) == ["report.pdf", "setup.exe.pdf", "photo.png"])
            #expect(files.map(\.contentType) == ["application/pdf", "application/pdf", "image/png"])
            let page = try await scene.browser.get("/en/forum/threads/\(scene.thread)?page=1")
            #expect(page.text.contains("/en/forum/attachments/\(files[0].id)/report.pdf") && page.text.contains("setup.exe.pdf"))
        }
    }

    @Test("A new thread's first post carries files too", arguments: TestEngine.all)
    func aNewThreadCarriesFiles(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let scene = try await Self.scene(app)
            #expect(try await scene.browser.get("/en/forum/c/general/new").text.contains("enctype=\"multipart/form-data\""))
            let response = try await Self.upload(scene.browser, "/en/forum/c/general/new",
                                                 fields: [("category", "general"), ("title", "Budget template"), ("body", "Attached"), ("language", "en")],
                                                 files: [("budget.pdf", Self.pdf, "application/pdf")])
            #expect(response.status == .seeOther)
            let thread = try #require(response.headers.first(name: .location)?.split(separator: "/").last.flatMap { Int($0) })
            #expect(try await Self.lastFiles(app, thread).map(\.filename) == ["budget.pdf"])
        }
    }

    @Test("An HTML file named .pdf, an SVG, an archive: refused with a translated page, and nothing is posted", arguments: TestEngine.all)
    func spoofedTypesAreRefused(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let scene = try await Self.scene(app)
            for (name, bytes, type) in [("report.pdf", Self.html, "application/pdf"), ("diagram.png", Self.svg, "image/png"),
                                        ("diagram.svg", Self.svg, "image/svg+xml"), ("minutes.docx", Self.zip, "application/vnd.openxmlformats-officedocument.wordprocessingml.document")] {
                let response = try await Self.upload(scene.browser, scene.replyPath.replacingOccurrences(of: "/en/", with: "/fr/"),
                                                     fields: [("body", "See attached"), ("language", "en")], files: [(name, bytes, type), ("ok.pdf", Self.pdf, "application/pdf")])
                #expect(response.status == .unsupportedMediaType, "\(name)")
                #expect(response.text.contains(escapeHTML(Catalogs.bundled.text("attachment.error.type", .fr, ["name": name]))), "\(name)")
            }
            #expect(try await ForumLookup(database: app.db).thread(scene.thread)?.postCount == 1)
        }
    }

    @Test("A file over the size setting is a 413, more than five files a 400, both translated", arguments: TestEngine.all)
    func sizeAndCountLimits(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            app.settings.attachmentMaxBytes = 1_000
            let scene = try await Self.scene(app)
            let large = Self.pdf + [UInt8](repeating: 0x20, count: 1_000)
            let tooLarge = try await Self.upload(scene.browser, scene.replyPath, fields: [("body", "Large"), ("language", "en")],
                                                 files: [("large.pdf", large, "application/pdf")])
            #expect(tooLarge.status == .payloadTooLarge)
            #expect(tooLarge.text.contains(escapeHTML(Catalogs.bundled.text("attachment.error.tooLarge", .en, ["name": "large.pdf", "size": "1 KB"]))))
            let six = (1...6).map { (name: "f\($0).pdf", bytes: Self.pdf, type: "application/pdf") }
            let tooMany = try await Self.upload(scene.browser, scene.replyPath, fields: [("body", "Many"), ("language", "en")], files: six)
            #expect(tooMany.status == .badRequest)
            #expect(tooMany.text.contains(escapeHTML(Catalogs.bundled.text("attachment.error.tooMany", .en, ["count": "5"]))))
            #expect(try await ForumLookup(database: app.db).thread(scene.thread)?.postCount == 1)
        }
    }

    @Test("A download is an attachment with its sniffed type, no sniffing, sandboxed, private", arguments: TestEngine.all)
    func downloadHeaders(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let scene = try await Self.scene(app)
            _ = try await Self.upload(scene.browser, scene.replyPath, fields: [("body", "Report"), ("language", "en")],
                                      files: [("تقرير final.pdf", Self.pdf, "text/html")])
            let file = try #require(try await Self.lastFiles(app, scene.thread).first)
            let response = try await scene.browser.get("/en/forum/attachments/\(file.id)/whatever.html")
            #expect(response.status == .ok)
            #expect(response.headers.first(name: .contentType) == "application/pdf")
            let disposition = response.headers.first(name: .contentDisposition) ?? ""
            #expect(disposition == "attachment; filename=\"_____ final.pdf\"; filename*=UTF-8''%D8%AA%D9%82%D8%B1%D9%8A%D8%B1%20final.pdf")
            #expect(response.headers.first(name: "X-Content-Type-Options") == "nosniff")
            #expect(response.headers[.contentSecurityPolicy].contains { $0.hasPrefix("sandbox") })
            #expect(response.headers.first(name: .cacheControl)?.hasPrefix("private") == true)
            #expect(Array(response.body.readableBytesView) == Self.pdf)
        }
    }

    @Test("A group's file is a 404 to outsiders, visitors and a member who left; a hidden post's to other members", arguments: TestEngine.all)
    func groupAndHiddenFilesStayPrivate(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let owner = try await ForumFixtures.member(app, "owner@example.org")
            let member = try await ForumFixtures.member(app, "member@example.org")
            try await ForumFixtures.member(app, "outsider@example.org")
            try await ForumFixtures.member(app, "moderator@example.org", roles: [.member, .moderator])
            let group = try await ForumFixtures.group(app, "wg", members: [(try owner.requireID(), .owner), (try member.requireID(), .member)])
            let room = try await ForumFixtures.category(app, "wg-room", visibility: .group, group: group)
            let (_, posts) = try await ForumFixtures.thread(app, category: room, author: try owner.requireID(), title: "Plan")
            try await ForumAttachments(database: app.db).add([.init(filename: "plan.pdf", kind: .pdf, bytes: Self.pdf, sha256: "x")],
                                                             postID: posts[0], uploaderID: try owner.requireID(), now: 1)
            let id = try #require(try await ForumAttachments(database: app.db).list(postIDs: [posts[0]])[posts[0]]?.first?.id)
            let path = "/en/forum/attachments/\(id)/plan.pdf"

            #expect(try await app.get(path).status == .notFound)
            let outsider = Browser(app)
            try await outsider.signIn("outsider@example.org")
            #expect(try await outsider.get(path).status == .notFound)
            let inside = Browser(app)
            try await inside.signIn("member@example.org")
            #expect(try await inside.get(path).status == .ok)
            try await (app.db as! any SQLDatabase).raw("""
                DELETE FROM forum_group_members WHERE group_id = \(bind: group) AND user_id = \(bind: try member.requireID())
                """).run()
            #expect(try await inside.get(path).status == .notFound)

            // A hidden post's file: its author and moderators only.
            let open = try await ForumFixtures.category(app, "open", visibility: .members)
            let (_, publicPosts) = try await ForumFixtures.thread(app, category: open, author: try owner.requireID(), title: "Open")
            try await ForumAttachments(database: app.db).add([.init(filename: "notes.pdf", kind: .pdf, bytes: Self.pdf, sha256: "y")],
                                                             postID: publicPosts[0], uploaderID: try owner.requireID(), now: 1)
            let notes = try #require(try await ForumAttachments(database: app.db).list(postIDs: [publicPosts[0]])[publicPosts[0]]?.first?.id)
            let notesPath = "/en/forum/attachments/\(notes)/notes.pdf"
            #expect(try await outsider.get(notesPath).status == .ok)
            try await (app.db as! any SQLDatabase).raw("UPDATE forum_posts SET hidden_at = 1 WHERE id = \(bind: publicPosts[0])").run()
            #expect(try await outsider.get(notesPath).status == .notFound)
            let ownerBrowser = Browser(app)
            try await ownerBrowser.signIn("owner@example.org")
            #expect(try await ownerBrowser.get(notesPath).status == .ok)
            let moderator = Browser(app)
            try await moderator.signIn("moderator@example.org")
            #expect(try await moderator.get(notesPath).status == .ok)
        }
    }
}
