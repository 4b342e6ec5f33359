import Fluent
import SankofaCore
import SankofaStore
import SankofaTestSupport
import SQLKit
import Testing
import Vapor
@testable import SankofaWeb

/// The outbox without a server: its claims and leases, which failures are final, its
/// migration, and the admins' page about it.
@Suite("E-mail: the outbox")
struct OutboxTests {
    /// Which failures are final: a 5xx to the recipient or the message, not to the sender's setup.
    @Test func onlyARefusalOfTheMessageItselfIsFinal() {
        #expect(MailSender.isFinal(SMTPError.rejected(command: "RCPT", code: 550, text: "No such user")))
        #expect(MailSender.isFinal(SMTPError.rejected(command: "DATA", code: 554, text: "Spam")))
        #expect(MailSender.isFinal(SMTPError.invalidAddress("not an address")))
        #expect(!MailSender.isFinal(SMTPError.rejected(command: "RCPT", code: 452, text: "Too many recipients")))
        // A relay that refuses us refuses every recipient: the setup, not the message.
        #expect(!MailSender.isFinal(SMTPError.rejected(command: "RCPT", code: 550, text: "5.7.1 Relaying denied")))
        #expect(!MailSender.isFinal(SMTPError.rejected(command: "RCPT", code: 530, text: "Authentication required")))
        #expect(MailSender.isFinal(SMTPError.rejected(command: "RCPT", code: 550, text: "5.1.1 Mailbox unavailable")))
        #expect(!MailSender.isFinal(SMTPError.rejected(command: "MAIL", code: 553, text: "Sender not allowed")))
        #expect(!MailSender.isFinal(SMTPError.rejected(command: "AUTH PLAIN", code: 535, text: "Bad credentials")))
        #expect(!MailSender.isFinal(SMTPError.timeout("the reply to DATA")))
        #expect(!MailSender.isFinal(SMTPError.connectionFailed(host: "mail", port: 587, reason: "refused")))
    }

    /// Migration 011 adds `given_up_at` and can be undone and redone with the outbox's messages kept.
    @Test(arguments: TestEngine.all)
    func migration011RevertsAndKeepsTheMessages(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let outbox = Outbox(database: app.db)
            try await outbox.queue(to: "kept@example.org", subject: "S", body: "B", now: 1_700_000_000)
            // On one connection: SQLite checks ALTER TABLE against the schema its connection last
            // read, and another connection of the pool may not have read the revert yet.
            try await app.db.withConnection { connection in
                try await GiveUpOutboxMessages().revert(on: connection)
                await #expect(throws: (any Error).self) { try await (connection as! any SQLDatabase).raw("SELECT given_up_at FROM outbox").all() }
                try await GiveUpOutboxMessages().prepare(on: connection)
            }
            let claimed = try await outbox.claim(limit: 10, now: 1_700_000_000, until: 1_700_000_900)
            #expect(claimed.map(\.recipient) == ["kept@example.org"] && claimed.first?.givenUpAt == nil)
        }
    }

    /// A claim holds its messages until its lease ends; a message released or failed is due
    /// again at its own time; a sent one never.
    @Test(arguments: TestEngine.all)
    func claimsHoldMessagesUntilTheirLeaseEnds(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let outbox = Outbox(database: app.db)
            for index in 1...5 { try await outbox.queue(to: "r\(index)@example.org", subject: "S", body: "B", now: index) }
            func claimed(_ now: Int, until: Int = 1_000, limit: Int = 10) async throws -> [String] {
                try await outbox.claim(limit: limit, now: now, until: until).map(\.recipient)
            }
            #expect(try await claimed(100, limit: 3) == ["r1@example.org", "r2@example.org", "r3@example.org"])
            #expect(try await claimed(100) == ["r4@example.org", "r5@example.org"])
            #expect(try await claimed(999).isEmpty)
            let ids = try await outbox.pending(limit: 10).map(\.id)
            try await outbox.release([ids[1]], claim: 1_000, now: 500)
            #expect(try await claimed(500) == ["r2@example.org"])
            try await outbox.markSent(id: ids[0], at: 600)
            try await outbox.markFailed(id: ids[2], error: "450 try later", claim: 1_000, retryAt: 5_000)
            #expect(try await claimed(1_000, until: 6_000) == ["r2@example.org", "r4@example.org", "r5@example.org"])
            // A run whose lease ran out (its claim was 1,000) neither releases nor fails another's messages.
            try await outbox.release([ids[3]], claim: 1_000, now: 1_000)
            try await outbox.markFailed(id: ids[4], error: "late", claim: 1_000, retryAt: 1_000)
            #expect(try await claimed(1_500).isEmpty)
            #expect(try await claimed(4_999, until: 6_000) == [])
            let retried = try await outbox.claim(limit: 10, now: 5_000, until: 6_000)
            #expect(retried.map(\.recipient) == ["r3@example.org"] && retried.first?.attempts == 1)
        }
    }

    /// Admins see each message's state: sent, waiting, or failed with the server's reply, the
    /// failed attempts and when the next one is due, or when the sender gave up on it.
    @Test(arguments: TestEngine.all)
    func theOutboxPageShowsWhatHappenedToEachMessage(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let outbox = Outbox(database: app.db)
            for name in ["sent", "waiting", "deferred", "refused"] {
                try await outbox.queue(to: "\(name)@example.org", subject: "S", body: "B", now: 1_700_000_000)
            }
            let ids = try await outbox.pending(limit: 10).map(\.id)
            try await outbox.markSent(id: ids[0], at: 1_700_000_060)
            try await outbox.markFailed(id: ids[2], error: "451 Mailbox busy", claim: 0, retryAt: 1_700_000_090)
            try await outbox.markFailed(id: ids[3], error: "550 Mailbox unavailable", claim: 0, retryAt: 1_700_000_095, givenUpAt: 1_700_000_065)
            try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin])
            let admin = Browser(app)
            try await admin.signIn("admin@example.org")
            let page = try await admin.get("/fr/admin/outbox")
            #expect(page.status == .ok)
            let catalogs = Catalogs.bundled
            func when(_ seconds: Int) -> String { AdminController.when(seconds, .fr) }
            #expect(page.text.contains(catalogs.text("outbox.sent", .fr, ["date": when(1_700_000_060)])))
            #expect(page.text.contains(catalogs.text("outbox.queued", .fr)))
            let failed = catalogs.text("outbox.failed", .fr, ["error": "\u{2068}451 Mailbox busy\u{2069}", "attempts": "1",
                                                                "date": when(1_700_000_090)])
            #expect(page.text.contains(failed))
            let givenUp = catalogs.text("outbox.givenUp", .fr, ["error": "\u{2068}550 Mailbox unavailable\u{2069}", "attempts": "1",
                                                                 "date": when(1_700_000_065)])
            #expect(page.text.contains(givenUp))
        }
    }
}
