import Fluent
import Foundation
import Vapor

/// A pass the application runs from its own background task, every `interval` from boot until
/// shutdown (the forum's mail, the cooperation cycle's reminders). A failed pass is logged and
/// the next one runs at its time.
actor BackgroundLoop {
    let name: String
    let logger: Logger
    let pass: @Sendable (_ now: Int) async throws -> Void
    private var loop: Task<Void, Never>?

    init(name: String, logger: Logger, pass: @escaping @Sendable (_ now: Int) async throws -> Void) {
        self.name = name
        self.logger = logger
        self.pass = pass
    }

    func start(every interval: Duration) {
        guard loop == nil else { return }
        loop = Task { [name, logger, pass] in
            while !Task.isCancelled {
                do { try await pass(Int(Date().timeIntervalSince1970)) } catch {
                    logger.error("\(name): \(String(reflecting: error))")
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

    /// Runs `pass` every `interval` while the application serves: not for `migrate` and the other
    /// commands, nor in tests, which run the passes themselves at the moments they choose.
    /// The pass gets a database of its own each time.
    static func use(_ app: Application, name: String, every interval: Duration,
                    pass: @escaping @Sendable (_ database: any Database, _ now: Int) async throws -> Void) {
        let command = app.environment.arguments.dropFirst().first
        guard app.environment != .testing, command == nil || command == "serve" || command?.hasPrefix("-") == true else { return }
        let databases = app.databases, logger = app.logger, group = app.eventLoopGroup
        let loop = BackgroundLoop(name: name, logger: logger) { now in
            try await pass(databases.database(logger: logger, on: group.any())!, now)
        }
        app.lifecycle.use(Lifecycle(loop: loop, interval: interval))
    }

    struct Lifecycle: LifecycleHandler {
        let loop: BackgroundLoop
        let interval: Duration

        func didBootAsync(_ application: Application) async throws { await loop.start(every: interval) }
        func shutdownAsync(_ application: Application) async { await loop.stop() }
    }
}
