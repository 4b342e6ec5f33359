import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// The demo forum as a newcomer meets it: alive for visitors and members, and nothing of the two
/// working groups (threads, titles, the hidden group's name) reaching anyone outside them.
@Suite("Forum demo pages")
struct ForumDemoPagesTests {
    @Test("The demo forum shows to visitors without its private groups", arguments: TestEngine.all)
    func visitorsSeeTheForumButNoGroup(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .demo) { app in
            _ = try await ForumDemoData.load(from: Fixtures.demoFolder, on: app.db)
            let content = try ForumDemoData.content(in: Fixtures.demoFolder)
            let groupCategories = Set(content.categories.filter { $0.visibility == .group }.map(\.slug))
            let privateTitles = content.threads.filter { groupCategories.contains($0.category) }.map(\.title)
            let memberCategories = Set(content.categories.filter { $0.visibility == .members }.map(\.slug))
            let memberTitles = content.threads.filter { memberCategories.contains($0.category) }.map(\.title)
            #expect(privateTitles.count >= 4)

            let visitor = Browser(app)
            let home = try await visitor.get("/en/forum")
            #expect(home.status == .ok)
            #expect(home.text.contains("Welcome and introductions"))
            let welcome = try await visitor.get("/en/forum/c/welcome")
            #expect(welcome.status == .ok)
            #expect(welcome.text.contains(html("Demo: Welcome to the Forum of Experts — introduce yourself here")))
            for page in [home.text, welcome.text] {
                #expect(!privateTitles.contains { page.contains(html($0)) })
                #expect(!memberTitles.contains { page.contains(html($0)) })
            }
            // The threads of a visitors' category are read with their links as cards.
            let community = try await threadID(titled: "Demo: Involving ward-level committees in a county action plan review", on: app)
            let thread = try await visitor.get("/en/forum/threads/\(community)")
            #expect(thread.status == .ok)
            #expect(thread.text.contains("/en/practices/kenya-county-action-plans-pcve"))

            // Each group's threads answer a visitor and a member outside the group as if they did not exist.
            try await ForumFixtures.member(app, "outsider@example.org")
            let outsider = Browser(app)
            try await outsider.signIn("outsider@example.org")
            for title in privateTitles {
                let id = try await threadID(titled: title, on: app)
                #expect(try await visitor.get("/en/forum/threads/\(id)").status == .notFound)
                #expect(try await outsider.get("/en/forum/threads/\(id)").status == .notFound)
            }
            let memberHome = try await outsider.get("/en/forum")
            #expect(memberTitles.contains { memberHome.text.contains(html($0)) }, "members read the members' categories")
            #expect(!privateTitles.contains { memberHome.text.contains(html($0)) })
            for slug in groupCategories {
                #expect(try await visitor.get("/en/forum/c/\(slug)").status == .notFound)
                #expect(try await outsider.get("/en/forum/c/\(slug)").status == .notFound)
            }
            // The listed group is named to all; the hidden one to nobody outside it.
            let groups = try await outsider.get("/en/groups")
            #expect(groups.text.contains(html("Lake Chad reintegration exchange (Demo)")))
            #expect(!groups.text.contains("Counter-narratives drafting group"))
        }
    }

    private func threadID(titled title: String, on app: Application) async throws -> Int {
        let row = try #require(try await (app.db as! any SQLDatabase).raw("SELECT id FROM forum_threads WHERE title = \(bind: title)").first())
        return try row.decode(column: "id", as: Int.self)
    }

    /// A title as the page writes it (Leaf escapes `'`, `&`, `<`...).
    private func html(_ text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
            .replacingOccurrences(of: "'", with: "&#39;")
    }
}
