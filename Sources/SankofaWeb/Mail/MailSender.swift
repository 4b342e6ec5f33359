import Fluent
import Foundation
import SankofaStore
import Vapor

/// Drains the outbox through SMTP: the due messages, oldest first, at most `batchSize` a run,
/// over one connection. A message the server accepts is marked sent; one that fails keeps its
/// error in the outbox and is tried again after a delay that doubles with each failure (kept in
/// the outbox, so a restart keeps it too), unless the failure is final: the server refused its
/// recipient or its content for good (a 5xx reply to RCPT or DATA, an address that is not one),
/// or it has failed for longer than `maxAge` since it was queued (five days, as MTAs keep a
/// message). The sender then gives up on it, and admins see why. Every node may run a sender: each run claims its
/// messages first (``Outbox/claim(limit:now:until:)``), so no message goes out twice. A message
/// whose link has expired is not sent but given up on, its token forgotten; mail sent or given up
/// on longer ago than `retention` is deleted (checked once an hour).
public actor MailSender {
    public struct Report: Sendable, Equatable {
        public var sent = 0
        public var failed = 0
    }

    let client: SMTPClient
    let from: MailAddress
    let database: @Sendable () -> any Database
    let batchSize: Int
    let retryDelay: TimeInterval
    /// How long a run holds its messages; past it another sender may take them (this one died).
    let lease: TimeInterval
    /// How long a run starts new messages: the rest of the lease is left for the last one (an SMTP
    /// reply may take a minute, and a message is four or five of them), so that no message is
    /// still being sent when another sender may take it. What is left is released.
    let sendWindow: TimeInterval
    /// Past this age (from its queueing) a message that fails is given up on.
    let maxAge: TimeInterval
    /// How long mail is kept once sent or given up on (`SANKOFA_MAIL_RETENTION_DAYS`).
    let retention: TimeInterval
    let logger: Logger
    private var loop: Task<Void, Never>?
    /// When this sender last deleted old mail (Unix seconds, as `runOnce` saw the time).
    private var prunedAt: Int?

    public init(client: SMTPClient, from: MailAddress, database: @escaping @Sendable () -> any Database, batchSize: Int = 50,
                retryDelay: TimeInterval = 30, lease: TimeInterval = 15 * 60, sendWindow: TimeInterval = 5 * 60,
                maxAge: TimeInterval = 5 * 86_400, retention: TimeInterval = 30 * 86_400, logger: Logger = Logger(label: "sankofa.mail")) {
        self.client = client
        self.from = from
        self.database = database
        self.batchSize = batchSize
        self.retryDelay = retryDelay
        self.lease = lease
        self.sendWindow = min(sendWindow, lease)
        self.maxAge = maxAge
        self.retention = retention
        self.logger = logger
    }

    /// One pass over the outbox. `now` is the run's start as the outbox sees it (tests move it);
    /// each failure's back-off counts from the moment it failed.
    @discardableResult
    public func runOnce(now: Date = Date()) async throws -> Report {
        let outbox = Outbox(database: database())
        let seconds = Int(now.timeIntervalSince1970), until = seconds + Int(lease)
        try await outbox.expireLinks(now: seconds)
        if prunedAt.map({ abs(seconds - $0) >= 3600 }) ?? true {
            try await outbox.prune(before: seconds - Int(retention))
            prunedAt = seconds
        }
        let due = try await outbox.claim(limit: batchSize, now: seconds, until: until)
        guard !due.isEmpty else { return Report() }
        let started = ContinuousClock.now, window = Duration.seconds(sendWindow), retryDelay = retryDelay, maxAge = Int(maxAge)
        let outcomes = await Self.deliver(due, client: client, from: from, outbox: outbox, claim: until, logger: logger,
                                          mayStart: { ContinuousClock.now - started < window }) { message, error in
            let now = seconds + Int((ContinuousClock.now - started).components.seconds)
            let final = Self.isFinal(error) || now - message.createdAt >= maxAge
            return (Self.retryTime(after: message.attempts, now: now, delay: retryDelay), final ? now : nil)
        }
        let tried = Set(outcomes.map(\.id))
        try await outbox.release(due.map(\.id).filter { !tried.contains($0) }, claim: until, now: seconds)
        let failed = outcomes.filter { $0.error != nil }.count
        return Report(sent: outcomes.count - failed, failed: failed)
    }

    /// When a message that has failed `attempts` times before is tried again: 30 s, 1 min, 2 min…
    /// up to six hours.
    static func retryTime(after attempts: Int, now: Int, delay: TimeInterval) -> Int {
        now + Int(min(delay * pow(2, Double(attempts)), 6 * 3600))
    }

    /// A failure that sending the same message again would meet again, whatever the delay: the
    /// server refused the recipient or the message itself with a 5xx, or the address is not one.
    /// A 5xx to the greeting, to AUTH or to MAIL FROM says more about the sender's setup (which an
    /// admin can fix) than about the message, and is retried like any other failure; so is a
    /// refusal of a recipient for a reason of security or policy (530, or an enhanced status
    /// 5.7.x such as "5.7.1 Relaying denied"), which a wrong relay or missing credentials give
    /// for every recipient.
    static func isFinal(_ error: any Error) -> Bool {
        switch error as? SMTPError {
        case .rejected("RCPT", let code, let text): code >= 500 && code != 530 && !text.hasPrefix("5.7.")
        case .rejected("DATA", let code, _): code >= 500
        case .invalidAddress: true
        default: false
        }
    }

    /// Sends `messages` over one session and records each outcome in the outbox. A message not
    /// tried because the connection broke is not in the outcomes; one that failed gets its error.
    /// `afterFailure` says when to try a failed message again, or when the sender gave up on it.
    private static func deliver(_ messages: [Outbox.Message], client: SMTPClient, from: MailAddress, outbox: Outbox, claim: Int,
                                logger: Logger, mayStart: @escaping @Sendable () -> Bool,
                                afterFailure: @escaping @Sendable (Outbox.Message, any Error) -> (retryAt: Int, givenUpAt: Int?))
        async -> [(id: Int, error: String?)] {
        var outcomes: [(id: Int, error: String?)] = []
        func record(_ message: Outbox.Message, _ error: (any Error)?) async {
            do {
                if let error {
                    let next = afterFailure(message, error)
                    logger.warning("mail \(message.id) not sent\(next.givenUpAt == nil ? "" : ", given up"): \(error)")
                    try await outbox.markFailed(id: message.id, error: "\(error)", claim: claim, retryAt: next.retryAt, givenUpAt: next.givenUpAt)
                } else {
                    try await outbox.markSent(id: message.id, at: Int(Date().timeIntervalSince1970))
                }
            } catch {
                logger.error("mail \(message.id): cannot update the outbox: \(String(reflecting: error))")
            }
            outcomes.append((message.id, error.map { "\($0)" }))
        }
        do {
            try await client.withSession { session in
                for message in messages {
                    if Task.isCancelled || !session.isUsable || !mayStart() { break }
                    do {
                        try await session.send(MailMessage(from: from, to: message.recipient, subject: message.subject, body: message.deliveredBody,
                                                                 extraHeaders: message.headers))
                        await record(message, nil)
                    } catch {
                        await record(message, error)
                    }
                }
            }
        } catch {
            // No session at all (connection, TLS, AUTH): every message carries the reason.
            if outcomes.isEmpty {
                for message in messages { await record(message, error) }
            }
        }
        return outcomes
    }

    /// Runs `runOnce` every `interval` until `stop`.
    public func start(every interval: Duration) {
        guard loop == nil else { return }
        loop = Task { [weak self, logger] in
            while !Task.isCancelled {
                do { try await self?.runOnce() } catch { logger.error("mail sender: \(String(reflecting: error))") }
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// Stops the loop and waits for the run in progress to end.
    public func stop() async {
        loop?.cancel()
        await loop?.value
        loop = nil
    }
}

/// Starts and stops the sender with the application.
struct MailSenderLifecycle: LifecycleHandler {
    let sender: MailSender
    let interval: Duration

    func didBootAsync(_ application: Application) async throws { await sender.start(every: interval) }
    func shutdownAsync(_ application: Application) async { await sender.stop() }
}

/// When `SMTP_URL` is set and the application serves (not for `migrate`, `seed` and the other
/// commands), delivers the outbox every few seconds from ``AppSettings/smtpFrom``. Call once
/// from `configure`.
public func startMailSender(_ app: Application, interval: Duration = .seconds(5)) throws {
    guard let url = app.settings.smtpURL, !url.isEmpty else { return }
    let command = app.environment.arguments.dropFirst().first
    guard command == nil || command == "serve" || command?.hasPrefix("-") == true else { return }
    var configuration = try SMTPConfiguration(url: url)
    let host = URLComponents(string: app.settings.baseURL)?.host ?? "localhost"
    configuration.heloName = SMTPConfiguration.heloName(for: host)
    let from = try app.settings.smtpFrom.map(MailAddress.init(parsing:))
        ?? MailAddress(name: "Sankofa", address: "no-reply@" + (host.contains(":") ? "localhost" : host))
    let databases = app.databases, logger = app.logger, group = app.eventLoopGroup
    let sender = MailSender(
        client: SMTPClient(configuration: configuration, eventLoopGroup: group, logger: logger), from: from,
        database: { databases.database(logger: logger, on: group.any())! },
        retention: TimeInterval(app.settings.mailRetentionDays) * 86_400, logger: logger)
    app.lifecycle.use(MailSenderLifecycle(sender: sender, interval: interval))
}
