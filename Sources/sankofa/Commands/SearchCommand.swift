import Fluent
import SankofaStore
import Vapor

/// `sankofa search reindex`: rebuilds the search index from the records, in one transaction.
struct SearchCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Argument(name: "action", help: "reindex")
        var action: String
    }

    var help: String { "Maintains the search index (sankofa search reindex)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        guard signature.action == "reindex" else {
            throw CommandFailure(code: 2, message: "Unknown action \(signature.action); try: sankofa search reindex")
        }
        let count = try await context.application.db.transaction { tx in
            try await PracticeStore(database: tx).reindex()
        }
        context.console.info("Search index rebuilt: \(count) practices.")
    }
}
