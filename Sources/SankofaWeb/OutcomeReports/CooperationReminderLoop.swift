import Fluent
import Foundation
import SankofaStore
import Vapor

/// The cycle's reminders from the application's own background loop, every hour: outcome reports
/// 7 and 30 days after a held exchange ends, follow-ups six months after a report
/// (``CooperationReminders``). Every node may run it: each reminder's row is its claim, so it goes
/// once. `sankofa cooperation remind` runs the same pass by hand.
func startCooperationReminders(_ app: Application, interval: Duration = .seconds(3600)) {
    let logger = app.logger
    BackgroundLoop.use(app, name: "cooperation reminders", every: interval) { database, now in
        let sent = try await CooperationReminders(database: database).remind(now: now)
        if !sent.isEmpty { logger.info("cooperation reminders: \(sent.count) sent") }
    }
}

/// `sankofa cooperation remind`: one pass now; returns the reminders sent (those sent before, by
/// this node or another, are not sent again).
public func sendCooperationReminders(_ app: Application, now: Int) async throws -> [CooperationReminders.Sent] {
    try await CooperationReminders(database: app.db).remind(now: now)
}
