import SankofaCore
import SankofaStore
import Vapor

extension Request {
    private struct ForumReaderKey: StorageKey { typealias Value = ForumReader }

    /// The signed-in person's standing in the forum's groups, read once per request and kept for
    /// the rest of it (a page, its header's notification count and its permission checks agree).
    func forumReader() async throws -> ForumReader {
        if let reader = storage[ForumReaderKey.self] { return reader }
        let reader = try await ForumReader.load(actor, on: db)
        storage[ForumReaderKey.self] = reader
        return reader
    }
}
