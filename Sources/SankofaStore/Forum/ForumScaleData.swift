import Fluent
import Foundation
import SankofaCore
import SQLKit

/// A forum at scale for the benchmark (`sankofa forum-generate`, scripts/bench-forum): members,
/// working groups (the first one large, for the notification fan-out), categories of every
/// visibility, threads whose lengths vary like a real forum's (most short, a few of thousands of
/// posts), each member's places in threads, the big group's members watching its category, and a
/// day of unmailed notifications for every member (what a daily digest gathers). Rows go straight
/// into the tables in multi-row INSERTs, a transaction per batch, with ids chosen here after the
/// highest already there; the search index is built after, by ``ForumSearch/reindexAll()``.
/// Not for a live site: the accounts are fictional and cannot sign in (password "!").
public struct ForumScaleData: Sendable {
    public let database: any Database
    public init(database: any Database) { self.database = database }

    public struct Size: Sendable {
        public var threads: Int, posts: Int, members: Int, groups: Int
        public init(threads: Int, posts: Int, members: Int, groups: Int) {
            self.threads = threads
            self.posts = max(posts, threads)
            self.members = max(members, 2)
            self.groups = max(groups, 1)
        }
    }

    public struct Report: Sendable {
        /// The member the benchmark signs in as: in the big group and a few others.
        public var benchMember: UUID
        public var bigGroupID: Int
        /// A thread of the big group's category, where the fan-out is timed.
        public var bigGroupThreadID: Int
        /// Threads (id, posts) and category slugs the bench member reads.
        public var readableThreads: [(id: Int, posts: Int)]
        public var readableCategories: [String]
        /// Seconds per step.
        public var timings: [(step: String, seconds: Double)]
    }

    static let batch = 500

    public func generate(_ size: Size, now: Int, seed: UInt64 = 20261207) async throws -> Report {
        var rng = ScaleRandom(seed: seed)
        var timings: [(String, Double)] = []
        func timed<T>(_ step: String, _ body: () async throws -> T) async throws -> T {
            let start = Date()
            let result = try await body()
            timings.append((step, Date().timeIntervalSince(start)))
            return result
        }
        let (members, handles) = try await timed("members") { try await insertMembers(size.members, now: now) }
        let groups = try await timed("groups") { try await insertGroups(size.groups, members: members, now: now, rng: &rng) }
        let categories = try await timed("categories") { try await insertCategories(groups: groups, now: now) }
        let threads = try await timed("threads and posts") {
            try await insertThreads(size, categories: categories, members: members, handles: handles, now: now, rng: &rng)
        }
        try await timed("reads, watches, notifications") {
            try await insertActivity(threads: threads, members: members, groups: groups, categories: categories, now: now, rng: &rng)
        }
        if sql.dialect.name == "postgresql" {
            for table in ["forum_groups", "forum_categories", "forum_threads", "forum_posts"] {
                try await sql.raw("SELECT setval(pg_get_serial_sequence('\(unsafeRaw: table)', 'id'), (SELECT MAX(id) FROM \(unsafeRaw: table)))").run()
            }
        }
        let bench = members[0]
        let benchGroups = Set(groups.filter { $0.members.contains(bench) }.map(\.id))
        let readable = categories.filter { $0.groupID.map(benchGroups.contains) ?? true }
        let readableIDs = Set(readable.map(\.id))
        let bigCategory = categories.first { $0.groupID == groups[0].id }!
        return Report(benchMember: bench, bigGroupID: groups[0].id,
                      bigGroupThreadID: threads.first { $0.category == bigCategory.id }?.id ?? threads[0].id,
                      readableThreads: threads.filter { readableIDs.contains($0.category) }.map { ($0.id, $0.posts) },
                      readableCategories: readable.map(\.slug), timings: timings)
    }

    struct GroupRow { var id: Int; var members: [UUID] }
    struct CategoryRow { var id: Int; var slug: String; var visibility: ForumVisibility; var groupID: Int? }
    struct ThreadRow { var id: Int; var category: Int; var firstPost: Int; var posts: Int; var lastPostedAt: Int }

    var sql: any SQLDatabase { database as! any SQLDatabase }

    /// How many notifications a post set off (the benchmark's fan-out).
    public func notifications(of postID: Int) async throws -> Int {
        try await sql.raw("SELECT COUNT(*) AS n FROM notifications WHERE post_id = \(bind: postID)").first()?
            .decode(column: "n", as: Int.self) ?? 0
    }

    func nextID(_ table: String) async throws -> Int {
        let row = try await sql.raw("SELECT COALESCE(MAX(id), 0) AS m FROM \(unsafeRaw: table)").first()
        return (try row?.decode(column: "m", as: Int.self) ?? 0) + 1
    }

    /// Inserts `rows` into `table` in multi-row statements of ``batch`` rows, one transaction for all.
    func insert(_ table: String, _ columns: [String], _ rows: [[any Encodable & Sendable]]) async throws {
        guard !rows.isEmpty else { return }
        try await database.atomically { tx in
            let sql = tx as! any SQLDatabase
            var start = 0
            while start < rows.count {
                let builder = sql.insert(into: table).columns(columns)
                for row in rows[start..<min(start + Self.batch, rows.count)] { _ = builder.values(row) }
                try await builder.run()
                start += Self.batch
            }
        }
    }

    private func insertMembers(_ count: Int, now: Int) async throws -> ([UUID], [String]) {
        var ids: [UUID] = []
        var start = 0
        let run = UUID().uuidString.prefix(8).lowercased()
        while start < count {
            let users = (start..<min(start + Self.batch, count)).map { index -> UserModel in
                let user = UserModel()
                user.id = UUID()
                user.email = "bench\(index)-\(run)@bench.sankofa.example"
                user.emailVerifiedAt = Date(timeIntervalSince1970: TimeInterval(now))
                user.name = "Bench Member \(index)"
                user.country = ["NG", "KE", "MA", "ID", "CO", "JO", "TJ", "CN"][index % 8]
                user.organisation = "Benchmark"
                user.organisationType = OrganisationType.other.rawValue
                user.position = "Practitioner"
                user.motivation = "Generated for the forum benchmark"
                user.language = Language.allCases[index % Language.allCases.count].rawValue
                user.status = AccountStatus.active.rawValue
                user.roles = [Role.member.rawValue]
                user.passwordHash = "!"
                return user
            }
            try await users.create(on: database)
            ids += users.map { $0.id! }
            start += Self.batch
        }
        let handles = ids.indices.map { "b\(run)m\($0)" }
        try await insert("forum_members", ["user_id", "handle", "display_name", "email_mode", "post_count", "created_at"],
                         ids.enumerated().map { index, id in
                             [id, handles[index], "Bench Member \(index)", EmailMode.daily.rawValue, 0, now - 400 * 86_400]
                         })
        return (ids, handles)
    }

    /// The first group holds up to 1,000 members (the fan-out's); the others 10 to 60 each. The
    /// bench member belongs to the first three.
    private func insertGroups(_ count: Int, members: [UUID], now: Int, rng: inout ScaleRandom) async throws -> [GroupRow] {
        let first = try await nextID("forum_groups")
        var groups: [GroupRow] = []
        for index in 0..<count {
            var chosen: [UUID]
            if index == 0 {
                chosen = Array(members.prefix(1_000))
            } else {
                let size = min(members.count, rng.int(10...60))
                chosen = Array(Set((0..<size).map { _ in members[rng.int(0...(members.count - 1))] }))
                if index < 3 { chosen = [members[0]] + chosen.filter { $0 != members[0] } }
            }
            groups.append(GroupRow(id: first + index, members: chosen))
        }
        try await insert("forum_groups", ["id", "slug", "name", "purpose", "language", "listed", "created_by", "created_at"],
                         groups.enumerated().map { index, group in
                             [group.id, "bench-group-\(first)-\(index)", "Working group \(index)", "Generated for the benchmark.",
                              Language.en.rawValue, index % 2 == 0, group.members[0], now - 300 * 86_400]
                         })
        try await insert("forum_group_members", ["group_id", "user_id", "role", "state", "created_at"],
                         groups.flatMap { group in
                             group.members.enumerated().map { index, user in
                                 [group.id, user, (index == 0 ? GroupRole.owner : GroupRole.member).rawValue,
                                  GroupMembershipState.active.rawValue, now - 300 * 86_400]
                             }
                         })
        return groups
    }

    /// Ten categories open to visitors or members, and one per group.
    private func insertCategories(groups: [GroupRow], now: Int) async throws -> [CategoryRow] {
        let first = try await nextID("forum_categories")
        var rows: [CategoryRow] = (0..<10).map {
            CategoryRow(id: first + $0, slug: "bench-\(first)-\($0)", visibility: $0 % 2 == 0 ? .visitors : .members, groupID: nil)
        }
        rows += groups.enumerated().map { index, group in
            CategoryRow(id: first + 10 + index, slug: "bench-\(first)-group-\(index)", visibility: .group, groupID: group.id)
        }
        try await insert("forum_categories", ["id", "slug", "kind", "topic", "visibility", "group_id", "position", "created_at"],
                         rows.enumerated().map { index, row in
                             [row.id, row.slug, ForumCategoryKind.general.rawValue, String?.none, row.visibility.rawValue,
                              row.groupID, 100 + index, now - 400 * 86_400]
                         })
        try await insert("forum_category_texts", ["category_id", "language", "name", "description"],
                         rows.flatMap { row in
                             Language.allCases.map { [row.id, $0.rawValue, "Category \(row.slug)", "Generated for the benchmark (\($0.rawValue))."] }
                         })
        return rows
    }
}
