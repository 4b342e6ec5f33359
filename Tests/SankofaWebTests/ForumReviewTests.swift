import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// Defects found by the forum's privacy review (issue 18), each pinned by a test, both engines.
@Suite("Forum privacy review")
struct ForumReviewTests {
    /// `?by=handle` (where a mention leads) must not tell a reader who is on the site: a member
    /// whose only threads are in a working group is not named to a visitor or an outsider, and
    /// a handle that exists answers like one that does not.
    @Test(arguments: TestEngine.all)
    func byHandleNamesNobodyBeyondWhatTheReaderSees(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let hidden = try await ForumFixtures.member(app, "siti.rahayu@example.org")
            let writer = try await ForumFixtures.member(app, "open.writer@example.org")
            try await ForumFixtures.member(app, "outsider@example.org")
            let group = try await ForumFixtures.group(app, "jakarta-circle", listed: false, members: [(try hidden.requireID(), .owner)])
            let room = try await ForumFixtures.category(app, "jakarta-room", visibility: .group, group: group)
            let open = try await ForumFixtures.category(app, "open-talk")
            try await ForumFixtures.thread(app, category: room, author: try hidden.requireID(), title: "Private matter")
            try await ForumFixtures.thread(app, category: open, author: try writer.requireID(), title: "Open exchange")
            let handle = try #require(try await ForumMembers(database: app.db).find(try hidden.requireID())).handle
            let writerHandle = try #require(try await ForumMembers(database: app.db).find(try writer.requireID())).handle

            let outsider = Browser(app)
            try await outsider.signIn("outsider@example.org")
            for browser in [Browser(app), outsider] {
                // The category's page: the forum's home names each category's latest thread anyway.
                let named = try await browser.get("/en/forum/c/open-talk?by=\(handle)")
                let nobody = try await browser.get("/en/forum/c/open-talk?by=nosuchperson")
                let home = try await browser.get("/en/forum?by=\(handle)")
                #expect(!home.body.string.contains(hidden.name))
                #expect(named.status == .ok && nobody.status == .ok)
                #expect(!named.body.string.contains(hidden.name))
                #expect(!named.body.string.contains("Private matter"))
                // The same answer for a handle that exists and one that does not.
                #expect(!named.body.string.contains("Open exchange"))
                #expect(!nobody.body.string.contains("Open exchange"))
                // A writer whose threads the reader sees is named beside them, as on the posts.
                let shown = try await browser.get("/en/forum/c/open-talk?by=\(writerHandle)")
                #expect(shown.body.string.contains("Open exchange") && shown.body.string.contains(writer.name))
            }
            // The group's member sees her own thread listed under her name.
            let insider = Browser(app)
            try await insider.signIn("siti.rahayu@example.org")
            let own = try await insider.get("/en/forum?by=\(handle)")
            #expect(own.body.string.contains("Private matter") && own.body.string.contains(hidden.name))
        }
    }
}
