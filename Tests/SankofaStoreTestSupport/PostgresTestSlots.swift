import Foundation

/// How many tests hold PostgreSQL connections at once. Swift Testing starts every async test
/// together; each test's pool opens up to four connections per event loop, and with the forum's
/// suites the whole run passed the throwaway cluster's `max_connections` ("too many clients
/// already"). A test waits for a slot instead; one that already holds a slot (an app opened
/// inside another test's, two nodes on one database) does not take a second, so waits never
/// form a cycle.
public actor PostgresTestSlots {
    public static let shared = PostgresTestSlots(limit: 16)

    @TaskLocal static var holding = false

    private var free: Int
    private var waiting: [CheckedContinuation<Void, Never>] = []

    init(limit: Int) { free = limit }

    /// Runs `body` holding a slot when `engine` is PostgreSQL.
    public static func run<T>(_ engine: TestEngine, _ body: () async throws -> T) async throws -> T {
        guard engine == .postgres, !holding else { return try await body() }
        await shared.acquire()
        do {
            let result = try await $holding.withValue(true) { try await body() }
            await shared.release()
            return result
        } catch {
            await shared.release()
            throw error
        }
    }

    private func acquire() async {
        if free > 0 { free -= 1; return }
        await withCheckedContinuation { waiting.append($0) }
    }

    private func release() {
        if waiting.isEmpty { free += 1 } else { waiting.removeFirst().resume() }
    }
}
