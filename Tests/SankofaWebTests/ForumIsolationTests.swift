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

/// A working group's records never reach anyone outside it (issue 18), both engines: not its
/// threads, titles, attachments or counts, on the forum's home and category lists, in search hits
/// and totals, in Atom feeds, in the JSON API, in notifications or digests; and a member who
/// leaves loses all of it on the next request. Pages an outsider sees are compared whole before
/// and after the group's thread is written: a count that moved would show as a difference.
@Suite("Forum group isolation")
struct ForumIsolationTests {
    static let secret = "Zanzibar"

    struct World {
        var owner: UserModel, insider: UserModel, outsider: UserModel, invited: UserModel, requested: UserModel, admin: UserModel
        var group: Int
        var room: Int
        var browsers: [String: Browser]
    }

    static func world(_ app: Application) async throws -> World {
        let owner = try await ForumFixtures.member(app, "owner@example.org")
        let insider = try await ForumFixtures.member(app, "insider@example.org")
        let outsider = try await ForumFixtures.member(app, "outsider@example.org")
        let invited = try await ForumFixtures.member(app, "invited@example.org")
        let requested = try await ForumFixtures.member(app, "requested@example.org")
        let admin = try await ForumFixtures.member(app, "admin@example.org", roles: [.member, .admin, .moderator])
        let group = try await ForumFixtures.group(app, "circle", listed: true,
                                                  members: [(try owner.requireID(), .owner), (try insider.requireID(), .member)])
        try await ForumFixtures.join(app, group: group, user: try invited.requireID(), state: .invited)
        try await ForumFixtures.join(app, group: group, user: try requested.requireID(), state: .requested)
        let open = try await ForumFixtures.category(app, "open-talk", visibility: .visitors)
        try await ForumFixtures.category(app, "members-talk", visibility: .members)
        let room = try await ForumFixtures.category(app, "circle-room", visibility: .group, group: group)
        try await ForumFixtures.thread(app, category: open, author: try owner.requireID(), title: "Open prevention exchange",
                                       posts: ["Prevention in the open."])
        var browsers: [String: Browser] = ["visitor": Browser(app)]
        try await browsers["visitor"]!.get("/en/account/login")
        for name in ["owner", "insider", "outsider", "invited", "requested", "admin"] {
            let browser = Browser(app)
            try await browser.signIn("\(name)@example.org")
            browsers[name] = browser
        }
        return World(owner: owner, insider: insider, outsider: outsider, invited: invited, requested: requested, admin: admin,
                     group: group, room: room, browsers: browsers)
    }

    /// The group's thread: a post by the owner mentioning the outsider, the invited and the
    /// insider, with an attachment, and the insider's reply quoting it.
    static func groupThread(_ app: Application, _ world: World) async throws -> (thread: Int, posts: [Int], attachment: Int) {
        let members = ForumMembers(database: app.db)
        var handles: [String] = []
        for user in [world.outsider, world.invited, world.requested, world.insider] {
            handles.append("@" + (try await members.find(try user.requireID())!.handle))
        }
        let made = try await ForumFixtures.thread(
            app, category: world.room, author: try world.owner.requireID(), title: "\(secret) prevention plan",
            posts: ["The \(secret) prevention draft, for " + handles.joined(separator: " ")])
        let reply = try await ForumPosts(database: app.db).reply(to: made.thread, body: "Agreed on \(secret) prevention.", language: .en,
                                                                 authorID: try world.insider.requireID(), quoteOf: made.posts[0], now: ForumFixturesClock.now + 1)
        let pdf = Array("%PDF-1.4\n% \(secret)\n".utf8)
        try await ForumAttachments(database: app.db).add([.init(filename: "\(secret.lowercased())-plan.pdf", kind: .pdf, bytes: pdf, sha256: "0")],
                                                         postID: made.posts[0], uploaderID: try world.owner.requireID(), now: ForumFixturesClock.now)
        let attachment = try await (app.db as! any SQLDatabase).raw("SELECT id FROM forum_attachments WHERE post_id = \(bind: made.posts[0])")
            .first()!.decode(column: "id", as: Int.self)
        return (made.thread, made.posts + [reply.postID], attachment)
    }

    /// What an outsider may look at that lists or counts the forum's records.
    static func surfaces(signedIn: Bool) -> [String] {
        ["/en/forum", "/en/forum/c/open-talk", "/en/search?q=prevention", "/en/search?q=\(secret.lowercased())", "/en/groups",
         "/api/v1/forum/categories", "/api/v1/forum/categories/open-talk/threads", "/api/v1/search?q=prevention",
         "/en/forum/feed.atom", "/en/forum/c/open-talk/feed.atom"] + (signedIn ? ["/en/notifications", "/en/forum/c/members-talk"] : [])
    }

    @Test(arguments: TestEngine.all)
    func aGroupsRecordsReachNoOneOutsideIt(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let world = try await Self.world(app)
            let outsiders = ["visitor", "outsider", "invited", "requested", "admin"]
            var before: [String: [String: String]] = [:]
            for name in outsiders {
                for path in Self.surfaces(signedIn: name != "visitor") {
                    before[name, default: [:]][path] = try await world.browsers[name]!.get(path).text
                }
            }
            let made = try await Self.groupThread(app, world)
            let direct = ["/en/forum/threads/\(made.thread)", "/en/forum/posts/\(made.posts[0])", "/en/forum/c/circle-room",
                          "/en/forum/c/circle-room/feed.atom", "/en/forum/attachments/\(made.attachment)/\(Self.secret.lowercased())-plan.pdf",
                          "/api/v1/forum/threads/\(made.thread)", "/api/v1/forum/categories/circle-room/threads"]
            for name in outsiders {
                let browser = world.browsers[name]!
                for path in Self.surfaces(signedIn: name != "visitor") {
                    let text = try await browser.get(path).text
                    // (The search box repeats the query "zanzibar"; the group's own words are capitalised.)
                    for word in [Self.secret, "zanzibar-plan", "circle-room"] {
                        #expect(!text.contains(word), "\(path) as \(name) shows \(word)")
                    }
                    #expect(text == before[name]![path], "\(path) as \(name) changed when the group wrote (a count or a list moved)")
                }
                for path in direct {
                    let response = try await browser.get(path)
                    #expect(response.status == .notFound, "\(path) as \(name) gave \(response.status.code)")
                }
            }
            // The group's members read it all; the API and feeds still answer as to a visitor.
            for name in ["owner", "insider"] {
                let browser = world.browsers[name]!
                for path in direct where !path.contains("/api/") && !path.hasSuffix(".atom") {
                    let status = try await browser.get(path).status
                    #expect(status == .ok || status == .seeOther, "\(path) as \(name) gave \(status.code)")
                }
                #expect(try await browser.get("/en/search?q=\(Self.secret.lowercased())").text.contains("\(Self.secret) prevention plan"))
                #expect(try await browser.get("/api/v1/forum/threads/\(made.thread)").status == .notFound)
            }
            // Mentioned from inside the group, nobody outside it was told; the insider was (quoted).
            let notifications = Notifications(database: app.db)
            for user in [world.outsider, world.invited, world.requested, world.admin] {
                #expect(try await notifications.unreadCount(for: try user.requireID()) == 0, "\(user.email) was notified")
            }
            #expect(try await notifications.unreadCount(for: try world.insider.requireID()) > 0)
            // Nor mailed: immediately or in a digest.
            for user in [world.outsider, world.invited, world.requested, world.insider] {
                _ = try await notifications.setEmailMode(.immediate, for: try user.requireID())
            }
            let now = ForumFixturesClock.now + 60
            let digests = try await ForumMailLoop.digests(app.db, baseURL: app.settings.baseURL)
            _ = try await digests.sendImmediate(now: now)
            try await digests.build(.init(.daily, at: now), now: now)
            let mail = try await TestMail.deliver(app, now: now)
            for message in mail where message.recipient != world.insider.email && message.recipient != world.owner.email {
                #expect(!message.deliveredBody.contains(Self.secret) && !message.subject.contains(Self.secret), "mail to \(message.recipient)")
            }
            // The insider's own mail names the thread: the check above would see a leak.
            #expect(mail.contains { $0.recipient == world.insider.email && $0.deliveredBody.contains(Self.secret) })
        }
    }

    @Test(arguments: TestEngine.all)
    func aMemberWhoLeavesLosesItAllAtOnce(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let world = try await Self.world(app)
            let made = try await Self.groupThread(app, world)
            let insider = world.browsers["insider"]!, id = try world.insider.requireID()
            // Told of the owner's mention; mail waits for the daily digest.
            let notifications = Notifications(database: app.db)
            _ = try await notifications.setEmailMode(.daily, for: id)
            _ = try await notifications.setEmailMode(.daily, for: try world.owner.requireID())
            let paths = ["/en/forum", "/en/search?q=\(Self.secret.lowercased())", "/en/notifications",
                         "/en/forum/threads/\(made.thread)"]
            for path in paths {
                #expect(try await insider.get(path).text.contains("\(Self.secret) prevention plan"), "\(path) before leaving")
            }
            #expect(try await notifications.unreadCount(for: id) > 0)
            let attachment = "/en/forum/attachments/\(made.attachment)/\(Self.secret.lowercased())-plan.pdf"
            #expect(try await insider.get(attachment).status == .ok)

            let group = try #require(try await ForumGroups(database: app.db).find(id: world.group))
            try await ForumGroups(database: app.db).leave(id, group: group, successor: nil, audit: .init(
                at: ForumFixturesClock.now, actorID: id.uuidString, actorEmail: world.insider.email, action: "group.leave",
                target: "group:circle", detail: "", ip: "127.0.0.1"))

            for path in paths {
                let response = try await insider.get(path)
                #expect(!response.text.contains(Self.secret), "\(path) after leaving")
            }
            for path in ["/en/forum/threads/\(made.thread)", "/en/forum/posts/\(made.posts[1])", "/en/forum/c/circle-room", attachment,
                         "/en/forum/threads/\(made.thread)/reply"] {
                #expect(try await insider.get(path).status == .notFound, "\(path) after leaving")
            }
            #expect(try await notifications.unreadCount(for: id) == 0)
            let now = ForumFixturesClock.now + 60
            let digests = try await ForumMailLoop.digests(app.db, baseURL: app.settings.baseURL)
            try await digests.build(.init(.daily, at: now), now: now)
            let mail = try await TestMail.deliver(app, now: now)
            for message in mail where message.recipient == world.insider.email {
                #expect(!message.deliveredBody.contains(Self.secret) && !message.subject.contains(Self.secret))
            }
            // The owner, still in the group, has the same thread in the same digest run.
            #expect(mail.contains { $0.recipient == world.owner.email && $0.deliveredBody.contains(Self.secret) })
        }
    }
}

/// The time the fixtures write at (seconds).
enum ForumFixturesClock {
    static var now: Int { Int(Date().timeIntervalSince1970) }
}
