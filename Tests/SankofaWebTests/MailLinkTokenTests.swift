import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SankofaTestSupport
import SQLKit
import Testing
import Vapor
@testable import SankofaWeb

/// Single-use links in mail: their tokens are in no stored body (admins, data exports and
/// backups read those), go out in the mail sent, are forgotten once it went, and a message whose
/// link expired first is not sent; mail sent or given up on is deleted after the retention period.
@Suite("E-mail: links' tokens and retention")
struct MailLinkTokenTests {
    static func linkToken(_ app: Application, _ recipient: String) async throws -> String? {
        try await (app.db as! any SQLDatabase).raw("SELECT link_token FROM outbox WHERE recipient = \(bind: recipient) ORDER BY id DESC")
            .first()?.decode(column: "link_token", as: String?.self)
    }

    /// A sender whose server cannot be reached: a message it tries fails at once, with an error.
    static func unreachableSender(_ app: Application, retention: TimeInterval = 30 * 86_400) throws -> MailSender {
        MailSender(client: SMTPClient(configuration: try SMTPConfiguration(url: "smtp://127.0.0.1:9")), from: SMTPTestServer.from,
                   database: { app.db }, retention: retention, logger: app.logger)
    }

    @Test("ASVS 14.2.4 a reset link's token is in no stored body, admin page or data export; the mail sent carries it", arguments: TestEngine.all)
    func aResetTokenIsOnlyInTheMailSent(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin])
            let visitor = Browser(app)
            try await visitor.get("/en/account/reset")
            try await visitor.post("/en/account/reset", ["email": "member@example.org"])
            let token = try #require(try await Self.linkToken(app, "member@example.org"))
            #expect(token.count >= 40)

            let stored = try #require(try await Outbox(database: app.db).messages().first)
            #expect(stored.body.contains("/en/account/reset/\(Outbox.linkTokenMarker)") && !stored.body.contains(token))
            let admin = Browser(app)
            try await admin.signIn("admin@example.org")
            let outboxPage = try await admin.get("/en/admin/outbox")
            #expect(outboxPage.status == .ok && outboxPage.text.contains("/en/account/reset/") && !outboxPage.text.contains(token))
            let member = Browser(app)
            try await member.signIn("member@example.org")
            let export = try await member.get("/en/account/export")
            #expect(export.status == .ok && export.text.contains("/en/account/reset/") && !export.text.contains(token))

            // As sent: the link with its token, which works; then the outbox forgets the token.
            let link = try #require(try await TestMail.link(app, "/en/account/reset/", to: "member@example.org"))
            #expect(link == "/en/account/reset/\(token)")
            #expect(try await visitor.get(link).status == .ok)
            #expect(try await Self.linkToken(app, "member@example.org") == nil)
            #expect(try await visitor.post(link, ["password": "a brand new passphrase"]).status == .seeOther)
            #expect(!(try await member.get("/en/account/export").text.contains(token)))
        }
    }

    @Test("ASVS 6.4.1 a message whose link expired before it went is not sent, and its token is forgotten", arguments: TestEngine.all)
    func anExpiredLinkIsNotSent(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let outbox = Outbox(database: app.db)
            let now = Int(Date().timeIntervalSince1970)
            try await outbox.queue(Outbox.Mail(to: "late@example.org", subject: "Reset", body: "Open /en/account/reset/\(Outbox.linkTokenMarker)",
                                               linkToken: "a-token-that-expires", linkExpiresAt: now + 3600), now: now)
            try await outbox.queue(to: "plain@example.org", subject: "News", body: "No link here.", now: now)
            // An hour later, with no server reached meanwhile: the plain message is tried (and
            // fails, unreachable); the one whose link has expired is not even tried.
            let later = Date(timeIntervalSince1970: TimeInterval(now + 3600))
            #expect(try await Self.unreachableSender(app).runOnce(now: later) == MailSender.Report(sent: 0, failed: 1))
            let messages = try await outbox.messages()
            let late = try #require(messages.first { $0.recipient == "late@example.org" })
            #expect(late.givenUpAt == now + 3600 && late.attempts == 0 && late.error == nil && late.sentAt == nil)
            #expect(messages.first { $0.recipient == "plain@example.org" }?.attempts == 1)
            #expect(try await Self.linkToken(app, "late@example.org") == nil)
            #expect(try await outbox.claim(limit: 10, now: now + 7200, until: now + 9000).map(\.recipient) == ["plain@example.org"])

            // Admins read why it was not sent.
            try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin])
            let admin = Browser(app)
            try await admin.signIn("admin@example.org")
            let page = try await admin.get("/en/admin/outbox")
            #expect(page.text.contains(escapeHTML(Catalogs.bundled.text("outbox.expired", .en, ["date": AdminController.when(now + 3600, .en)]))))
        }
    }

    @Test("ASVS 14.2.7 mail sent or given up on is deleted once older than the retention period", arguments: TestEngine.all)
    func oldMailIsPruned(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let outbox = Outbox(database: app.db)
            let now = Int(Date().timeIntervalSince1970), day = 86_400
            for name in ["sent-long-ago", "sent-yesterday", "given-up-long-ago", "given-up-yesterday", "waiting-long"] {
                try await outbox.queue(to: "\(name)@example.org", subject: "S", body: "B", now: now - 40 * day)
            }
            let ids = try await outbox.pending(limit: 10).map(\.id)
            try await outbox.markSent(id: ids[0], at: now - 31 * day)
            try await outbox.markSent(id: ids[1], at: now - day)
            try await outbox.markFailed(id: ids[2], error: "550 No such user", claim: 0, retryAt: 0, givenUpAt: now - 31 * day)
            try await outbox.markFailed(id: ids[3], error: "550 No such user", claim: 0, retryAt: 0, givenUpAt: now - day)
            // Waiting messages stay, however old (the sender tries, fails and gives up on this one now).
            try await Self.unreachableSender(app, retention: 30 * Double(day)).runOnce(now: Date(timeIntervalSince1970: TimeInterval(now)))
            let left = try await outbox.messages().map(\.recipient).sorted()
            #expect(left == ["given-up-yesterday@example.org", "sent-yesterday@example.org", "waiting-long@example.org"])
            #expect(AppSettings(database: .sqliteMemory).mailRetentionDays == 30)
            #expect(try AppSettings.fromEnvironment(["SANKOFA_MAIL_RETENTION_DAYS": "7"]).mailRetentionDays == 7)
        }
    }

    /// Mail queued before migration 013 loses its tokens: a sent message's for good, a waiting
    /// one's to the column it then goes out from, until the link's lifetime is over.
    @Test(arguments: TestEngine.all)
    func migration013WithholdsTheTokensOfOlderMail(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let now = Int(Date().timeIntervalSince1970)
            try await app.db.withConnection { connection in
                let sql = connection as! any SQLDatabase
                try await WithholdOutboxLinkTokens().revert(on: connection)
                let sentBody = "Open https://x.org/en/account/reset/Sent-Token_1 now."
                let waitingBody = "Open:\nhttps://x.org/fr/account/verify/Waiting_Token-2\nThanks"
                try await sql.raw("""
                    INSERT INTO outbox (created_at, recipient, subject, body, sent_at) VALUES
                    (\(bind: now - 600), 'sent@example.org', 'Reset', \(bind: sentBody), \(bind: now - 590)),
                    (\(bind: now - 60), 'waiting@example.org', 'Verify', \(bind: waitingBody), NULL)
                    """).run()
                try await WithholdOutboxLinkTokens().prepare(on: connection)
            }
            let messages = try await Outbox(database: app.db).messages()
            #expect(messages.allSatisfy { !$0.body.contains("Sent-Token_1") && !$0.body.contains("Waiting_Token-2") })
            #expect(messages.first { $0.recipient == "sent@example.org" }?.body == "Open https://x.org/en/account/reset/{token} now.")
            #expect(try await Self.linkToken(app, "sent@example.org") == nil)
            #expect(messages.first { $0.recipient == "waiting@example.org" }?.linkExpiresAt == now - 60 + 86_400)
            let sent = try await TestMail.deliver(app)
            #expect(sent.map(\.deliveredBody) == ["Open:\nhttps://x.org/fr/account/verify/Waiting_Token-2\nThanks"])
        }
    }

    /// Through a real SMTP server: the verification mail arrives with its link, which opens the
    /// page that confirms the address.
    @Test(.enabled(if: SMTPTestServer.running, SMTPTestServer.skipReason), arguments: TestEngine.all)
    func theDeliveredMailCarriesAWorkingLink(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let address = SMTPTestServer.recipient("applicant")
            let browser = Browser(app)
            try await browser.get("/en/account/register")
            var form = AccountsTests.applicant
            form["email"] = address
            #expect(try await browser.post("/en/account/register", form).status == .ok)
            #expect(try await SMTPTestServer.sender(app, SMTPTestServer.url("smtp", "SMTP_TEST_PORT")).runOnce().sent == 1)
            let text = try #require(try SMTPTestServer.delivered(to: address).first).text
            let link = try #require(text.range(of: "/fr/account/verify/").map { String(text[$0.lowerBound...].prefix { !$0.isWhitespace }) })
            #expect(!link.contains(Outbox.linkTokenMarker))
            #expect(try await browser.get(link).status == .ok)
            #expect(try await browser.post(link, [:]).status == .ok)
            #expect(try await UserStore(database: app.db).find(email: address)?.emailVerifiedAt != nil)
        }
    }
}
