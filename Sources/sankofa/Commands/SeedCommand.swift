import Fluent
import Foundation
import SankofaStore
import SankofaWeb
import Vapor

/// `sankofa seed --demo [--if-empty]`: loads the demo data in `Resources/Demo/` (practices,
/// centres, experts, courses, the forum, the cooperation cycle).
/// Idempotent (records are upserted by slug); `--if-empty` leaves a database with practices alone,
/// which is what the run script uses so that edits to demo records survive a restart.
struct SeedCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Flag(name: "demo", help: "Load the demo data set.")
        var demo: Bool
        @Flag(name: "if-empty", help: "Only when the database holds no practice yet.")
        var ifEmpty: Bool
    }

    var help: String { "Loads demo data (idempotent)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.demo else {
            throw CommandFailure(code: 2, message: "Say which data to load: sankofa seed --demo")
        }
        let app = context.application
        if signature.ifEmpty, try await PracticeModel.query(on: app.db).count() > 0 {
            context.console.info("The database already holds practices; demo data not loaded.")
            return
        }
        let summary = try await DemoData.load(from: app.directory.resourcesDirectory + "Demo", on: app.db)
        context.console.info("Demo data: \(summary.practicesCreated) practices created, \(summary.practicesUpdated) updated; "
            + "\(summary.experts) experts, \(summary.centres) centres, \(summary.courses) courses.")
        let forum = try await ForumDemoData.load(from: app.directory.resourcesDirectory + "Demo", on: app.db)
        context.console.info("Demo forum: \(forum.accounts) accounts, \(forum.groups) working groups, \(forum.categories) categories, "
            + "\(forum.threads) threads and \(forum.posts) posts created.")
        let cooperation = try await CooperationDemoData.load(from: app.directory.resourcesDirectory + "Demo", on: app.db)
        context.console.info("Demo cooperation: \(cooperation.requests) requests, \(cooperation.matches) matches, "
            + "\(cooperation.exchanges) exchanges, \(cooperation.contributions) contributions, \(cooperation.reports) outcome reports "
            + "and \(cooperation.followUps) follow-ups created.")
        if try await DemoEdition.ensure(app) {
            context.console.info("Demo Handbook edition \(DemoEdition.slug) published (HTML and EPUB built).")
        }
    }
}
