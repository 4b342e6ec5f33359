import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// `/api/v1/forum/...` on both engines: categories open to visitors only, whoever asks; a
/// members' or a group's category or thread is a 404 even for a signed-in group member; hidden
/// posts are left out; a cached answer is made again after a write.
@Suite("Forum JSON API")
struct ForumAPITests {
    struct Forum {
        var open: (thread: Int, posts: [Int])
        var members: (thread: Int, posts: [Int])
        var group: (thread: Int, posts: [Int])
        var insider: Browser
    }

    static func withForum(_ engine: TestEngine, pageCache: Bool = false, _ body: (Application, Forum) async throws -> Void) async throws {
        try await withTestApp(engine, data: .empty, pageCache: pageCache) { app in
            let author = try await ForumFixtures.member(app, "author@example.org")
            let insider = try await ForumFixtures.member(app, "insider@example.org")
            let group = try await ForumFixtures.group(app, "secret-circle", members: [(try insider.requireID(), .member)])
            let open = try await ForumFixtures.category(app, "open-talk", visibility: .visitors,
                                                        names: [.en: "Open talk", .fr: "Discussion ouverte"])
            let members = try await ForumFixtures.category(app, "members-talk", visibility: .members)
            let room = try await ForumFixtures.category(app, "circle-room", visibility: .group, group: group)
            let id = try author.requireID()
            let forum = Forum(
                open: try await ForumFixtures.thread(app, category: open, author: id, title: "Open prevention thread",
                                                     posts: ["First **open** post", "A reply in the open"]),
                members: try await ForumFixtures.thread(app, category: members, author: id, title: "Members prevention thread"),
                group: try await ForumFixtures.thread(app, category: room, author: try insider.requireID(), title: "Circle prevention thread"),
                insider: Browser(app))
            try await forum.insider.signIn("insider@example.org")
            try await body(app, forum)
        }
    }

    static func json(_ response: TestingHTTPResponse) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(response.text.utf8)) as? [String: Any])
    }

    @Test(arguments: TestEngine.all)
    func onlyCategoriesOpenToVisitorsWhoeverAsks(engine: TestEngine) async throws {
        try await Self.withForum(engine) { app, forum in
            for response in [try await app.get("/api/v1/forum/categories?lang=fr"),
                             try await forum.insider.get("/api/v1/forum/categories?lang=fr")] {
                #expect(response.status == .ok)
                let items = try #require(try Self.json(response)["items"] as? [[String: Any]])
                #expect(items.map { $0["slug"] as? String } == ["open-talk"])
                #expect(items.first?["name"] as? String == "Discussion ouverte")
                #expect(items.first?["threads"] as? Int == 1)
                #expect(!response.text.contains("members-talk") && !response.text.contains("circle-room") && !response.text.contains("Circle"))
            }
            #expect(try await app.get("/api/v1/forum/categories?lang=xx").status == .badRequest)
        }
    }

    @Test(arguments: TestEngine.all)
    func threadsOfAnOpenCategoryAndA404ForTheOthersEvenSignedIn(engine: TestEngine) async throws {
        try await Self.withForum(engine) { app, forum in
            let list = try await app.get("/api/v1/forum/categories/open-talk/threads?perPage=1")
            #expect(list.status == .ok)
            let body = try Self.json(list)
            #expect(body["total"] as? Int == 1 && body["pages"] as? Int == 1)
            #expect((body["items"] as? [[String: Any]])?.first?["id"] as? Int == forum.open.thread)
            let unknown = try await app.get("/api/v1/forum/categories/no-such-category/threads")
            #expect(unknown.status == .notFound)
            for slug in ["members-talk", "circle-room"] {
                for response in [try await app.get("/api/v1/forum/categories/\(slug)/threads"),
                                 try await forum.insider.get("/api/v1/forum/categories/\(slug)/threads")] {
                    #expect(response.status == .notFound, "\(slug)")
                    #expect(response.text == unknown.text, "\(slug): a refusal looks like a category that does not exist")
                }
            }
            #expect(try await app.get("/api/v1/forum/categories/open-talk/threads?page=0").status == .badRequest)
        }
    }

    @Test(arguments: TestEngine.all)
    func aThreadsPostsWithoutTheHiddenOnes(engine: TestEngine) async throws {
        try await Self.withForum(engine) { app, forum in
            let moderator = try await ForumFixtures.member(app, "moderator@example.org", roles: [.member, .editor])
            let post = try #require(try await ForumLookup(database: app.db).post(forum.open.posts[1]))
            try await ForumModeration(database: app.db).setHidden(post, hidden: true, .init(
                moderatorID: try moderator.requireID(), reason: "test",
                audit: .init(at: 10, actorID: try moderator.requireID().uuidString, actorEmail: nil, action: "forum.hide",
                             target: "post", detail: "test", ip: "127.0.0.1"), now: 10))
            let response = try await app.get("/api/v1/forum/threads/\(forum.open.thread)")
            #expect(response.status == .ok)
            let body = try Self.json(response)
            #expect(body["title"] as? String == "Open prevention thread" && body["category"] as? String == "open-talk")
            let items = try #require(body["items"] as? [[String: Any]])
            #expect(items.map { $0["number"] as? Int } == [1])
            #expect(items.first?["markdown"] as? String == "First **open** post")
            #expect((items.first?["html"] as? String)?.contains("<strong>open</strong>") == true)
            #expect((items.first?["author"] as? [String: Any])?["handle"] != nil)
            #expect(!response.text.contains("A reply in the open"))

            let unknown = try await app.get("/api/v1/forum/threads/999999")
            #expect(unknown.status == .notFound)
            for thread in [forum.members.thread, forum.group.thread] {
                for response in [try await app.get("/api/v1/forum/threads/\(thread)"),
                                 try await forum.insider.get("/api/v1/forum/threads/\(thread)")] {
                    #expect(response.status == .notFound)
                    #expect(response.text == unknown.text)
                }
            }
            #expect(try await app.get("/api/v1/forum/threads/not-a-number").status == .notFound)
        }
    }

    /// Each forum route of the route table is in the OpenAPI document, with its parameters.
    @Test(arguments: TestEngine.all)
    func theOpenAPIDocumentDescribesTheForumRoutes(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let document = try Self.json(try await app.get("/api/v1/openapi.json"))
            let paths = try #require(document["paths"] as? [String: Any])
            let forum = SiteURL.Route.allCases.filter { $0.pattern.hasPrefix("/api/v1/forum/") }
            #expect(forum.count == 3)
            for route in forum {
                // `/api/v1/forum/threads/:thread` is `/api/v1/forum/threads/{thread}` there.
                let path = route.pattern.split(separator: "/").map { $0.hasPrefix(":") ? "{\($0.dropFirst())}" : String($0) }.joined(separator: "/")
                let get = try #require((paths["/" + path] as? [String: Any])?["get"] as? [String: Any], "\(path)")
                let names = Set(((get["parameters"] as? [[String: Any]]) ?? []).compactMap { $0["name"] as? String })
                #expect(names.isSuperset(of: ["lang"]), "\(path)")
                for parameter in route.pattern.split(separator: "/") where parameter.hasPrefix(":") {
                    #expect(names.contains(String(parameter.dropFirst())), "\(path) documents \(parameter)")
                }
            }
        }
    }

    /// A visitor's answer is kept by the page cache; a reply to an open thread moves the data
    /// version (ForumSearch's reindex), so the next answer holds it.
    @Test(arguments: TestEngine.all)
    func aCachedAnswerIsMadeAgainAfterAReply(engine: TestEngine) async throws {
        try await Self.withForum(engine, pageCache: true) { app, forum in
            let path = "/api/v1/forum/threads/\(forum.open.thread)"
            #expect(!(try await app.get(path).text.contains("Second reply")))
            let author = try await ForumFixtures.member(app, "replier@example.org")
            _ = try await ForumPosts(database: app.db).reply(to: forum.open.thread, body: "Second reply here", language: .en,
                                                              authorID: try author.requireID(), now: 20)
            #expect(try await app.get(path).text.contains("Second reply"))
            #expect(try await app.get("/api/v1/forum/categories/open-talk/threads").text.contains("\"posts\":3"))
        }
    }
}
