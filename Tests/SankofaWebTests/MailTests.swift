import Fluent
import Foundation
import NIOCore
import NIOPosix
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import SankofaTestSupport
@testable import SankofaWeb

/// The SMTP client and the outbox sender. The format and protocol tests run everywhere; the
/// delivery tests need the loopback servers of `scripts/lib/smtp-server.py` (aiosmtpd), which
/// `scripts/test` starts and announces with `SMTP_TEST_PORT` & co and `SMTP_TEST_DIR`, where it
/// writes what arrives: NAME.eml and NAME.json (the message as Python's `email` package reads it).
@Suite("E-mail: SMTP client and outbox delivery")
struct MailTests {
    static let environment = ProcessInfo.processInfo.environment
    static let serverRunning = environment["SMTP_TEST_PORT"] != nil && environment["SMTP_TEST_DIR"] != nil
    static let skipReason: Comment = "SMTP_TEST_PORT is not set: scripts/test starts the SMTP test server"
    /// smtp-server.py's credentials: the password needs percent-encoding in a URL.
    static let user = "sankofa", password = "pässword:/@ 1", encodedPassword = "p%C3%A4ssword%3A%2F%40%201"
    static let from = try! MailAddress(name: "Sankofa", address: "no-reply@sankofa.example.org")

    static func port(_ name: String) -> Int { Int(environment[name] ?? "") ?? 0 }
    static func url(_ scheme: String = "smtp", _ portVariable: String, credentials: String? = nil) -> String {
        "\(scheme)://\(credentials.map { $0 + "@" } ?? "")127.0.0.1:\(port(portVariable))"
    }
    static func client(_ url: String, _ adjust: (inout SMTPConfiguration) -> Void = { _ in }) throws -> SMTPClient {
        var configuration = try SMTPConfiguration(url: url)
        configuration.replyTimeout = .seconds(20)
        adjust(&configuration)
        return SMTPClient(configuration: configuration)
    }
    static func recipient(_ name: String) -> String { "\(name).\(UUID().uuidString.prefix(8).lowercased())@example.org" }

    /// What the test server received for `recipient` (it has written it before answering 250).
    struct Delivered: Decodable {
        var mailFrom: String
        var rcptTos: [String]
        var mailOptions: [String]
        var authUser: String?
        var authMechanism: String?
        var tls: Bool
        var headers: [String: String]
        var contentType: String
        var charset: String?
        var transferEncoding: String
        var body: String?
        var defects: [String]
        var text: String { (body ?? "").replacingOccurrences(of: "\r\n", with: "\n") }
    }

    static func delivered(to recipient: String) throws -> [Delivered] {
        let folder = URL(fileURLWithPath: environment["SMTP_TEST_DIR"] ?? "/nonexistent")
        let decoder = JSONDecoder()
        decoder.keyDecodingStrategy = .convertFromSnakeCase
        return try FileManager.default.contentsOfDirectory(at: folder, includingPropertiesForKeys: nil)
            .filter { $0.pathExtension == "json" }
            .map { try decoder.decode(Delivered.self, from: Data(contentsOf: $0)) }
            .filter { $0.rcptTos.contains(recipient) }
    }

    static func sender(_ app: Application, _ url: String, batchSize: Int = 50, sendWindow: TimeInterval = 300) throws -> MailSender {
        MailSender(client: try client(url), from: from, database: { app.db }, batchSize: batchSize, sendWindow: sendWindow, logger: app.logger)
    }

    static func outboxRow(_ app: Application, _ recipient: String) async throws -> (sentAt: Int?, error: String?) {
        let row = try #require(try await (app.db as! any SQLDatabase)
            .raw("SELECT sent_at, error FROM outbox WHERE recipient = \(bind: recipient)").first())
        return (try row.decode(column: "sent_at", as: Int?.self), try row.decode(column: "error", as: String?.self))
    }

    // MARK: Delivery through aiosmtpd

    @Test(.enabled(if: serverRunning, skipReason), arguments: TestEngine.all)
    func outboxIsDeliveredInUTF8WithDotLinesIntact(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let arabic = Self.recipient("amina"), dots = Self.recipient("dots")
            let arabicSubject = "تم قبول طلب انضمامك إلى منتدى الخبراء في سانكوفا للتعاون بين بلدان الجنوب"
            let arabicBody = "مرحباً أمينة،\n.سطر يبدأ بنقطة\nمع أطيب التحيات"
            let dotsBody = "Hello,\n.hidden line\n..two dots\n.\nend"
            let outbox = Outbox(database: app.db)
            try await outbox.queue(to: arabic, subject: arabicSubject, body: arabicBody, now: 1_700_000_000)
            try await outbox.queue(to: dots, subject: "Lines that start with a dot", body: dotsBody, now: 1_700_000_001)

            let report = try await Self.sender(app, Self.url("smtp", "SMTP_TEST_PORT")).runOnce()
            #expect(report == MailSender.Report(sent: 2, failed: 0))

            let first = try #require(try Self.delivered(to: arabic).first)
            #expect(first.rcptTos == [arabic] && first.mailFrom == "no-reply@sankofa.example.org")
            #expect(first.headers["subject"] == arabicSubject)
            #expect(first.text == arabicBody + "\n")
            #expect(first.contentType == "text/plain" && first.charset == "utf-8" && first.transferEncoding == "8bit")
            #expect(first.mailOptions.contains("BODY=8BITMIME"))
            #expect(first.headers["from"] == "Sankofa <no-reply@sankofa.example.org>" && first.headers["to"] == arabic)
            #expect(first.headers["date"] != nil && first.headers["message-id"]?.hasSuffix("@sankofa.example.org>") == true)
            #expect(first.defects.isEmpty && !first.tls && first.authUser == nil)

            let second = try #require(try Self.delivered(to: dots).first)
            #expect(second.text == dotsBody + "\n")
            #expect(second.headers["subject"] == "Lines that start with a dot" && second.transferEncoding == "7bit")

            for recipient in [arabic, dots] {
                let row = try await Self.outboxRow(app, recipient)
                #expect(row.sentAt != nil && row.error == nil)
            }
            // Nothing left: a second run sends nothing again.
            #expect(try await Self.sender(app, Self.url("smtp", "SMTP_TEST_PORT")).runOnce() == MailSender.Report())
            #expect(try Self.delivered(to: arabic).count == 1)
        }
    }

    /// A recipient refused with a 5xx will be refused again: the message keeps the server's reply
    /// and is given up on at once, and the next message goes out on the same connection.
    @Test(.enabled(if: serverRunning, skipReason), arguments: TestEngine.all)
    func aRefusedRecipientIsGivenUpOnAtOnce(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let refused = Self.recipient("reject"), good = Self.recipient("good")
            let outbox = Outbox(database: app.db)
            let now = Int(Date().timeIntervalSince1970)
            try await outbox.queue(to: refused, subject: "Refused", body: "No such mailbox.", now: now)
            try await outbox.queue(to: good, subject: "Accepted", body: "After a refusal, on the same connection.", now: now)
            let sender = try Self.sender(app, Self.url("smtp", "SMTP_TEST_PORT"))
            #expect(try await sender.runOnce() == MailSender.Report(sent: 1, failed: 1))

            let row = try await Self.outboxRow(app, refused)
            #expect(row.sentAt == nil)
            #expect(row.error?.contains("550") == true && row.error?.contains("Mailbox unavailable") == true)
            #expect(try await Self.givenUpAt(app, refused) != nil)
            #expect(try await Self.outboxRow(app, good).sentAt != nil)
            #expect(try Self.delivered(to: good).count == 1 && (try Self.delivered(to: refused)).isEmpty)
            #expect(try await outbox.pending(limit: 10).isEmpty)
            // Never tried again, however late.
            #expect(try await sender.runOnce(now: Date().addingTimeInterval(30 * 86_400)) == MailSender.Report())
        }
    }

    /// A 4xx is temporary: the message keeps its error and is tried again after a delay that
    /// doubles, kept in the outbox so that a restarted sender keeps it too.
    @Test(.enabled(if: serverRunning, skipReason), arguments: TestEngine.all)
    func aDeferredRecipientWaitsForItsRetry(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let deferred = Self.recipient("defer")
            let outbox = Outbox(database: app.db)
            try await outbox.queue(to: deferred, subject: "Later", body: "The mailbox is busy.", now: Int(Date().timeIntervalSince1970))
            let sender = try Self.sender(app, Self.url("smtp", "SMTP_TEST_PORT"))
            #expect(try await sender.runOnce() == MailSender.Report(sent: 0, failed: 1))
            #expect(try await Self.outboxRow(app, deferred).error?.contains("451") == true)
            #expect(try await Self.givenUpAt(app, deferred) == nil)
            #expect(try await outbox.pending(limit: 10).map(\.recipient) == [deferred])
            // Not again at once; after the delay, yes (and it fails again).
            #expect(try await sender.runOnce() == MailSender.Report())
            let later = Date().addingTimeInterval(3600)
            #expect(try await sender.runOnce(now: later) == MailSender.Report(sent: 0, failed: 1))
            // The back-off is in the outbox (a restarted sender keeps it): 30 s, then 60 s.
            let backOff = try #require(try await (app.db as! any SQLDatabase)
                .raw("SELECT attempts, not_before FROM outbox WHERE recipient = \(bind: deferred)").first())
            #expect(try backOff.decode(column: "attempts", as: Int.self) == 2)
            // Counted from when the attempt failed: `later` plus the seconds the attempt took (a
            // loaded machine may take one or two).
            let retryAt = try backOff.decode(column: "not_before", as: Int.self), base = Int(later.timeIntervalSince1970) + 60
            #expect((base...base + 5).contains(retryAt), "\(retryAt - base) s late")
            let restarted = try Self.sender(app, Self.url("smtp", "SMTP_TEST_PORT"))
            #expect(try await restarted.runOnce(now: later.addingTimeInterval(59)) == MailSender.Report())
            #expect(try await Self.givenUpAt(app, deferred) == nil)
        }
    }

    /// A message that has kept failing for five days since it was queued is not worth sending
    /// any more (a sign-in link, a reply to a request): the sender gives up on it.
    @Test(.enabled(if: serverRunning, skipReason), arguments: TestEngine.all)
    func aMessageFailingForFiveDaysIsGivenUpOn(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let young = Self.recipient("defer"), old = Self.recipient("defer")
            let outbox = Outbox(database: app.db)
            let now = Int(Date().timeIntervalSince1970)
            try await outbox.queue(to: old, subject: "Old", body: "Queued five days ago.", now: now - 5 * 86_400)
            try await outbox.queue(to: young, subject: "Young", body: "Queued a minute short of five days ago.", now: now - 5 * 86_400 + 60)
            #expect(try await Self.sender(app, Self.url("smtp", "SMTP_TEST_PORT")).runOnce() == MailSender.Report(sent: 0, failed: 2))
            #expect(try await Self.givenUpAt(app, old) != nil)
            #expect(try await Self.givenUpAt(app, young) == nil)
            #expect(try await outbox.pending(limit: 10).map(\.recipient) == [young])
        }
    }

    static func givenUpAt(_ app: Application, _ recipient: String) async throws -> Int? {
        let row = try #require(try await (app.db as! any SQLDatabase)
            .raw("SELECT given_up_at FROM outbox WHERE recipient = \(bind: recipient)").first())
        return try row.decode(column: "given_up_at", as: Int?.self)
    }

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

    /// A run that reaches the end of its time to send starts no other message and releases the
    /// rest, which the next run sends at once rather than after the lease.
    @Test(.enabled(if: serverRunning, skipReason), arguments: TestEngine.all)
    func aRunOutOfTimeReleasesWhatItDidNotTry(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let recipients = (1...3).map { Self.recipient("window\($0)") }
            for (index, recipient) in recipients.enumerated() {
                try await Outbox(database: app.db).queue(to: recipient, subject: "Window \(index)", body: "Later.", now: index)
            }
            let url = Self.url("smtp", "SMTP_TEST_PORT")
            #expect(try await Self.sender(app, url, sendWindow: 0).runOnce() == MailSender.Report())
            #expect(try await Outbox(database: app.db).pending(limit: 10).map(\.recipient) == recipients)
            #expect(try await Self.sender(app, url).runOnce() == MailSender.Report(sent: 3, failed: 0))
            for recipient in recipients { #expect(try Self.delivered(to: recipient).count == 1) }
        }
    }

    /// Two nodes' senders drain one outbox together: every message goes out exactly once.
    @Test(.enabled(if: serverRunning, skipReason), arguments: TestEngine.all)
    func twoSendersNeverSendAMessageTwice(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let recipients = (1...30).map { Self.recipient("node\($0)") }
            for (index, recipient) in recipients.enumerated() {
                try await Outbox(database: app.db).queue(to: recipient, subject: "Message \(index)", body: "Once only.", now: index)
            }
            let url = Self.url("smtp", "SMTP_TEST_PORT")
            let nodes = [try Self.sender(app, url, batchSize: 4), try Self.sender(app, url, batchSize: 4)]
            let sent = try await withThrowingTaskGroup(of: Int.self) { group in
                for node in nodes {
                    group.addTask {
                        var sent = 0
                        while true {
                            let report = try await node.runOnce()
                            sent += report.sent
                            if report == MailSender.Report() { return sent }
                        }
                    }
                }
                return try await group.reduce(0, +)
            }
            #expect(sent == 30)
            for recipient in recipients { #expect(try Self.delivered(to: recipient).count == 1, "\(recipient)") }
            #expect(try await Outbox(database: app.db).pending(limit: 100).isEmpty)
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

    @Test(.enabled(if: serverRunning, skipReason), arguments: TestEngine.all)
    func aRunSendsAtMostItsBatch(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let recipients = (1...3).map { Self.recipient("batch\($0)") }
            for (index, recipient) in recipients.enumerated() {
                try await Outbox(database: app.db).queue(to: recipient, subject: "Batch \(index)", body: "Message \(index)", now: index)
            }
            let sender = try Self.sender(app, Self.url("smtp", "SMTP_TEST_PORT"), batchSize: 2)
            #expect(try await sender.runOnce() == MailSender.Report(sent: 2, failed: 0))
            #expect(try await Outbox(database: app.db).pending(limit: 10).map(\.recipient) == [recipients[2]])
            #expect(try await sender.runOnce() == MailSender.Report(sent: 1, failed: 0))
            #expect(try await Outbox(database: app.db).pending(limit: 10).isEmpty)
        }
    }

    @Test(.enabled(if: serverRunning, skipReason), arguments: TestEngine.all)
    func theApplicationSendsTheOutboxWhenSMTPURLIsSet(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let recipient = Self.recipient("lifecycle")
            app.settings.smtpURL = Self.url("smtp", "SMTP_TEST_PORT")
            app.settings.baseURL = "https://forum.sankofa.example.org"
            try startMailSender(app, interval: .milliseconds(200))
            try await Outbox(database: app.db).queue(to: recipient, subject: "Bienvenue", body: "Votre compte est prêt.", now: 1)
            try await app.asyncBoot()
            var sentAt: Int?
            for _ in 0..<100 where sentAt == nil {
                try await Task.sleep(for: .milliseconds(100))
                sentAt = try await Self.outboxRow(app, recipient).sentAt
            }
            #expect(sentAt != nil)
            let message = try #require(try Self.delivered(to: recipient).first)
            #expect(message.mailFrom == "no-reply@forum.sankofa.example.org")
            #expect(message.headers["from"] == "Sankofa <no-reply@forum.sankofa.example.org>")
            #expect(message.text == "Votre compte est prêt.\n")
        }
    }
}

// MARK: The client against the TLS and AUTH servers

extension MailTests {
    static func probe(_ client: SMTPClient, _ name: String) async throws -> Delivered {
        let recipient = Self.recipient(name)
        try await client.send(MailMessage(from: from, to: recipient, subject: "Probe", body: "Probe"))
        return try #require(try delivered(to: recipient).first)
    }

    static let credentials = "\(user):\(encodedPassword)"

    @Test(.enabled(if: serverRunning, skipReason), arguments: SMTPAuthMechanism.allCases)
    func startTLSThenAuthentication(mechanism: SMTPAuthMechanism) async throws {
        let client = try Self.client(Self.url("smtp", "SMTP_TEST_STARTTLS_PORT", credentials: Self.credentials)) {
            $0.trustAnyCertificate = true
            $0.authenticationMechanisms = [mechanism]
        }
        let message = try await Self.probe(client, "starttls")
        #expect(message.tls && message.authUser == Self.user && message.authMechanism == mechanism.rawValue)
    }

    @Test(.enabled(if: serverRunning, skipReason), arguments: SMTPAuthMechanism.allCases)
    func authenticationWithoutTLSOnLoopback(mechanism: SMTPAuthMechanism) async throws {
        let client = try Self.client(Self.url("smtp", "SMTP_TEST_AUTH_PORT", credentials: Self.credentials)) {
            $0.authenticationMechanisms = [mechanism]
        }
        let message = try await Self.probe(client, "auth")
        #expect(!message.tls && message.authUser == Self.user && message.authMechanism == mechanism.rawValue)
    }

    @Test(.enabled(if: serverRunning, skipReason))
    func implicitTLSWithSMTPS() async throws {
        let client = try Self.client(Self.url("smtps", "SMTP_TEST_SMTPS_PORT", credentials: Self.credentials)) { $0.trustAnyCertificate = true }
        let message = try await Self.probe(client, "smtps")
        #expect(message.tls && message.authUser == Self.user && message.authMechanism == "PLAIN")
    }

    @Test(.enabled(if: serverRunning, skipReason))
    func refusalsAreTypedErrorsWithTheServersReply() async throws {
        // A wrong password: 535 from the server.
        let wrong = try Self.client(Self.url("smtp", "SMTP_TEST_STARTTLS_PORT", credentials: "\(Self.user):wrong")) { $0.trustAnyCertificate = true }
        let error = try await #require(throws: SMTPError.self) { try await Self.probe(wrong, "wrong") }
        #expect(error.replyCode == 535 && error.isPermanent)
        guard case .rejected(let command, _, let text) = error else { Issue.record("\(error)"); return }
        #expect(command == "AUTH PLAIN" && text.contains("Authentication credentials invalid"))

        // The default verifies the certificate: the test server's is self-signed.
        let verifying = try Self.client(Self.url("smtp", "SMTP_TEST_STARTTLS_PORT", credentials: Self.credentials))
        let tlsError = try await #require(throws: SMTPError.self) { try await Self.probe(verifying, "verify") }
        guard case .tls = tlsError else { Issue.record("expected a TLS error, got \(tlsError)"); return }

        // No credentials in clear text unless allowed (the default allows it for loopback only).
        let cautious = try Self.client(Self.url("smtp", "SMTP_TEST_AUTH_PORT", credentials: Self.credentials)) {
            $0.allowsPlaintextAuthentication = false
        }
        await #expect(throws: SMTPError.insecureAuthentication) { try await Self.probe(cautious, "cautious") }

        // A server without STARTTLS when TLS is required; a server without AUTH when credentials are given.
        let strict = try Self.client(Self.url("smtp", "SMTP_TEST_PORT")) { $0.requireTLS = true }
        await #expect(throws: SMTPError.tlsUnavailable) { try await Self.probe(strict, "strict") }
        let noAuth = try Self.client(Self.url("smtp", "SMTP_TEST_PORT", credentials: Self.credentials))
        await #expect(throws: SMTPError.authenticationUnavailable(offered: [])) { try await Self.probe(noAuth, "noauth") }
    }
}

// MARK: Format and protocol, without a server

extension MailTests {
    @Test func smtpURLIsParsedWithPercentDecodedCredentials() throws {
        let plain = try SMTPConfiguration(url: "smtp://\(Self.user):\(Self.encodedPassword)@mail.example.org:2525")
        #expect(plain.host == "mail.example.org" && plain.port == 2525 && plain.security == .startTLSWhenOffered)
        #expect(plain.username == Self.user && plain.password == Self.password)
        #expect(!plain.allowsPlaintextAuthentication && !plain.trustAnyCertificate)
        let secure = try SMTPConfiguration(url: "smtps://relay.example.org")
        #expect(secure.port == 465 && secure.security == .implicitTLS && secure.username == nil && secure.password == nil)
        #expect(try SMTPConfiguration(url: "smtp://127.0.0.1").port == 587)
        #expect(try SMTPConfiguration(url: "smtp://localhost:25").allowsPlaintextAuthentication)
        #expect(try SMTPConfiguration(url: "smtp://u%40x@[::1]:25").host == "::1")
        for bad in ["http://mail.example.org", "smtp://", "smtp:///x", "mail.example.org", "smtp://h:25/path", "smtp://h:25?x=1"] {
            #expect(throws: SMTPError.self, "\(bad)") { try SMTPConfiguration(url: bad) }
        }
        #expect(SMTPConfiguration.heloName(for: "127.0.0.1") == "[127.0.0.1]")
        #expect(SMTPConfiguration.heloName(for: "sankofa.example.org") == "sankofa.example.org")
    }

    @Test func headersAreEncodedAndCannotBeInjected() throws {
        let message = MailMessage(from: try MailAddress(parsing: "Centre des Nations unies <no-reply@example.org>"), to: "a@example.org",
                                  subject: "Объявление\r\nBcc: victim@example.org", body: "x",
                                  date: Date(timeIntervalSince1970: 0), messageID: "<id@example.org>")
        let text = message.rendered(allow8Bit: true).text
        let head = String(text[..<text.range(of: "\r\n\r\n")!.lowerBound])
        #expect(head.contains("Date: Thu, 01 Jan 1970 00:00:00 +0000\r\n"))
        #expect(head.contains("From: Centre des Nations unies <no-reply@example.org>\r\n"))
        #expect(!head.contains("\nBcc:") && head.contains("Subject: =?utf-8?B?"))
        let words = head.components(separatedBy: "\r\n").filter { $0.contains("=?utf-8?B?") }
        let decoded = words.map { line -> String in
            let word = line.trimmingCharacters(in: .whitespaces).replacingOccurrences(of: "Subject: ", with: "")
            #expect(word.count <= 75)
            return String(decoding: Data(base64Encoded: String(word.dropFirst(10).dropLast(2)))!, as: UTF8.self)
        }.joined()
        #expect(decoded == "Объявление Bcc: victim@example.org")
        #expect(MailHeader.unstructured("Plain ASCII", nameLength: 9) == "Plain ASCII")
        #expect(try MailAddress(parsing: "Sankofa, UNOCT <x@example.org>").description == "\"Sankofa, UNOCT\" <x@example.org>")
        #expect(try MailAddress(parsing: "مركز <x@example.org>").description.hasPrefix("=?utf-8?B?"))
        for bad in ["a@example.org\r\nRCPT TO:<b@example.org>", "a b@example.org", "<a@example.org>", "nobody", "a@b@c"] {
            #expect(throws: SMTPError.invalidAddress(bad)) { try MailAddress(address: bad) }
        }
    }

    @Test func bodiesUseCRLFDotStuffingAndBase64WithoutEightBitMIME() throws {
        #expect(MailHeader.dotStuffed("a\n.b\r\n..c\r.\nd") == "a\r\n..b\r\n...c\r\n..\r\nd")
        let body = "سطر أول\n.سطر بنقطة\r\nآخر"
        let message = MailMessage(from: Self.from, to: "a@example.org", subject: "s", body: body)
        let eightBit = message.rendered(allow8Bit: true)
        #expect(eightBit.is8Bit && eightBit.text.hasSuffix("\r\n\r\nسطر أول\r\n.سطر بنقطة\r\nآخر\r\n"))
        #expect(eightBit.text.contains("Content-Transfer-Encoding: 8bit\r\n"))
        let sevenBit = message.rendered(allow8Bit: false)
        #expect(!sevenBit.is8Bit && sevenBit.text.contains("Content-Transfer-Encoding: base64\r\n"))
        let encoded = String(sevenBit.text[sevenBit.text.range(of: "\r\n\r\n")!.upperBound...])
        #expect(encoded.split(separator: "\r\n").allSatisfy { $0.count <= 76 })
        let data = try #require(Data(base64Encoded: encoded.replacingOccurrences(of: "\r\n", with: "")))
        #expect(String(decoding: data, as: UTF8.self) == "سطر أول\r\n.سطر بنقطة\r\nآخر")
    }

    @Test func replyDecoderReadsMultilineRepliesAndRejectsGarbage() throws {
        let channel = EmbeddedChannel(handler: ByteToMessageHandler(SMTPReplyDecoder()))
        try channel.writeInbound(ByteBuffer(string: "220 ready\r\n250-mail.example.org\r\n250-8BITMIME\r\n"))
        try channel.writeInbound(ByteBuffer(string: "250 AUTH PLAIN LOGIN\n354\r\n"))
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 220, lines: ["ready"]))
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 250, lines: ["mail.example.org", "8BITMIME", "AUTH PLAIN LOGIN"]))
        #expect(try channel.readInbound(as: SMTPReply.self) == SMTPReply(code: 354, lines: [""]))
        #expect(throws: SMTPError.self) { try channel.writeInbound(ByteBuffer(string: "HTTP/1.1 400 Bad Request\r\n")) }
        _ = try? channel.finish()
    }

    @Test func aSilentServerTimesOut() async throws {
        let server = try await ServerBootstrap(group: MultiThreadedEventLoopGroup.singleton)
            .bind(host: "127.0.0.1", port: 0).get()
        defer { server.close(promise: nil) }
        var configuration = SMTPConfiguration(host: "127.0.0.1", port: try #require(server.localAddress?.port))
        configuration.replyTimeout = .milliseconds(300)
        let started = Date()
        await #expect(throws: SMTPError.timeout("the greeting")) {
            try await SMTPClient(configuration: configuration).send(MailMessage(from: Self.from, to: "a@example.org", subject: "s", body: "b"))
        }
        // The configured 300 ms, not the default minute: the bound leaves room for a loaded
        // machine (7.6 s once in CI, forty suites at once on two slow cores) and none for 60 s.
        #expect(Date().timeIntervalSince(started) < 30)
    }
}
