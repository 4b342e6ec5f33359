import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `sankofa forum-generate --threads N --posts N --members N --groups N --out DIR`: a forum at
/// scale for scripts/bench-forum (``ForumScaleData``), then its search index (``ForumSearch``'s
/// rebuild, timed apart). Writes in DIR: `cookie` (a session of the bench member, made as the
/// sign-in makes one, for wrk), `thread-paths.txt` and `category-paths.txt` (pages that member
/// reads) and `report.json` (ids and the seconds of each step).
/// `sankofa forum-generate --fanout-thread ID --as UUID` instead writes one reply in that thread
/// through the forum's own store, as the reply form does, and prints how long it took with its
/// notifications.
struct ForumGenerateCommand: AsyncCommand {
    struct Signature: CommandSignature {
        @Option(name: "threads", help: "Threads (default 200)") var threads: Int?
        @Option(name: "posts", help: "Posts, first posts included (default 5000)") var posts: Int?
        @Option(name: "members", help: "Members (default 2000)") var members: Int?
        @Option(name: "groups", help: "Working groups (default 50)") var groups: Int?
        @Option(name: "out", help: "Folder for the cookie, paths and report") var out: String?
        @Flag(name: "skip-search-index", help: "Leave the search index alone") var skipSearchIndex: Bool
        @Option(name: "fanout-thread", help: "Time one reply in this thread instead") var fanoutThread: Int?
        @Option(name: "as", help: "The reply's author (a member's id)") var author: String?
    }

    var help: String { "Generates a forum at scale for the benchmark (not for a live site)." }

    func run(using context: CommandContext, signature: Signature) async throws {
        let app = context.application
        let now = Int(Date().timeIntervalSince1970)
        if let thread = signature.fanoutThread {
            guard let author = signature.author.flatMap(UUID.init(uuidString:)) else {
                throw CommandFailure(code: 2, message: "Say who writes the reply: --as UUID")
            }
            let start = Date()
            let (postID, _) = try await ForumPosts(database: app.db).reply(
                to: thread, body: "A reply to time the notifications it sets off.", language: .en, authorID: author, now: now)
            let seconds = Date().timeIntervalSince(start)
            let notified = try await ForumScaleData(database: app.db).notifications(of: postID)
            print(String(format: "FANOUT seconds=%.3f notified=%d", seconds, notified))
            return
        }
        guard let out = signature.out else { throw CommandFailure(code: 2, message: "Say where to write: --out DIR") }
        try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
        let size = ForumScaleData.Size(threads: signature.threads ?? 200, posts: signature.posts ?? 5_000,
                                       members: signature.members ?? 2_000, groups: signature.groups ?? 50)
        var report = try await ForumScaleData(database: app.db).generate(size, now: now)
        if !signature.skipSearchIndex {
            let start = Date()
            try await ForumSearch(database: app.db).reindexAll()
            report.timings.append(("search index (ForumSearch.reindexAll)", Date().timeIntervalSince(start)))
        }
        let token = try await benchSession(for: report.benchMember, on: app, now: now)
        try "sankofa_session=\(token)".write(toFile: out + "/cookie", atomically: true, encoding: .utf8)
        // Each thread once at its first page and once at a page of its own (the last one for a
        // reader who follows it, any other for one catching up): a page named in the address is
        // served as it is, with no redirect to the member's place.
        try report.readableThreads.flatMap { thread -> [String] in
            let pages = (thread.posts + ForumPosts.perPage - 1) / ForumPosts.perPage
            let other = thread.id % 2 == 0 ? pages : 1 + thread.id % pages
            return ["/en/forum/threads/\(thread.id)?page=1", "/en/forum/threads/\(thread.id)?page=\(other)"]
        }.joined(separator: "\n").write(toFile: out + "/thread-paths.txt", atomically: true, encoding: .utf8)
        try report.readableCategories.map { "/en/forum/c/\($0)" }.joined(separator: "\n")
            .write(toFile: out + "/category-paths.txt", atomically: true, encoding: .utf8)
        let json: [String: Any] = [
            "benchMember": report.benchMember.uuidString, "bigGroupID": report.bigGroupID, "bigGroupThreadID": report.bigGroupThreadID,
            "timings": report.timings.map { ["step": $0.step, "seconds": $0.seconds] },
        ]
        try JSONSerialization.data(withJSONObject: json, options: [.sortedKeys]).write(to: URL(fileURLWithPath: out + "/report.json"))
        for (step, seconds) in report.timings { context.console.info(String(format: "%@: %.1f s", step, seconds)) }
    }

    /// A session for `user` as the sign-in opens one: a random token for the cookie, its SHA-256
    /// in the sessions table.
    private func benchSession(for user: UUID, on app: Application, now: Int) async throws -> String {
        let token = [UInt8].random(count: 32).base64String().replacingOccurrences(of: "+", with: "-")
            .replacingOccurrences(of: "/", with: "_").replacingOccurrences(of: "=", with: "")
        let digest = SHA256.hash(data: Data(token.utf8)).map { String(format: "%02x", $0) }.joined()
        let csrf = [UInt8].random(count: 32).base64String()
        try await SessionStore(database: app.db).create(SessionRecord(
            tokenHash: digest, userID: user, csrfToken: csrf, twoFactorPending: false, createdAt: now, lastSeenAt: now,
            ip: "127.0.0.1", userAgent: "bench-forum"))
        return token
    }
}
