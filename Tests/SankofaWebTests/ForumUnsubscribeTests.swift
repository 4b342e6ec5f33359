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

/// The forum's mail carries `List-Unsubscribe` with a signed link and the one-click POST of
/// RFC 8058: posted with no session and no CSRF token it turns the member's forum mail off; a
/// forged or altered token changes nothing.
@Suite("Forum mail unsubscribe")
struct ForumUnsubscribeTests {
    /// A member (immediate mail) told of a reply, and the mail the loop queues for it.
    static func mailed(_ app: Application) async throws -> (member: UUID, mail: Outbox.Message) {
        let amina = try await ForumFixtures.member(app, "amina@example.org").requireID()
        let bilal = try await ForumFixtures.member(app, "bilal@example.org").requireID()
        let category = try await ForumFixtures.category(app, "general")
        let (thread, _) = try await ForumFixtures.thread(app, category: category, author: amina, title: "Radio & schools")
        let now = Int(Date().timeIntervalSince1970)
        try await ForumPosts(database: app.db).reply(to: thread, body: "An answer.", language: .en, authorID: bilal, now: now)
        let digests = try await ForumMailLoop.digests(app.db, baseURL: app.settings.baseURL)
        #expect(try await digests.sendImmediate(now: now) == 1)
        #expect(try await digests.sendImmediate(now: now + 60) == 0, "each notification is mailed once")
        let mail = try #require(try await Outbox(database: app.db).messages().first)
        return (amina, mail)
    }

    static func token(_ mail: Outbox.Message) -> String {
        let line = mail.headers.split(separator: "\n").first { $0.hasPrefix("List-Unsubscribe: ") } ?? ""
        return String(line.split(separator: "/").last ?? "").replacingOccurrences(of: ">", with: "")
    }

    @Test("Immediate mail carries List-Unsubscribe and its one-click POST header, also as sent", arguments: TestEngine.all)
    func headersPresent(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let (_, mail) = try await Self.mailed(app)
            #expect(mail.recipient == "amina@example.org")
            #expect(mail.subject == "Bilal replied in “Radio & schools”")
            #expect(mail.headers.contains("List-Unsubscribe: <http://127.0.0.1:8080/unsubscribe/"))
            #expect(mail.headers.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"))
            #expect(mail.body.contains("http://127.0.0.1:8080/en/forum/posts/"))
            let sent = MailMessage(from: try MailAddress(address: "no-reply@example.org"), to: mail.recipient, subject: mail.subject,
                                   body: mail.body, extraHeaders: mail.headers).rendered(allow8Bit: true).text
            let head = sent.components(separatedBy: "\r\n\r\n")[0]
            #expect(head.contains("\r\nList-Unsubscribe: <http://127.0.0.1:8080/unsubscribe/"))
            #expect(head.contains("\r\nList-Unsubscribe-Post: List-Unsubscribe=One-Click"))
        }
    }

    @Test("One-click POST without session or CSRF token turns the mail off; the page asks first", arguments: TestEngine.all)
    func oneClick(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let (member, mail) = try await Self.mailed(app)
            let token = Self.token(mail)
            let stranger = Browser(app)
            stranger.origin = nil
            let page = try await stranger.get("/unsubscribe/\(token)")
            #expect(page.status == .ok && page.text.contains("<button type=\"submit\">"))
            #expect(try await Notifications(database: app.db).emailMode(of: member) == .immediate, "showing the page changes nothing")
            let posted = try await stranger.post("/unsubscribe/\(token)", ["List-Unsubscribe": "One-Click"], omitToken: true)
            #expect(posted.status == .ok)
            #expect(try await Notifications(database: app.db).emailMode(of: member) == .off)
        }
    }

    @Test("A forged or altered token is refused and changes nothing", arguments: TestEngine.all)
    func forgedToken(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let (member, mail) = try await Self.mailed(app)
            let token = Self.token(mail)
            let other = try await ForumFixtures.member(app, "other@example.org").requireID()
            let parts = token.split(separator: ".").map(String.init)
            let otherHex = other.uuidString.lowercased().replacingOccurrences(of: "-", with: "")
            var flipped = Array(parts[2])
            flipped[0] = flipped[0] == "A" ? "B" : "A"
            let forgeries = [
                otherHex + "." + parts[1] + "." + parts[2],          // another member, the same signature
                parts[0] + "." + parts[1] + "." + String(flipped),    // an altered signature
                parts[0] + ".other." + parts[2],                      // another list
                UnsubscribeToken.make(userID: member, secret: "not the site's secret"),
                "garbage",
            ]
            let stranger = Browser(app)
            stranger.origin = nil
            for forged in forgeries {
                #expect(try await stranger.post("/unsubscribe/\(forged)", ["List-Unsubscribe": "One-Click"], omitToken: true).status == .notFound)
                #expect(try await stranger.get("/unsubscribe/\(forged)").status == .notFound)
            }
            #expect(try await Notifications(database: app.db).emailMode(of: member) == .immediate)
            #expect(try await Notifications(database: app.db).emailMode(of: other) == .immediate)
        }
    }

    @Test("The settings page sets the e-mail mode", arguments: TestEngine.all)
    func settingsPage(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let member = try await ForumFixtures.member(app, "amina@example.org").requireID()
            let browser = Browser(app)
            try await browser.signIn("amina@example.org")
            let page = try await browser.get("/fr/account/notifications")
            #expect(page.status == .ok && page.text.contains("Un résumé hebdomadaire"))
            let saved = try await browser.post("/fr/account/notifications", ["mode": "weekly"])
            #expect(saved.status == .ok && saved.text.contains("Votre choix est enregistré."))
            #expect(try await Notifications(database: app.db).emailMode(of: member) == .weekly)
            #expect(try await browser.post("/fr/account/notifications", ["mode": "hourly"]).status == .unprocessableEntity)
            #expect(try await Notifications(database: app.db).emailMode(of: member) == .weekly)
        }
    }
}
