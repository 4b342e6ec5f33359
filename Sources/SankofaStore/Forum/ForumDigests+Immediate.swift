import Fluent
import Foundation
import SankofaCore

/// Mail for members who want each notification as it happens: every run of the background loop
/// takes the notifications not mailed yet, in batches, and queues one message each, in the same
/// transaction as marking them mailed. Notifications older than a day are not mailed one by one
/// (a member who just switched to `immediate` is not sent their history).
extension ForumDigests {
    @discardableResult
    public func sendImmediate(now: Int) async throws -> Int {
        var queued = 0
        while true {
            let count = try await database.atomically { tx in
                let taken = try await Notifications(database: tx).takeImmediate(since: now - 86_400, limit: batchSize, now: now)
                for (recipient, item) in taken {
                    try await Outbox(database: tx).queue(ForumMailText.immediate(item, to: recipient, links: links, catalogs: catalogs), now: now)
                }
                return (taken: taken.count, more: !taken.isEmpty)
            }
            queued += count.taken
            if !count.more { break }
        }
        try await Notifications(database: database).retireUnmailed(before: now - 8 * 86_400, now: now)
        return queued
    }
}
