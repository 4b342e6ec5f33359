import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// Atom feeds of categories open to visitors: well-formed, escaped, entries linking to threads;
/// nothing of members' or groups' categories, whose feeds are 404s.
@Suite("Forum Atom feeds")
struct ForumFeedTests {
    @Test("A visitors' category feed is valid Atom, escaped, linking to its threads; others are 404", arguments: TestEngine.all)
    func feeds(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let author = try await ForumFixtures.member(app, "amina@example.org").requireID()
            let owner = try await ForumFixtures.member(app, "owner@example.org").requireID()
            let group = try await ForumFixtures.group(app, "wg", members: [(owner, .owner)])
            let open = try await ForumFixtures.category(app, "open")
            let members = try await ForumFixtures.category(app, "members-only", visibility: .members)
            let groupRoom = try await ForumFixtures.category(app, "wg-room", visibility: .group, group: group)
            let (thread, _) = try await ForumFixtures.thread(app, category: open, author: author, title: "Radio & <b>\"schools\"</b>",
                                                             posts: ["<script>alert(1)</script> and \u{1}control ]]> text"])
            try await ForumFixtures.thread(app, category: members, author: author, title: "Members talk")
            try await ForumFixtures.thread(app, category: groupRoom, author: owner, title: "Group secret")

            let feed = try await app.get("/en/forum/c/open/feed.atom")
            #expect(feed.status == .ok)
            #expect(feed.headers.contentType?.subType == "atom+xml")
            #expect(feed.text.contains("<title>Radio &amp; &lt;b&gt;&quot;schools&quot;&lt;/b&gt;</title>"))
            #expect(!feed.text.contains("<script>") && feed.text.contains("&lt;script&gt;"))
            #expect(feed.text.contains("<link rel=\"alternate\" type=\"text/html\" href=\"http://127.0.0.1:8080/en/forum/threads/\(thread)\"/>"))
            #expect(Self.isWellFormed(feed.text))

            let forum = try await app.get("/en/forum/feed.atom")
            #expect(forum.status == .ok && Self.isWellFormed(forum.text))
            #expect(forum.text.contains("schools") && !forum.text.contains("Members talk") && !forum.text.contains("Group secret"))

            #expect(try await app.get("/en/forum/c/open").text.contains("href=\"/en/forum/c/open/feed.atom\""), "the category's page links to its feed")
            #expect(try await app.get("/en/forum/c/members-only/feed.atom").status == .notFound)
            #expect(try await app.get("/en/forum/c/wg-room/feed.atom").status == .notFound)
            #expect(try await app.get("/en/forum/c/nowhere/feed.atom").status == .notFound)
            // Signed in as the group's owner, the group's feed is still a 404: feeds are public.
            let browser = Browser(app)
            try await browser.signIn("owner@example.org")
            #expect(try await browser.get("/en/forum/c/wg-room/feed.atom").status == .notFound)
        }
    }

    static func isWellFormed(_ text: String) -> Bool {
        let parser = XMLParser(data: Data(text.utf8))
        return parser.parse()
    }
}
