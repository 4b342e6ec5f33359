import Fluent
import Foundation
import SankofaStore
import Vapor

/// The cycle's reminders from the application's own background loop, every hour: outcome reports
/// 7 and 30 days after a held exchange ends, follow-ups six months after a report
/// (``CooperationReminders``). Every node may run it: each reminder's row is its claim, so it goes
/// once. `sankofa cooperation remind` runs the same pass by hand.
actor CooperationReminderLoop {
    let database: @Sendable () -> any Database
    let logger: Logger
    private var loop: Task<Void, Never>?

    init(database: @escaping @Sendable () -> any Database, logger: Logger) {
        self.database = database
        self.logger = logger
    }

    func start(every interval: Duration) {
        guard loop == nil else { return }
        loop = Task { [database, logger] in
            while !Task.isCancelled {
                do {
                    let sent = try await CooperationReminders(database: database()).remind(now: Int(Date().timeIntervalSince1970))
                    if !sent.isEmpty { logger.info("cooperation reminders: \(sent.count) sent") }
                } catch {
                    logger.error("cooperation reminders: \(String(reflecting: error))")
                }
                try? await Task.sleep(for: interval)
            }
        }
    }

    func stop() async {
        loop?.cancel()
        await loop?.value
        loop = nil
    }
}

struct CooperationReminderLifecycle: LifecycleHandler {
    let loop: CooperationReminderLoop
    let interval: Duration

    func didBootAsync(_ application: Application) async throws { await loop.start(every: interval) }
    func shutdownAsync(_ application: Application) async { await loop.stop() }
}

/// When the application serves (not for `migrate` and the other commands, nor in tests, which
/// run the pass at the moments they choose), sends the cycle's reminders every hour.
func startCooperationReminders(_ app: Application, interval: Duration = .seconds(3600)) {
    let command = app.environment.arguments.dropFirst().first
    guard app.environment != .testing, command == nil || command == "serve" || command?.hasPrefix("-") == true else { return }
    let databases = app.databases, logger = app.logger, group = app.eventLoopGroup
    let loop = CooperationReminderLoop(database: { databases.database(logger: logger, on: group.any())! }, logger: logger)
    app.lifecycle.use(CooperationReminderLifecycle(loop: loop, interval: interval))
}

/// `sankofa cooperation remind`: one pass now; returns the reminders sent (those sent before, by
/// this node or another, are not sent again).
public func sendCooperationReminders(_ app: Application, now: Int) async throws -> [CooperationReminders.Sent] {
    try await CooperationReminders(database: app.db).remind(now: now)
}
