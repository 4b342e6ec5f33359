import Fluent
import Foundation
import SankofaStore
import SankofaTestSupport
import SQLKit
import Testing
import Vapor
@testable import SankofaWeb

/// The outbox sender delivering through the test server (``SMTPTestServer``): what arrives, what
/// is given up on, retried or left for the next run, and the sender the application starts.
@Suite("E-mail: outbox delivery")
struct MailDeliveryTests {
    static func outboxRow(_ app: Application, _ recipient: String) async throws -> (sentAt: Int?, error: String?) {
        let row = try #require(try await (app.db as! any SQLDatabase)
            .raw("SELECT sent_at, error FROM outbox WHERE recipient = \(bind: recipient)").first())
        return (try row.decode(column: "sent_at", as: Int?.self), try row.decode(column: "error", as: String?.self))
    }

    static func givenUpAt(_ app: Application, _ recipient: String) async throws -> Int? {
        let row = try #require(try await (app.db as! any SQLDatabase)
            .raw("SELECT given_up_at FROM outbox WHERE recipient = \(bind: recipient)").first())
        return try row.decode(column: "given_up_at", as: Int?.self)
    }

    @Test(.enabled(if: SMTPTestServer.running, SMTPTestServer.skipReason), arguments: TestEngine.all)
    func outboxIsDeliveredInUTF8WithDotLinesIntact(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let arabic = SMTPTestServer.recipient("amina"), dots = SMTPTestServer.recipient("dots")
            let arabicSubject = "تم قبول طلب انضمامك إلى منتدى الخبراء في سانكوفا للتعاون بين بلدان الجنوب"
            let arabicBody = "مرحباً أمينة،\n.سطر يبدأ بنقطة\nمع أطيب التحيات"
            let dotsBody = "Hello,\n.hidden line\n..two dots\n.\nend"
            let outbox = Outbox(database: app.db)
            try await outbox.queue(to: arabic, subject: arabicSubject, body: arabicBody, now: 1_700_000_000)
            try await outbox.queue(to: dots, subject: "Lines that start with a dot", body: dotsBody, now: 1_700_000_001)

            let report = try await SMTPTestServer.sender(app, SMTPTestServer.url("smtp", "SMTP_TEST_PORT")).runOnce()
            #expect(report == MailSender.Report(sent: 2, failed: 0))

            let first = try #require(try SMTPTestServer.delivered(to: arabic).first)
            #expect(first.rcptTos == [arabic] && first.mailFrom == "no-reply@sankofa.example.org")
            #expect(first.headers["subject"] == arabicSubject)
            #expect(first.text == arabicBody + "\n")
            #expect(first.contentType == "text/plain" && first.charset == "utf-8" && first.transferEncoding == "8bit")
            #expect(first.mailOptions.contains("BODY=8BITMIME"))
            #expect(first.headers["from"] == "Sankofa <no-reply@sankofa.example.org>" && first.headers["to"] == arabic)
            #expect(first.headers["date"] != nil && first.headers["message-id"]?.hasSuffix("@sankofa.example.org>") == true)
            #expect(first.defects.isEmpty && !first.tls && first.authUser == nil)

            let second = try #require(try SMTPTestServer.delivered(to: dots).first)
            #expect(second.text == dotsBody + "\n")
            #expect(second.headers["subject"] == "Lines that start with a dot" && second.transferEncoding == "7bit")

            for recipient in [arabic, dots] {
                let row = try await Self.outboxRow(app, recipient)
                #expect(row.sentAt != nil && row.error == nil)
            }
            // Nothing left: a second run sends nothing again.
            #expect(try await SMTPTestServer.sender(app, SMTPTestServer.url("smtp", "SMTP_TEST_PORT")).runOnce() == MailSender.Report())
            #expect(try SMTPTestServer.delivered(to: arabic).count == 1)
        }
    }

    /// A recipient refused with a 5xx will be refused again: the message keeps the server's reply
    /// and is given up on at once, and the next message goes out on the same connection.
    @Test(.enabled(if: SMTPTestServer.running, SMTPTestServer.skipReason), arguments: TestEngine.all)
    func aRefusedRecipientIsGivenUpOnAtOnce(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let refused = SMTPTestServer.recipient("reject"), good = SMTPTestServer.recipient("good")
            let outbox = Outbox(database: app.db)
            let now = Int(Date().timeIntervalSince1970)
            try await outbox.queue(to: refused, subject: "Refused", body: "No such mailbox.", now: now)
            try await outbox.queue(to: good, subject: "Accepted", body: "After a refusal, on the same connection.", now: now)
            let sender = try SMTPTestServer.sender(app, SMTPTestServer.url("smtp", "SMTP_TEST_PORT"))
            #expect(try await sender.runOnce() == MailSender.Report(sent: 1, failed: 1))

            let row = try await Self.outboxRow(app, refused)
            #expect(row.sentAt == nil)
            #expect(row.error?.contains("550") == true && row.error?.contains("Mailbox unavailable") == true)
            #expect(try await Self.givenUpAt(app, refused) != nil)
            #expect(try await Self.outboxRow(app, good).sentAt != nil)
            #expect(try SMTPTestServer.delivered(to: good).count == 1 && (try SMTPTestServer.delivered(to: refused)).isEmpty)
            #expect(try await outbox.pending(limit: 10).isEmpty)
            // Never tried again, however late.
            #expect(try await sender.runOnce(now: Date().addingTimeInterval(30 * 86_400)) == MailSender.Report())
        }
    }

    /// A 4xx is temporary: the message keeps its error and is tried again after a delay that
    /// doubles, kept in the outbox so that a restarted sender keeps it too.
    @Test(.enabled(if: SMTPTestServer.running, SMTPTestServer.skipReason), arguments: TestEngine.all)
    func aDeferredRecipientWaitsForItsRetry(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let deferred = SMTPTestServer.recipient("defer")
            let outbox = Outbox(database: app.db)
            try await outbox.queue(to: deferred, subject: "Later", body: "The mailbox is busy.", now: Int(Date().timeIntervalSince1970))
            let sender = try SMTPTestServer.sender(app, SMTPTestServer.url("smtp", "SMTP_TEST_PORT"))
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
            let restarted = try SMTPTestServer.sender(app, SMTPTestServer.url("smtp", "SMTP_TEST_PORT"))
            #expect(try await restarted.runOnce(now: later.addingTimeInterval(59)) == MailSender.Report())
            #expect(try await Self.givenUpAt(app, deferred) == nil)
        }
    }

    /// A message that has kept failing for five days since it was queued is not worth sending
    /// any more (a sign-in link, a reply to a request): the sender gives up on it.
    @Test(.enabled(if: SMTPTestServer.running, SMTPTestServer.skipReason), arguments: TestEngine.all)
    func aMessageFailingForFiveDaysIsGivenUpOn(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let young = SMTPTestServer.recipient("defer"), old = SMTPTestServer.recipient("defer")
            let outbox = Outbox(database: app.db)
            let now = Int(Date().timeIntervalSince1970)
            try await outbox.queue(to: old, subject: "Old", body: "Queued five days ago.", now: now - 5 * 86_400)
            try await outbox.queue(to: young, subject: "Young", body: "Queued a minute short of five days ago.", now: now - 5 * 86_400 + 60)
            #expect(try await SMTPTestServer.sender(app, SMTPTestServer.url("smtp", "SMTP_TEST_PORT")).runOnce() == MailSender.Report(sent: 0, failed: 2))
            #expect(try await Self.givenUpAt(app, old) != nil)
            #expect(try await Self.givenUpAt(app, young) == nil)
            #expect(try await outbox.pending(limit: 10).map(\.recipient) == [young])
        }
    }

    /// A run that reaches the end of its time to send starts no other message and releases the
    /// rest, which the next run sends at once rather than after the lease.
    @Test(.enabled(if: SMTPTestServer.running, SMTPTestServer.skipReason), arguments: TestEngine.all)
    func aRunOutOfTimeReleasesWhatItDidNotTry(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let recipients = (1...3).map { SMTPTestServer.recipient("window\($0)") }
            for (index, recipient) in recipients.enumerated() {
                try await Outbox(database: app.db).queue(to: recipient, subject: "Window \(index)", body: "Later.", now: index)
            }
            let url = SMTPTestServer.url("smtp", "SMTP_TEST_PORT")
            #expect(try await SMTPTestServer.sender(app, url, sendWindow: 0).runOnce() == MailSender.Report())
            #expect(try await Outbox(database: app.db).pending(limit: 10).map(\.recipient) == recipients)
            #expect(try await SMTPTestServer.sender(app, url).runOnce() == MailSender.Report(sent: 3, failed: 0))
            for recipient in recipients { #expect(try SMTPTestServer.delivered(to: recipient).count == 1) }
        }
    }

    /// Two nodes' senders drain one outbox together: every message goes out exactly once.
    @Test(.enabled(if: SMTPTestServer.running, SMTPTestServer.skipReason), arguments: TestEngine.all)
    func twoSendersNeverSendAMessageTwice(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let recipients = (1...30).map { SMTPTestServer.recipient("node\($0)") }
            for (index, recipient) in recipients.enumerated() {
                try await Outbox(database: app.db).queue(to: recipient, subject: "Message \(index)", body: "Once only.", now: index)
            }
            let url = SMTPTestServer.url("smtp", "SMTP_TEST_PORT")
            let nodes = [try SMTPTestServer.sender(app, url, batchSize: 4), try SMTPTestServer.sender(app, url, batchSize: 4)]
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
            for recipient in recipients { #expect(try SMTPTestServer.delivered(to: recipient).count == 1, "\(recipient)") }
            #expect(try await Outbox(database: app.db).pending(limit: 100).isEmpty)
        }
    }

    @Test(.enabled(if: SMTPTestServer.running, SMTPTestServer.skipReason), arguments: TestEngine.all)
    func aRunSendsAtMostItsBatch(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let recipients = (1...3).map { SMTPTestServer.recipient("batch\($0)") }
            for (index, recipient) in recipients.enumerated() {
                try await Outbox(database: app.db).queue(to: recipient, subject: "Batch \(index)", body: "Message \(index)", now: index)
            }
            let sender = try SMTPTestServer.sender(app, SMTPTestServer.url("smtp", "SMTP_TEST_PORT"), batchSize: 2)
            #expect(try await sender.runOnce() == MailSender.Report(sent: 2, failed: 0))
            #expect(try await Outbox(database: app.db).pending(limit: 10).map(\.recipient) == [recipients[2]])
            #expect(try await sender.runOnce() == MailSender.Report(sent: 1, failed: 0))
            #expect(try await Outbox(database: app.db).pending(limit: 10).isEmpty)
        }
    }

    @Test(.enabled(if: SMTPTestServer.running, SMTPTestServer.skipReason), arguments: TestEngine.all)
    func theApplicationSendsTheOutboxWhenSMTPURLIsSet(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let recipient = SMTPTestServer.recipient("lifecycle")
            app.settings.smtpURL = SMTPTestServer.url("smtp", "SMTP_TEST_PORT")
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
            let message = try #require(try SMTPTestServer.delivered(to: recipient).first)
            #expect(message.mailFrom == "no-reply@forum.sankofa.example.org")
            #expect(message.headers["from"] == "Sankofa <no-reply@forum.sankofa.example.org>")
            #expect(message.text == "Votre compte est prêt.\n")
        }
    }
}
