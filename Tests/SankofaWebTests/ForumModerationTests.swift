import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import SankofaTestSupport
@testable import SankofaWeb

/// Flags, the moderators' queue and its scope, the actions on posts, threads and members with their
/// audit lines and the author's notification.
@Suite("Forum moderation")
struct ForumModerationTests {
    struct Scene {
        var author: UserModel
        var flagger: UserModel
        var moderator: UserModel
        var category: Int
        var thread: Int
        var posts: [Int]
    }

    /// An author's thread of two posts (the second spam) in a members' category; a member to flag
    /// it; a moderator.
    static func scene(_ app: Application) async throws -> Scene {
        let author = try await ForumFixtures.member(app, "author@example.org")
        let flagger = try await ForumFixtures.member(app, "flagger@example.org")
        let moderator = try await ForumFixtures.member(app, "moderator@example.org", roles: [.member, .moderator])
        let category = try await ForumFixtures.category(app, "general", visibility: .members)
        let (thread, posts) = try await ForumFixtures.thread(app, category: category, author: try author.requireID(),
                                                              title: "Water committees", posts: ["Opening post", "Buy cheap watches"])
        return Scene(author: author, flagger: flagger, moderator: moderator, category: category, thread: thread, posts: posts)
    }

    static func signedIn(_ app: Application, _ email: String) async throws -> Browser {
        let browser = Browser(app)
        try await browser.signIn(email)
        return browser
    }

    static func text(_ key: String, _ language: Language = .en, _ arguments: [String: String] = [:]) -> String {
        escapeHTML(Catalogs.bundled.text(key, language, arguments))
    }

    @Test("A flag reaches the queue; agreeing hides the post, audits the reason and tells the author; restoring shows it again",
          arguments: TestEngine.all)
    func flagQueueHideAndRestore(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let scene = try await Self.scene(app)
            let spam = scene.posts[1]
            let flagger = try await Self.signedIn(app, "flagger@example.org")
            #expect(try await flagger.get("/en/forum/posts/\(spam)/flag").status == .ok)
            let flagged = try await flagger.post("/en/forum/posts/\(spam)/flag", ["reason": "spam", "note": "Advertising watches"])
            #expect(flagged.status == .ok)
            #expect(flagged.text.contains(Self.text("moderation.flag.thanks")))
            #expect(try await flagger.post("/en/forum/posts/\(spam)/flag", ["reason": "offensive"]).text.contains(Self.text("moderation.flag.already")))

            let moderator = try await Self.signedIn(app, "moderator@example.org")
            let queue = try await moderator.get("/en/moderation")
            #expect(queue.status == .ok)
            #expect(queue.text.contains("Buy cheap watches") && queue.text.contains("Advertising watches"))
            #expect(queue.text.contains("\(Self.text("moderation.reason.spam")): 1"))
            #expect(!queue.text.contains("Opening post"))

            // A reason is required, in the reader's language.
            let bare = try await moderator.post("/en/moderation/posts/\(spam)", ["action": "agree", "reason": " "])
            #expect(bare.status == .unprocessableEntity)
            #expect(bare.text.contains(Self.text("moderation.reason.required")))
            #expect(try await ForumLookup(database: app.db).post(spam)?.hidden == false)

            let reason = "Advertising is not allowed here"
            #expect(try await moderator.post("/en/moderation/posts/\(spam)", ["action": "agree", "reason": reason]).status == .ok)
            #expect(try await ForumLookup(database: app.db).post(spam)?.hidden == true)
            let audit = try await AuditLog(database: app.db).entries(action: "forum.post.hidden")
            #expect(audit.count == 1 && audit.first?.detail == reason && audit.first?.target == "post:\(spam)")
            #expect(audit.first?.actorEmail == "moderator@example.org")
            let told = try await Notifications(database: app.db).list(for: try scene.author.requireID(), limit: 10, offset: 0).items
            #expect(told.contains { $0.kind == .moderation && $0.postID == spam && $0.detail == reason })
            #expect(try await moderator.get("/en/moderation").text.contains(Self.text("moderation.queue.empty")))

            // Others read that a moderator hid it; its author still reads it.
            let thread = try await flagger.get("/en/forum/threads/\(scene.thread)")
            #expect(thread.text.contains(Self.text("forum.post.hidden")) && !thread.text.contains("Buy cheap watches"))
            let author = try await Self.signedIn(app, "author@example.org")
            #expect(try await author.get("/en/forum/threads/\(scene.thread)?page=1").text.contains("Buy cheap watches"))

            #expect(try await moderator.post("/en/moderation/posts/\(spam)", ["action": "restore", "reason": "Reconsidered"]).status == .ok)
            #expect(try await ForumLookup(database: app.db).post(spam)?.hidden == false)
            #expect(try await AuditLog(database: app.db).entries(action: "forum.post.restored").first?.detail == "Reconsidered")
            #expect(try await flagger.get("/en/forum/threads/\(scene.thread)").text.contains("Buy cheap watches"))
        }
    }

    @Test("Disagreeing dismisses the flags without hiding the post or telling its author", arguments: TestEngine.all)
    func disagreeDismissesFlags(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let scene = try await Self.scene(app)
            let post = scene.posts[1]
            try await ForumFlags(database: app.db).flag(postID: post, flaggerID: try scene.flagger.requireID(), reason: .offTopic, note: "", now: 1)
            let moderator = try await Self.signedIn(app, "moderator@example.org")
            #expect(try await moderator.get("/en/moderation/posts/\(post)").status == .ok)
            #expect(try await moderator.post("/en/moderation/posts/\(post)", ["action": "disagree", "reason": "On topic"]).status == .ok)
            #expect(try await ForumLookup(database: app.db).post(post)?.hidden == false)
            #expect(try await ForumFlags(database: app.db).queue(.init(openCategories: true, groupIDs: []), limit: 10, offset: 0).total == 0)
            #expect(try await AuditLog(database: app.db).entries(action: "forum.flags.dismissed").count == 1)
            #expect(try await Notifications(database: app.db).list(for: try scene.author.requireID(), limit: 10, offset: 0).total == 0)
        }
    }

    @Test("A locked thread takes replies from moderators only; unlocked, from members again", arguments: TestEngine.all)
    func lockStopsMembersRepliesNotModerators(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let scene = try await Self.scene(app)
            let moderator = try await Self.signedIn(app, "moderator@example.org")
            let moderate = "/en/forum/threads/\(scene.thread)/moderate"
            #expect(try await moderator.get(moderate).status == .ok)
            #expect(try await moderator.post(moderate, ["action": "lock", "reason": "Cooling off"]).status == .ok)
            #expect(try await ForumLookup(database: app.db).thread(scene.thread)?.locked == true)
            #expect(try await AuditLog(database: app.db).entries(action: "forum.thread.lock").first?.detail == "Cooling off")

            let member = try await Self.signedIn(app, "flagger@example.org")
            let reply = "/en/forum/threads/\(scene.thread)/reply"
            #expect(try await member.get(reply).status == .forbidden)
            #expect(try await member.post(reply, ["body": "Me too", "language": "en"]).status == .forbidden)
            try await moderator.get(reply)
            #expect(try await moderator.post(reply, ["body": "A word from the moderators", "language": "en"]).status == .seeOther)

            try await moderator.get(moderate)
            #expect(try await moderator.post(moderate, ["action": "unlock", "reason": "Calm again"]).status == .ok)
            try await member.get(reply)
            #expect(try await member.post(reply, ["body": "Me too", "language": "en"]).status == .seeOther)
        }
    }

    @Test("Pin, close and move between open categories; never into or out of a working group", arguments: TestEngine.all)
    func pinCloseAndMove(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let scene = try await Self.scene(app)
            let other = try await ForumFixtures.category(app, "regional", visibility: .visitors)
            let moderatorID = try scene.moderator.requireID()
            let owner = try await ForumFixtures.member(app, "owner@example.org")
            let group = try await ForumFixtures.group(app, "wg", members: [(moderatorID, .member), (try owner.requireID(), .owner)])
            let room = try await ForumFixtures.category(app, "wg-room", visibility: .group, group: group)
            let moderator = try await Self.signedIn(app, "moderator@example.org")
            let moderate = "/en/forum/threads/\(scene.thread)/moderate"
            try await moderator.get(moderate)
            #expect(try await moderator.post(moderate, ["action": "pin", "reason": "Useful"]).status == .ok)
            #expect(try await moderator.post(moderate, ["action": "close", "reason": "Answered"]).status == .ok)
            let closed = try await ForumLookup(database: app.db).thread(scene.thread)
            #expect(closed?.pinned == true && closed?.closed == true)

            // Into a group: refused, even for a moderator who belongs to it.
            let into = try await moderator.post(moderate, ["action": "move", "category": String(room), "reason": "Private"])
            #expect(into.status == .unprocessableEntity)
            #expect(into.text.contains(Self.text("moderation.thread.acrossGroups")))
            #expect(try await ForumLookup(database: app.db).thread(scene.thread)?.categoryID == scene.category)

            #expect(try await moderator.post(moderate, ["action": "move", "category": String(other), "reason": "Regional"]).status == .ok)
            #expect(try await ForumLookup(database: app.db).thread(scene.thread)?.categoryID == other)
            #expect(try await AuditLog(database: app.db).entries(action: "forum.thread.moved").count == 1)
            let told = try await Notifications(database: app.db).list(for: try scene.author.requireID(), limit: 10, offset: 0)
            #expect(told.total == 3)

            // Out of a group: its owner moderates it, but may not publish it.
            let (secret, _) = try await ForumFixtures.thread(app, category: room, author: try owner.requireID(), title: "Our plan")
            let ownerBrowser = try await Self.signedIn(app, "owner@example.org")
            try await ownerBrowser.get("/en/forum/threads/\(secret)/moderate")
            let out = try await ownerBrowser.post("/en/forum/threads/\(secret)/moderate", ["action": "move", "category": String(other), "reason": "Publish"])
            #expect(out.status == .unprocessableEntity)
            #expect(try await ForumLookup(database: app.db).thread(secret)?.categoryID == room)
        }
    }

    @Test("A silenced member may not post until the silence ends; they are told why", arguments: TestEngine.all)
    func silenceBlocksPostingThenExpires(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let scene = try await Self.scene(app)
            let authorID = try scene.author.requireID()
            let moderator = try await Self.signedIn(app, "moderator@example.org")
            let page = "/en/moderation/members/\(authorID.uuidString)"
            #expect(try await moderator.get(page).status == .ok)
            let past = try await moderator.post(page, ["action": "silence", "duration": "custom", "until": "2001-01-01", "reason": "Spam"])
            #expect(past.status == .unprocessableEntity)
            #expect(try await moderator.post(page, ["action": "silence", "duration": "week", "reason": "Repeated spam"]).status == .ok)
            let until = try await ForumTrust(database: app.db).standing(of: authorID, now: Int(Date().timeIntervalSince1970)).silencedUntil ?? 0
            #expect(abs(until - (Int(Date().timeIntervalSince1970) + 7 * 24 * 3600)) < 60)
            #expect(try await AuditLog(database: app.db).entries(action: "forum.member.silenced").first?.detail == "Repeated spam")
            let told = try await Notifications(database: app.db).list(for: authorID, limit: 10, offset: 0).items
            #expect(told.contains { $0.kind == .moderation && $0.detail == "Repeated spam" })

            let author = try await Self.signedIn(app, "author@example.org")
            let reply = "/en/forum/threads/\(scene.thread)/reply"
            #expect(try await author.get(reply).status == .forbidden)
            #expect(try await author.post(reply, ["body": "Still here", "language": "en"]).status == .forbidden)
            // Editing is writing too: a silenced author cannot rewrite a post into what was silenced.
            let edit = "/en/forum/posts/\(scene.posts[0])/edit"
            #expect(try await author.get(edit).status == .forbidden)
            #expect(try await author.post(edit, ["body": "Changed while silenced", "language": "en"]).status == .forbidden)
            #expect(!(try await author.get("/en/forum/threads/\(scene.thread)").text.contains(edit)))

            // The week goes by.
            try await (app.db as! any SQLDatabase).raw("UPDATE forum_members SET silenced_until = 1 WHERE user_id = \(bind: authorID)").run()
            try await author.get(reply)
            #expect(try await author.post(reply, ["body": "Back again", "language": "en"]).status == .seeOther)
            #expect(try await author.get(edit).status == .ok)
        }
    }

    @Test("A group's flags reach its owners and the moderators in it, never a moderator outside it", arguments: TestEngine.all)
    func groupFlagsStayInTheGroup(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let owner = try await ForumFixtures.member(app, "owner@example.org")
            let writer = try await ForumFixtures.member(app, "writer@example.org")
            let flagger = try await ForumFixtures.member(app, "flagger@example.org")
            try await ForumFixtures.member(app, "outside@example.org", roles: [.member, .moderator])
            let inside = try await ForumFixtures.member(app, "inside@example.org", roles: [.member, .moderator])
            let group = try await ForumFixtures.group(app, "wg", members: [
                (try owner.requireID(), .owner), (try writer.requireID(), .member), (try flagger.requireID(), .member),
                (try inside.requireID(), .member),
            ])
            let room = try await ForumFixtures.category(app, "wg-room", visibility: .group, group: group)
            let (thread, posts) = try await ForumFixtures.thread(app, category: room, author: try writer.requireID(),
                                                                  title: "Our plan", posts: ["Private plan", "Secret detail"])
            let member = try await Self.signedIn(app, "flagger@example.org")
            try await member.get("/en/forum/posts/\(posts[1])/flag")
            #expect(try await member.post("/en/forum/posts/\(posts[1])/flag", ["reason": "unsafe"]).status == .ok)

            let outside = try await Self.signedIn(app, "outside@example.org")
            let queue = try await outside.get("/en/moderation")
            #expect(queue.status == .ok && !queue.text.contains("Secret detail") && !queue.text.contains("Our plan"))
            #expect(try await outside.get("/en/moderation/posts/\(posts[1])").status == .notFound)
            try await outside.get("/en/moderation/members/\(try writer.requireID().uuidString)")   // a form, for its token
            #expect(try await outside.post("/en/moderation/posts/\(posts[1])", ["action": "hide", "reason": "x"]).status == .notFound)
            #expect(try await outside.get("/en/forum/threads/\(thread)/moderate").status == .notFound)

            #expect(try await Self.signedIn(app, "inside@example.org").get("/en/moderation").text.contains("Secret detail"))
            let ownerBrowser = try await Self.signedIn(app, "owner@example.org")
            #expect(try await ownerBrowser.get("/en/moderation").text.contains("Secret detail"))
            #expect(try await ownerBrowser.post("/en/moderation/posts/\(posts[1])", ["action": "agree", "reason": "Names a person"]).status == .ok)
            #expect(try await ForumLookup(database: app.db).post(posts[1])?.hidden == true)
            // A member of the group with no standing as its owner has no queue.
            #expect(try await Self.signedIn(app, "writer@example.org").get("/en/moderation").status == .forbidden)
        }
    }

    @Test("Flagging and posting past their limits answer 429 with a translated page", arguments: TestEngine.all)
    func limitsAnswer429(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let scene = try await Self.scene(app)
            let now = Int(Date().timeIntervalSince1970)
            let trust = ForumTrust(database: app.db)
            for _ in 0..<PostingLimits.standard.flagsPerDay { try await trust.checkFlag(userID: try scene.flagger.requireID(), now: now) }
            let flagger = try await Self.signedIn(app, "flagger@example.org")
            try await flagger.get("/fr/forum/posts/\(scene.posts[1])/flag")
            let flag = try await flagger.post("/fr/forum/posts/\(scene.posts[1])/flag", ["reason": "spam"])
            #expect(flag.status == .tooManyRequests)
            #expect(flag.text.contains(Self.text("moderation.limit.title", .fr)))
            #expect(flag.headers.first(name: .retryAfter) != nil)
            #expect(try await ForumFlags(database: app.db).hasFlagged(postID: scene.posts[1], flaggerID: try scene.flagger.requireID()) == false)

            // An established member: sixty posts in the hour, then no more.
            let authorID = try scene.author.requireID()
            try await (app.db as! any SQLDatabase).raw("""
                UPDATE forum_members SET post_count = 50, first_post_at = \(bind: now - 30 * 24 * 3600) WHERE user_id = \(bind: authorID)
                """).run()
            for _ in 0..<PostingLimits.standard.postsPerHour { try await trust.checkPost(userID: authorID, links: 0, now: now) }
            let author = try await Self.signedIn(app, "author@example.org")
            try await author.get("/fr/forum/threads/\(scene.thread)/reply")
            let reply = try await author.post("/fr/forum/threads/\(scene.thread)/reply", ["body": "Encore", "language": "fr"])
            #expect(reply.status == .tooManyRequests)
            #expect(reply.text.contains(escapeHTML(Catalogs.bundled.text("moderation.limit.postsPerHour", .fr, ["limit": "60", "minutes": "x"])
                .components(separatedBy: "x").first!)))

            // A new member: ten posts a day.
            for _ in 0..<PostingLimits.standard.newPostsPerDay { try await trust.checkPost(userID: try scene.flagger.requireID(), links: 0, now: now) }
            try await flagger.get("/en/forum/threads/\(scene.thread)/reply")
            let newcomer = try await flagger.post("/en/forum/threads/\(scene.thread)/reply", ["body": "Hello", "language": "en"])
            #expect(newcomer.status == .tooManyRequests)
            #expect(newcomer.text.contains(Self.text("moderation.limit.newMemberPosts", .en, ["limit": "10", "minutes": "x"]).components(separatedBy: "x").first!))
        }
    }

    @Test("A new member's post carries at most three links; an established member's more", arguments: TestEngine.all)
    func newMembersLinkLimit(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let scene = try await Self.scene(app)
            let links = (1...4).map { "[source \($0)](https://example.org/\($0))" }.joined(separator: " ")
            let newcomer = try await Self.signedIn(app, "flagger@example.org")
            let reply = "/en/forum/threads/\(scene.thread)/reply"
            try await newcomer.get(reply)
            let refused = try await newcomer.post(reply, ["body": links, "language": "en"])
            #expect(refused.status == .tooManyRequests)
            #expect(refused.text.contains(Self.text("moderation.limit.newMemberLinks", .en, ["limit": "3"])))
            #expect(try await ForumLookup(database: app.db).thread(scene.thread)?.postCount == 2)
            let three = (1...3).map { "[source \($0)](https://example.org/\($0))" }.joined(separator: " ")
            #expect(try await newcomer.post(reply, ["body": three, "language": "en"]).status == .seeOther)

            let now = Int(Date().timeIntervalSince1970)
            try await (app.db as! any SQLDatabase).raw("""
                UPDATE forum_members SET post_count = 50, first_post_at = \(bind: now - 30 * 24 * 3600) WHERE user_id = \(bind: try scene.author.requireID())
                """).run()
            let author = try await Self.signedIn(app, "author@example.org")
            try await author.get(reply)
            #expect(try await author.post(reply, ["body": links, "language": "en"]).status == .seeOther)
        }
    }
}
