import Fluent
import Foundation
import SankofaCore
import SQLKit

extension ForumScaleData {
    /// Threads first (their rows, with counts and times), then their posts streamed in
    /// transactions of ``flushSize`` rows, so that half a million posts never sit in memory.
    func insertThreads(_ size: Size, categories: [CategoryRow], members: [UUID], handles: [String], now: Int,
                       rng: inout ScaleRandom) async throws -> [ThreadRow] {
        let open = categories.filter { $0.groupID == nil }, grouped = categories.filter { $0.groupID != nil }
        let groupMembers = try await membersByGroup()
        let lengths = Self.lengths(threads: size.threads, posts: size.posts, rng: &rng)
        let firstThread = try await nextID("forum_threads")
        var nextPost = try await nextID("forum_posts")
        var threads: [ThreadRow] = []
        var starts: [Int] = []
        for index in 0..<size.threads {
            // A fifth of the threads are in groups' categories, a quarter of those in the big group's.
            let category = rng.int(0...4) > 0 || grouped.isEmpty ? open[rng.int(0...(open.count - 1))]
                : (rng.int(0...3) == 0 ? grouped[0] : grouped[rng.int(0...(grouped.count - 1))])
            let start = now - rng.int(3_600...(365 * 86_400))
            let step = max(1, min(rng.int(300...36_000), (now - start) / (lengths[index] + 1)))
            threads.append(ThreadRow(id: firstThread + index, category: category.id, firstPost: nextPost, posts: lengths[index],
                                     lastPostedAt: start + step * (lengths[index] - 1)))
            starts.append(start)
            nextPost += lengths[index]
        }
        let languages = Language.allCases
        try await insert("forum_threads", ["id", "category_id", "title", "language", "author_id", "created_at", "last_posted_at",
                                           "post_count", "pinned", "locked", "closed"],
                         threads.enumerated().map { index, thread in
                             [thread.id, thread.category, ScaleText.title(index, languages[index % languages.count]),
                              languages[index % languages.count].rawValue, members[index % members.count], starts[index],
                              thread.lastPostedAt, thread.posts, index % 97 == 0, false, false]
                         })
        let categoryGroup = Dictionary(uniqueKeysWithValues: categories.map { ($0.id, $0.groupID) })
        var pending: [[any Encodable & Sendable]] = []
        var counts: [UUID: Int] = [:]
        for (index, thread) in threads.enumerated() {
            let writers = categoryGroup[thread.category].flatMap { $0 }.flatMap { groupMembers[$0] } ?? members
            let language = languages[index % languages.count]
            let step = thread.posts > 1 ? (thread.lastPostedAt - starts[index]) / (thread.posts - 1) : 0
            for number in 1...thread.posts {
                let author = number == 1 ? members[index % members.count] : writers[rng.int(0...(writers.count - 1))]
                counts[author, default: 0] += 1
                let quote: Int? = number > 2 && rng.int(0...9) == 0 ? thread.firstPost + rng.int(0...(number - 2)) : nil
                let mention = rng.int(0...19) == 0 ? "@" + handles[rng.int(0...(handles.count - 1))] : nil
                pending.append([thread.firstPost + number - 1, thread.id, number, author, language.rawValue,
                                ScaleText.body(&rng, language, mention: mention), starts[index] + step * (number - 1), 0, quote])
                if pending.count >= Self.flushSize {
                    try await insertPosts(pending)
                    pending.removeAll(keepingCapacity: true)
                }
            }
        }
        try await insertPosts(pending)
        let postsByAuthor = counts
        try await database.atomically { tx in
            for (user, count) in postsByAuthor {
                try await (tx as! any SQLDatabase).raw("""
                    UPDATE forum_members SET post_count = post_count + \(bind: count), first_post_at = \(bind: now - 365 * 86_400)
                    WHERE user_id = \(bind: user)
                    """).run()
            }
        }
        return threads
    }

    static let flushSize = 10_000

    private func insertPosts(_ rows: [[any Encodable & Sendable]]) async throws {
        try await insert("forum_posts", ["id", "thread_id", "number", "author_id", "language", "body", "created_at", "edit_count", "quote_of"], rows)
    }

    private func membersByGroup() async throws -> [Int: [UUID]] {
        var result: [Int: [UUID]] = [:]
        for row in try await sql.raw("SELECT group_id, user_id FROM forum_group_members WHERE state = 'active'").all() {
            result[try row.decode(column: "group_id", as: Int.self), default: []].append(try row.decode(column: "user_id", as: UUID.self))
        }
        return result
    }

    /// Each thread's number of posts: at least one, the rest shared by a heavy-tailed draw (a few
    /// threads take thousands), capped at 5,000, adding up to `posts`.
    static func lengths(threads: Int, posts: Int, rng: inout ScaleRandom) -> [Int] {
        guard threads > 0 else { return [] }
        let weights = (0..<threads).map { _ in pow(max(rng.unit(), 1e-6), -0.75) }
        let total = weights.reduce(0, +), extra = Double(posts - threads)
        var lengths = weights.map { min(5_000, 1 + Int(extra * $0 / total)) }
        var missing = posts - lengths.reduce(0, +)
        while missing > 0 {
            let index = rng.int(0...(threads - 1))
            if lengths[index] < 5_000 { lengths[index] += 1; missing -= 1 }
        }
        return lengths
    }

    /// Every member's place in 20 threads open to all; the big group's members watching its
    /// category; five replies of the last day for every member, not mailed yet.
    func insertActivity(threads: [ThreadRow], members: [UUID], groups: [GroupRow], categories: [CategoryRow], now: Int,
                        rng: inout ScaleRandom) async throws {
        let openIDs = Set(categories.filter { $0.groupID == nil }.map(\.id))
        let open = threads.filter { openIDs.contains($0.category) }
        guard !open.isEmpty else { return }
        var reads: [[any Encodable & Sendable]] = []
        var notifications: [[any Encodable & Sendable]] = []
        for member in members {
            var seen = Set<Int>()
            for _ in 0..<min(20, open.count) {
                let thread = open[rng.int(0...(open.count - 1))]
                guard seen.insert(thread.id).inserted else { continue }
                reads.append([member, thread.id, rng.int(1...thread.posts)])
            }
            for _ in 0..<5 {
                let thread = open[rng.int(0...(open.count - 1))]
                notifications.append([member, NotificationKind.reply.rawValue, members[rng.int(0...(members.count - 1))], thread.id,
                                      thread.firstPost + rng.int(0...(thread.posts - 1)), Int?.none, "", now - rng.int(60...86_000)])
            }
        }
        try await insert("forum_reads", ["user_id", "thread_id", "last_read_number"], reads)
        try await insert("notifications", ["user_id", "kind", "actor_id", "thread_id", "post_id", "group_id", "detail", "created_at"],
                         notifications)
        if let big = categories.first(where: { $0.groupID == groups[0].id }) {
            try await insert("forum_watches", ["user_id", "target_kind", "target_id", "level"],
                             groups[0].members.map { [$0, "category", big.id, "watching"] })
        }
    }
}

/// A small, fast, seeded generator (SplitMix64): the same data for the same seed.
struct ScaleRandom {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
    mutating func int(_ range: ClosedRange<Int>) -> Int {
        range.lowerBound + Int(next() % UInt64(range.upperBound - range.lowerBound + 1))
    }
    mutating func unit() -> Double { Double(next() >> 11) / Double(1 << 53) }
}
