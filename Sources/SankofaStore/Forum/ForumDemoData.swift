import Fluent
import Foundation
import SankofaCore

/// The demo forum in `Resources/Demo/forum.json`, loaded by `sankofa seed --demo` after the
/// directory: the accounts that write in it (fictional, `@demo.sankofa.example`, with no usable
/// password and e-mail off, so nobody signs in as them and nothing is mailed to them), categories
/// in six languages, some forty threads in all six languages with replies, quotes, @mentions and
/// links to demo practices and experts, and two working groups (one listed, one hidden), each with
/// its own category and threads, so that a newcomer sees the forum alive.
///
/// Loading is idempotent: accounts are found by address, groups and categories by slug, a thread
/// by its category and title; what exists is left as it is, so a second seed adds nothing.
public enum ForumDemoData {
    public struct Content: Decodable, Sendable {
        public var accounts: [Account]
        public var groups: [Group]
        public var categories: [Category]
        public var threads: [Thread]
    }

    public struct Account: Decodable, Sendable {
        public var handle: String
        public var name: String
        public var email: String
        public var country: String
        public var language: Language
        public var organisation: String
        public var position: String
    }

    public struct Group: Decodable, Sendable {
        public var slug: String
        public var name: String
        public var purpose: String
        public var language: Language
        public var listed: Bool
        /// Handles; the first owner created the group.
        public var owners: [String]
        public var members: [String]
    }

    public struct Category: Decodable, Sendable {
        public struct Text: Decodable, Sendable {
            public var name: String
            public var description: String
        }
        public var slug: String
        public var kind: ForumCategoryKind
        /// A theme slug or a region for theme and region categories.
        public var topic: String?
        public var visibility: ForumVisibility
        /// The slug of the working group, for group categories.
        public var group: String?
        /// Name and description by language code (all six).
        public var texts: [String: Text]
    }

    public struct Thread: Decodable, Sendable {
        public var category: String
        public var title: String
        public var language: Language
        public var pinned: Bool?
        public var posts: [Post]
    }

    public struct Post: Decodable, Sendable {
        /// The author's handle.
        public var by: String
        /// Hours before the seed.
        public var ago: Int
        public var body: String
        /// The number of the post it quotes, in the same thread.
        public var quote: Int?
        /// Written in another language than the thread's.
        public var language: Language?
    }

    public struct Summary: Sendable, Equatable {
        public var accounts = 0, groups = 0, categories = 0, threads = 0, posts = 0
        public init() {}
    }

    public static func content(in folder: String) throws -> Content {
        let path = folder + "/forum.json"
        return try JSONDecoder().decode(Content.self, from: Data(contentsOf: URL(fileURLWithPath: path)))
    }

    /// Loads the demo forum in one transaction; the summary counts what was created this time.
    public static func load(from folder: String, on database: any Database, now: Int = Int(Date().timeIntervalSince1970)) async throws -> Summary {
        let content = try content(in: folder)
        return try await database.atomically { tx in
            try await ForumDemoWriter(database: tx, now: now).write(content)
        }
    }
}
