import Foundation
import SankofaStore
import SankofaWeb
import Vapor

/// `sankofa cooperation remind`: sends the reminders of the cooperation cycle that are due (outcome
/// reports 7 and 30 days after an exchange held ends, follow-ups six months after a report), as
/// the server's hourly loop does. Safe to run while servers run: each reminder goes once.
struct CooperationCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "remind")
        var action: String
    }

    var help: String { "The cooperation cycle: sends the outcome report and follow-up reminders that are due (remind)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "remind" else { throw CommandFailure(code: 2, message: "Usage: sankofa cooperation remind") }
        let sent = try await sendCooperationReminders(context.application, now: Int(Date().timeIntervalSince1970))
        for kind in CooperationReminders.Kind.allCases {
            let some = sent.filter { $0.kind == kind }
            context.console.info("\(kind.rawValue): \(some.count) reminders, \(some.reduce(0) { $0 + $1.people }) people told")
        }
    }
}
