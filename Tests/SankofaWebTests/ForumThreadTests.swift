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

/// Threads and posts through the pages: starting, replying, quoting, editing with history, the
/// language of each post, filters, unread markers and the reader's place, group privacy, silence,
/// long and hostile text.
@Suite("Forum threads and posts")
struct ForumThreadTests {
    /// The path a redirect leads to.
    static func location(_ response: TestingHTTPResponse) -> String { response.headers.first(name: .location) ?? "" }

    @Test("Start a thread, reply with a quote, edit; the history is the moderators'", arguments: TestEngine.all)
    func startReplyQuoteEdit(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await ForumFixtures.member(app, "amina@example.org")
            try await ForumFixtures.member(app, "moderator@example.org", roles: [.member, .moderator])
            try await ForumFixtures.category(app, "general")
            let amina = Browser(app)
            try await amina.signIn("amina@example.org")
            let form = try await amina.get("/en/forum/c/general/new")
            #expect(form.status == .ok)
            #expect(form.text.contains("<option value=\"en\" selected>"), "the post's language defaults to the interface's")
            let started = try await amina.post("/en/forum/c/general/new", ["title": "Prison radicalisation", "body": "First **words**.", "language": "en"])
            #expect(started.status == .seeOther)
            let thread = Self.location(started)
            let page = try await amina.get(thread)
            #expect(page.text.contains("Prison radicalisation") && page.text.contains("<strong>words</strong>"))
            let threadID = Int(thread.split(separator: "/").last!)!
            let firstPost = try await ForumPosts(database: app.db).page(of: threadID, page: 1)[0]

            let quoteForm = try await amina.get("/en/forum/threads/\(threadID)/reply?quote=\(firstPost.id)")
            #expect(quoteForm.text.contains("&gt; [Amina wrote](/en/forum/posts/\(firstPost.id)):"), "the quote's first line links to the quoted post")
            #expect(quoteForm.text.contains("name=\"quote\" value=\"\(firstPost.id)\""))
            let replied = try await amina.post("/en/forum/threads/\(threadID)/reply", [
                "body": "> [Amina wrote](/en/forum/posts/\(firstPost.id)):\n> First words.\n\nAnd more.", "language": "en", "quote": "\(firstPost.id)"])
            #expect(Self.location(replied) == "/en/forum/threads/\(threadID)#post-2")
            let withReply = try await amina.get("/en/forum/threads/\(threadID)?page=1")
            #expect(withReply.text.contains("<blockquote>"))
            #expect(withReply.text.contains("in reply to #1"))
            let reply = try await ForumPosts(database: app.db).page(of: threadID, page: 1)[1]
            #expect(reply.quoteOf == firstPost.id)

            #expect(try await amina.get("/en/forum/posts/\(firstPost.id)/edit").text.contains("value=\"Prison radicalisation\""))
            let edited = try await amina.post("/en/forum/posts/\(firstPost.id)/edit", ["title": "Radicalisation in prisons", "body": "Better words.", "language": "en"])
            #expect(edited.status == .seeOther)
            #expect(try await ForumLookup(database: app.db).thread(threadID)?.title == "Radicalisation in prisons", "the first post's form renames the thread")
            let after = try await amina.get("/en/forum/threads/\(threadID)?page=1")
            #expect(after.text.contains("Better words.") && !after.text.contains("First <strong>words"))
            #expect(after.text.contains(">edited<"))
            #expect(!after.text.contains("/history"), "the author sees that it was edited, not the earlier version")
            #expect(try await amina.get("/en/forum/posts/\(firstPost.id)/history").status == .forbidden)
            let revisions = try await ForumPosts(database: app.db).revisions(of: firstPost.id)
            #expect(revisions.map(\.body) == ["First **words**."])

            let moderator = Browser(app)
            try await moderator.signIn("moderator@example.org")
            let modPage = try await moderator.get("/en/forum/threads/\(threadID)?page=1")
            #expect(modPage.text.contains("/en/forum/posts/\(firstPost.id)/history"))
            let history = try await moderator.get("/en/forum/posts/\(firstPost.id)/history")
            #expect(history.status == .ok && history.text.contains("First **words**.") && history.text.contains("Better words."))
        }
    }

    @Test("An Arabic post carries lang=\"ar\" dir=\"rtl\" on an English page", arguments: TestEngine.all)
    func arabicPostIsRightToLeft(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let author = try await ForumFixtures.member(app, "layla@example.org")
            let category = try await ForumFixtures.category(app, "general")
            let (thread, _) = try await ForumFixtures.thread(app, category: category, author: try author.requireID(), title: "التطرف في السجون",
                                                             language: .ar, posts: ["مرحبا بكم"])
            let page = try await app.get("/en/forum/threads/\(thread)")
            #expect(page.text.contains("<article class=\"forum-post\" id=\"post-1\" lang=\"ar\" dir=\"rtl\">"))
            #expect(page.text.contains("<h1 lang=\"ar\" dir=\"rtl\">"))
            #expect(page.text.contains("<html lang=\"en\" dir=\"ltr\""))
            let list = try await app.get("/en/forum/c/general")
            #expect(list.text.contains("lang=\"ar\" dir=\"rtl\">التطرف في السجون</a>"))
        }
    }

    @Test("Filters: language, unanswered, mine", arguments: TestEngine.all)
    func filters(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let amina = try await ForumFixtures.member(app, "amina@example.org")
            let ben = try await ForumFixtures.member(app, "ben@example.org")
            let category = try await ForumFixtures.category(app, "general")
            try await ForumFixtures.thread(app, category: category, author: try ben.requireID(), title: "Spanish question", language: .es)
            try await ForumFixtures.thread(app, category: category, author: try ben.requireID(), title: "Answered English",
                                           posts: ["Question", "Answer"], repliers: [try amina.requireID()])
            try await ForumFixtures.thread(app, category: category, author: try ben.requireID(), title: "Lonely English")
            let browser = Browser(app)
            try await browser.signIn("amina@example.org")
            let spanish = try await browser.get("/en/forum/c/general?language=es")
            #expect(spanish.text.contains("Spanish question") && !spanish.text.contains("Lonely English"))
            let unanswered = try await browser.get("/en/forum/c/general?unanswered=1")
            #expect(unanswered.text.contains("Lonely English") && unanswered.text.contains("Spanish question") && !unanswered.text.contains("Answered English"))
            let mine = try await browser.get("/en/forum/c/general?mine=1")
            #expect(mine.text.contains("Answered English") && !mine.text.contains("Lonely English"))
            let members = try await ForumMembers(database: app.db).find(try ben.requireID())
            let byBen = try await browser.get("/en/forum?by=\(members!.handle)")
            #expect(byBen.text.contains("Lonely English") && byBen.text.contains("Threads Ben took part in"))
        }
    }

    @Test("Unread markers, new since the last visit, the permalink and the reader's place", arguments: TestEngine.all)
    func unreadAndPlace(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let amina = try await ForumFixtures.member(app, "amina@example.org")
            let ben = try await ForumFixtures.member(app, "ben@example.org")
            let category = try await ForumFixtures.category(app, "general")
            let (thread, posts) = try await ForumFixtures.thread(app, category: category, author: try ben.requireID(), title: "Long thread",
                                                                 posts: (1...30).map { "Post number \($0)." })
            let browser = Browser(app)
            try await browser.signIn("amina@example.org")
            // Never opened: page 1, no redirect; having read page 1, posts 21-30 are unread.
            #expect(try await browser.get("/en/forum/threads/\(thread)").status == .ok)
            #expect(try await browser.get("/en/forum/c/general").text.contains("10 unread"))
            let back = try await browser.get("/en/forum/threads/\(thread)")
            #expect(Self.location(back) == "/en/forum/threads/\(thread)?page=2#post-21", "back to the first unread post's page")
            let page2 = try await browser.get("/en/forum/threads/\(thread)?page=2")
            #expect(page2.text.contains("id=\"post-21\"") && page2.text.contains("id=\"post-30\"") && !page2.text.contains("id=\"post-20\""))
            #expect(page2.text.contains("rel=\"prev\""))
            #expect(!(try await browser.get("/en/forum/c/general").text.contains("unread")))
            // The permalink of post 25 leads to the page that holds it.
            let permalink = try await app.get("/en/forum/posts/\(posts[24])")
            #expect(Self.location(permalink) == "/en/forum/threads/\(thread)?page=2#post-25")
            #expect(try await app.get("/en/forum/threads/\(thread)?page=3").status == .notFound)

            // A thread started since the member's last visit is new to them.
            let sql = app.db as! any SQLDatabase
            let now = Int(Date().timeIntervalSince1970)
            try await sql.raw("UPDATE forum_members SET last_visit_at = \(bind: now - 7200), previous_visit_at = NULL WHERE user_id = \(bind: try amina.requireID())").run()
            try await ForumFixtures.thread(app, category: category, author: try ben.requireID(), title: "Fresh thread", at: now - 60)
            let list = try await browser.get("/en/forum/c/general")
            #expect(list.text.contains("Fresh thread</a> <span class=\"badge badge-new\">New</span>"))
            // The visit is written at most once per half hour.
            let member = try await ForumMembers(database: app.db).find(try amina.requireID())!
            #expect(member.previousVisitAt == now - 7200)
            let again = try await ForumMembers(database: app.db).recordVisit(member, now: member.lastVisitAt! + 60)
            #expect(again == member)
        }
    }

    @Test("A group's thread is a 404 outside the group and its category is not listed", arguments: TestEngine.all)
    func groupThreadsStayInTheGroup(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let insider = try await ForumFixtures.member(app, "insider@example.org")
            try await ForumFixtures.member(app, "outsider@example.org")
            try await ForumFixtures.member(app, "admin@example.org", roles: [.member, .admin])
            let group = try await ForumFixtures.group(app, "sahel", members: [(try insider.requireID(), .member)])
            let category = try await ForumFixtures.category(app, "sahel-room", visibility: .group, group: group, names: [.en: "Secret room"])
            let (thread, posts) = try await ForumFixtures.thread(app, category: category, author: try insider.requireID(), title: "Confidential plan")
            for who in ["outsider@example.org", "admin@example.org"] {
                let browser = Browser(app)
                try await browser.signIn(who)
                for path in ["/en/forum/c/sahel-room", "/en/forum/c/sahel-room/new", "/en/forum/threads/\(thread)",
                             "/en/forum/threads/\(thread)/reply", "/en/forum/posts/\(posts[0])", "/en/forum/posts/\(posts[0])/edit",
                             "/en/forum/posts/\(posts[0])/history"] {
                    #expect(try await browser.get(path).status == .notFound, "\(who) \(path)")
                }
                try await browser.get("/en/account")   // a page with a form: the session's CSRF token
                #expect(try await browser.post("/en/forum/threads/\(thread)/reply", ["body": "Let me in", "language": "en"]).status == .notFound)
                let home = try await browser.get("/en/forum")
                #expect(!home.text.contains("Secret room") && !home.text.contains("Confidential plan"), "\(who)")
            }
            let browser = Browser(app)
            try await browser.signIn("insider@example.org")
            let home = try await browser.get("/en/forum")
            #expect(home.text.contains("Secret room") && home.text.contains("Confidential plan"))
            // A link to the thread in a public post gives a card to the insider only.
            let open = try await ForumFixtures.category(app, "general")
            let (publicThread, _) = try await ForumFixtures.thread(app, category: open, author: try insider.requireID(),
                                                                   posts: ["See [this](/en/forum/threads/\(thread))."])
            #expect(try await browser.get("/en/forum/threads/\(publicThread)").text.contains("Confidential plan"))
            #expect(!(try await app.get("/en/forum/threads/\(publicThread)").text.contains("Confidential plan")))
        }
    }

    @Test("A silenced member is told so, in their language", arguments: TestEngine.all)
    func silencedMemberIsRefused(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let member = try await ForumFixtures.member(app, "quiet@example.org")
            let category = try await ForumFixtures.category(app, "general")
            let (thread, _) = try await ForumFixtures.thread(app, category: category, author: try member.requireID())
            let until = Int(Date().timeIntervalSince1970) + 86_400
            try await (app.db as! any SQLDatabase).raw("UPDATE forum_members SET silenced_until = \(bind: until) WHERE user_id = \(bind: try member.requireID())").run()
            let browser = Browser(app)
            try await browser.signIn("quiet@example.org")
            let page = try await browser.get("/fr/forum/threads/\(thread)")
            #expect(page.text.contains("Un modérateur vous a réduit au silence"))
            try await browser.get("/fr/account")   // a page with a form: the session's CSRF token
            let reply = try await browser.post("/fr/forum/threads/\(thread)/reply", ["body": "Still here", "language": "fr"])
            #expect(reply.status == .forbidden && reply.text.contains("Un modérateur vous a réduit au silence"))
            #expect(try await browser.get("/fr/forum/c/general/new").status == .forbidden)
            #expect(try await ForumPosts(database: app.db).page(of: thread, page: 1).count == 1)
        }
    }

    @Test("A body too long is a 400 in the reader's language with the text kept; bad titles too", arguments: TestEngine.all)
    func tooLongBodyKeepsTheText(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await ForumFixtures.member(app, "long@example.org")
            try await ForumFixtures.category(app, "general")
            let browser = Browser(app)
            try await browser.signIn("long@example.org")
            try await browser.get("/es/forum/c/general/new")
            let body = String(repeating: "palabra ", count: 12_500) + "FINALMARK"
            let response = try await browser.post("/es/forum/c/general/new", ["title": "Largo", "body": body, "language": "es"])
            #expect(response.status == .badRequest)
            #expect(response.text.contains("El mensaje es demasiado largo"))
            #expect(response.text.contains("FINALMARK</textarea>"), "nothing typed is lost")
            // A post of 1 MB (the hostile case): the same clear refusal, not a 413 or a 500.
            let huge = try await browser.post("/es/forum/c/general/new", ["title": "Enorme", "body": String(repeating: "a", count: 1_000_000) + "HUGEMARK", "language": "es"])
            #expect(huge.status == .badRequest && huge.text.contains("El mensaje es demasiado largo") && huge.text.contains("HUGEMARK</textarea>"))
            let short = try await browser.post("/es/forum/c/general/new", ["title": "ab", "body": "x", "language": "xx"])
            #expect(short.status == .badRequest && short.text.contains("al menos 3 caracteres") && short.text.contains("Elija el idioma"))
            #expect(try await app.get("/es/forum/c/general").text.contains("Todavía no hay hilos"))
        }
    }

    @Test("Hostile titles and bodies are shown as text", arguments: TestEngine.all)
    func hostileTextIsEscaped(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let author = try await ForumFixtures.member(app, "mallory@example.org")
            let category = try await ForumFixtures.category(app, "general")
            let (thread, _) = try await ForumFixtures.thread(app, category: category, author: try author.requireID(),
                title: "<script>alert(1)</script>",
                posts: ["<img src=x onerror=alert(1)> [click](javascript:alert(1)) <iframe src=\"https://evil.example\"></iframe>"])
            let page = try await app.get("/en/forum/threads/\(thread)")
            #expect(page.text.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
            for bad in ["<script>alert", "<img", "onerror=", "href=\"javascript:", "<iframe"] {
                #expect(!page.text.contains(bad), "\(bad)")
            }
            #expect(!(try await app.get("/en/forum").text.contains("<script>alert")))
        }
    }

    @Test("Links to practices, experts and threads become cards; a mention links to the member", arguments: TestEngine.all)
    func cardsAndMentions(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("hidden-expert", profile: .staff))
            let author = try await ForumFixtures.member(app, "amina.diallo@example.org")
            let category = try await ForumFixtures.category(app, "general")
            let (thread, _) = try await ForumFixtures.thread(app, category: category, author: try author.requireID(), posts: [
                "See [it](/en/practices/regional-training) and [them](/fr/experts/hidden-expert). Thanks @amina_diallo and @nobody."])
            let page = try await app.get("/en/forum/threads/\(thread)")
            #expect(page.text.contains("<span class=\"card-kind\">Practice</span> <a href=\"/en/practices/regional-training\""))
            #expect(!page.text.contains("Name hiddenexpert"), "a hidden profile gives no card")
            #expect(page.text.contains("href=\"/en/forum?by=amina_diallo\""))
            #expect(!page.text.contains("by=nobody"))
        }
    }

    @Test("Posting before any visit makes the member's row and counts the posts", arguments: TestEngine.all)
    func postingMakesTheMember(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let user = try await TestUsers.make(app, "nadia.haddad@example.org")
            try await TestUsers.make(app, "other@example.org")
            let category = try await ForumFixtures.category(app, "general")
            try await ForumFixtures.thread(app, category: category, author: try user.requireID(), posts: ["One", "Two"])
            let member = try #require(try await ForumMembers(database: app.db).find(try user.requireID()))
            #expect(member.handle == "nadia_haddad" && member.displayName == "Nadia.Haddad")
            #expect(member.postCount == 2 && member.firstPostAt != nil)
            #expect(try await ForumMembers(database: app.db).byHandles(["Nadia_Haddad", "x'--"]).keys.sorted() == ["nadia_haddad"])
        }
    }

    @Test("Handles are ASCII, from the name, unique")
    func handles() {
        #expect(ForumHandle.base(of: "Amina Diallo-Touré") == "amina_diallo_toure")
        #expect(ForumHandle.base(of: "José  Núñez") == "jose_nunez")
        #expect(ForumHandle.base(of: "!!") == "member")
        #expect(ForumHandle.free("amina", taken: ["amina", "amina2"]) == "amina3")
    }

    @Test("A thread page of 20 posts stays under 50 KB gzipped", arguments: TestEngine.all)
    func threadPageIsSmall(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let author = try await ForumFixtures.member(app, "writer@example.org")
            let category = try await ForumFixtures.category(app, "general")
            // 20 posts of about 1,500 characters (a long forum post) with Markdown and a link, words
            // drawn from a vocabulary in three scripts so that the text compresses like prose, not
            // like one sentence repeated.
            let words = ("prison officers region share works peer mentoring case files community leaders dialogue youth "
                + "programme evaluation trust families reintegration early warning schools police cooperation "
                + "التطرف السجون الشباب الحوار المجتمع الأسر الثقة التعليم 社区 对话 青年 家庭 信任 预防 监狱 合作").split(separator: " ")
            var seed: UInt64 = 42
            func word() -> Substring {
                seed = seed &* 6364136223846793005 &+ 1442695040888963407
                return words[Int(seed >> 33) % words.count]
            }
            let bodies = (0..<20).map { index in
                var text = "**Point \(index)**: see [the practice](/en/practices/regional-training).\n\n"
                while text.count < 1_500 { text += (0..<12).map { _ in String(word()) }.joined(separator: " ") + ".\n" }
                return text
            }
            let (thread, _) = try await ForumFixtures.thread(app, category: category, author: try author.requireID(), posts: bodies)
            let page = try await app.get("/en/forum/threads/\(thread)")
            #expect(page.text.contains("id=\"post-20\""))
            let raw = Data(page.body.readableBytesView)
            let file = FileManager.default.temporaryDirectory.appendingPathComponent("forum-thread-\(UUID()).html")
            try raw.write(to: file)
            defer { try? FileManager.default.removeItem(at: file) }
            let gzip = Process()
            gzip.executableURL = URL(fileURLWithPath: "/bin/gzip")
            gzip.arguments = ["-c", "-6", file.path]
            let pipe = Pipe()
            gzip.standardOutput = pipe
            try gzip.run()
            let compressed = pipe.fileHandleForReading.readDataToEndOfFile()
            gzip.waitUntilExit()
            print("forum thread page, 20 posts: \(raw.count) bytes, \(compressed.count) bytes gzipped")
            #expect(compressed.count > 0 && compressed.count < 50_000)
        }
    }
}
