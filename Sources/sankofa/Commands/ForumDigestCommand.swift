import Foundation
import SankofaStore
import SankofaWeb
import Vapor

/// `sankofa forum digest --period daily|weekly`: queues the forum's digests of the current day or
/// week for the members who chose them, in batches, as the server's own loop does at its hour. Safe
/// to run while servers run, and again after an interruption: members done are skipped.
struct ForumCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "digest")
        var action: String
        @Option(name: "period", help: "daily | weekly")
        var period: String?
    }

    var help: String { "The forum's mail: builds the daily or weekly digests (digest --period daily|weekly)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "digest", let kind = signature.period.flatMap(ForumDigests.Kind.init(rawValue:)) else {
            throw CommandFailure(code: 2, message: "Usage: sankofa forum digest --period daily|weekly")
        }
        let start = Date()
        let done = try await buildForumDigests(context.application, period: kind, now: Int(start.timeIntervalSince1970))
        context.console.info("Forum \(kind.rawValue) digests: \(done) members done in \(String(format: "%.1f", Date().timeIntervalSince(start))) s.")
    }
}
