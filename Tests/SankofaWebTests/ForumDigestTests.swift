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

/// The forum's daily and weekly digests: built once per member and period however many builders
/// run, resumed after an interruption, in the member's language, with nothing from a group the
/// member has left.
@Suite("Forum digests")
struct ForumDigestTests {
    static let now = 1_765_180_800 // 2025-12-08 08:00 UTC, a Monday

    /// `count` daily-digest members, each with one unmailed reply notification on `thread`.
    static func members(_ app: Application, _ count: Int, thread: Int, mode: EmailMode = .daily) async throws -> [UUID] {
        var ids: [UUID] = []
        for number in 0..<count {
            let id = try await ForumFixtures.member(app, "digest\(number)@example.org").requireID()
            try await Notifications(database: app.db).setEmailMode(mode, for: id)
            try await Notifications(database: app.db).add(.init(userID: id, kind: .reply, threadID: thread, now: now - 60))
            ids.append(id)
        }
        return ids
    }

    static func outbox(_ app: Application) async throws -> [Outbox.Message] {
        try await Outbox(database: app.db).messages(limit: 10_000)
    }

    static func thread(_ app: Application, visibility: ForumVisibility = .members, group: Int? = nil, title: String = "Community radio") async throws -> Int {
        let author = try await ForumFixtures.member(app, "author-\(title.count)-\(visibility.rawValue)@example.org").requireID()
        let category = try await ForumFixtures.category(app, "c-\(visibility.rawValue)-\(title.count)", visibility: visibility, group: group)
        return try await ForumFixtures.thread(app, category: category, author: author, title: title).thread
    }

    @Test("Two builders at once: one digest per member", arguments: TestEngine.all)
    func twoBuildersSendOnce(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let thread = try await Self.thread(app)
            let ids = try await Self.members(app, 450, thread: thread)
            let first = try await ForumMailLoop.digests(app.db, baseURL: "https://sankofa.example")
            let second = try await ForumMailLoop.digests(app.db, baseURL: "https://sankofa.example")
            let period = ForumDigests.Period(.daily, at: Self.now)
            #expect(period.key == "daily:2025-12-08")
            let start = ContinuousClock.now
            async let a = first.build(period, now: Self.now)
            async let b = second.build(period, now: Self.now)
            let (doneA, doneB) = try await (a, b)
            print("daily digests of 450 members by two builders at once (\(engine)): \(ContinuousClock.now - start), \(doneA) + \(doneB)")
            #expect(doneA + doneB == 450)
            let mail = try await Self.outbox(app)
            #expect(mail.count == 450)
            #expect(Set(mail.map(\.recipient)).count == 450)
            let rows = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM forum_digests WHERE period = 'daily:2025-12-08'").first()
            #expect(try rows?.decode(column: "n", as: Int.self) == ids.count)
            // Built again (another node, a restart): nothing more.
            #expect(try await first.build(period, now: Self.now + 60) == 0)
            #expect(try await Self.outbox(app).count == 450)
        }
    }

    @Test("An interrupted build resumes with the members not done", arguments: TestEngine.all)
    func restartResumes(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let thread = try await Self.thread(app)
            _ = try await Self.members(app, 5, thread: thread)
            var builder = try await ForumMailLoop.digests(app.db, baseURL: "https://sankofa.example")
            builder.batchSize = 2
            let period = ForumDigests.Period(.daily, at: Self.now)
            #expect(try await builder.build(period, now: Self.now, stopAfter: 1) == 2)
            #expect(try await Self.outbox(app).count == 2)
            #expect(try await builder.build(period, now: Self.now) == 3)
            let mail = try await Self.outbox(app)
            #expect(mail.count == 5 && Set(mail.map(\.recipient)).count == 5)
            // Weekly members are not in a daily digest, and a weekly period has its own key.
            #expect(ForumDigests.Period(.weekly, at: Self.now).key == "weekly:2025-W50")
        }
    }

    @Test("Immediate mail: one message per notification, none for a group left or for members who want none", arguments: TestEngine.all)
    func immediateMail(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let stays = try await ForumFixtures.member(app, "stays@example.org").requireID()
            let leaves = try await ForumFixtures.member(app, "leaves@example.org").requireID()
            let quiet = try await ForumFixtures.member(app, "quiet@example.org").requireID()
            let group = try await ForumFixtures.group(app, "wg", members: [(stays, .member), (leaves, .member), (quiet, .member)])
            let secret = try await Self.thread(app, visibility: .group, group: group, title: "Secret plan for the group")
            let notifications = Notifications(database: app.db)
            try await notifications.setEmailMode(.off, for: quiet)
            let now = Int(Date().timeIntervalSince1970)
            for user in [stays, leaves, quiet] {
                try await notifications.add(.init(userID: user, kind: .mention, threadID: secret, now: now - 5))
            }
            try await (app.db as! any SQLDatabase).raw("DELETE FROM forum_group_members WHERE user_id = \(bind: leaves)").run()
            let builder = try await ForumMailLoop.digests(app.db, baseURL: "https://sankofa.example")
            #expect(try await builder.sendImmediate(now: now) == 1)
            let mail = try await Self.outbox(app)
            #expect(mail.map(\.recipient) == ["stays@example.org"])
            #expect(mail.first?.subject.contains("Secret plan") == true)
            // Rejoining later brings the notification back to the list, never to the mail.
            try await ForumFixtures.join(app, group: group, user: leaves)
            #expect(try await builder.sendImmediate(now: now + 60) == 0)
        }
    }

    @Test("Nothing from a group the member left; a digest in the member's language; notifications marked mailed", arguments: TestEngine.all)
    func leftGroupAndLanguage(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let leaver = try await ForumFixtures.member(app, "leaver@example.org").requireID()
            let group = try await ForumFixtures.group(app, "wg", members: [(leaver, .member)])
            let open = try await Self.thread(app, title: "Community radio")
            let secret = try await Self.thread(app, visibility: .group, group: group, title: "Secret plan for the group")
            let notifications = Notifications(database: app.db)
            try await notifications.setEmailMode(.weekly, for: leaver)
            try await (app.db as! any SQLDatabase).raw("UPDATE users SET language = 'fr' WHERE id = \(bind: leaver)").run()
            try await notifications.add(.init(userID: leaver, kind: .reply, threadID: open, now: Self.now - 60))
            try await notifications.add(.init(userID: leaver, kind: .mention, threadID: secret, now: Self.now - 50))
            try await (app.db as! any SQLDatabase).raw("DELETE FROM forum_group_members WHERE user_id = \(bind: leaver)").run()

            let builder = try await ForumMailLoop.digests(app.db, baseURL: "https://sankofa.example")
            // A daily build leaves weekly members alone.
            #expect(try await builder.build(ForumDigests.Period(.daily, at: Self.now), now: Self.now) == 0)
            #expect(try await builder.build(ForumDigests.Period(.weekly, at: Self.now), now: Self.now) == 1)
            let mail = try #require(try await Self.outbox(app).first)
            #expect(mail.recipient == "leaver@example.org")
            #expect(mail.subject.hasPrefix("Votre résumé hebdomadaire du forum"))
            #expect(mail.body.contains("Community radio") && !mail.body.contains("Secret plan"))
            #expect(mail.body.contains("https://sankofa.example/fr/forum/threads/\(open)"))
            #expect(mail.headers.contains("List-Unsubscribe: <https://sankofa.example/unsubscribe/"))
            let unmailed = try await (app.db as! any SQLDatabase).raw("SELECT COUNT(*) AS n FROM notifications WHERE mailed_at IS NULL").first()
            #expect(try unmailed?.decode(column: "n", as: Int.self) == 0, "the group's notification is never mailed later")
        }
    }
}
