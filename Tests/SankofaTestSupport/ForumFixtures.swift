import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Vapor

/// Forum records for tests, made straight through the stores: members with roles, working
/// groups, categories of each visibility, threads with posts. Every forum test suite uses them.
public enum ForumFixtures {
    /// An active account with `roles` and its forum row (handle from the address's name part).
    @discardableResult
    public static func member(_ app: Application, _ email: String, roles: [Role] = [.member],
                              status: AccountStatus = .active) async throws -> UserModel {
        let user = try await TestUsers.make(app, email, roles: roles, status: status)
        _ = try await ForumMembers(database: app.db).ensure(try user.requireID(), name: user.name, now: now)
        return user
    }

    /// A working group with `members` (user → role), all active unless `state` says otherwise.
    @discardableResult
    public static func group(_ app: Application, _ slug: String, listed: Bool = true,
                             members: [(UUID, GroupRole)] = [], state: GroupMembershipState = .active) async throws -> Int {
        let sql = app.db as! any SQLDatabase
        let row = try await sql.raw("""
            INSERT INTO forum_groups (slug, name, purpose, language, listed, created_at)
            VALUES (\(bind: slug), \(bind: "Group \(slug)"), \(bind: "Purpose of \(slug)"), 'en', \(bind: listed), \(bind: now)) RETURNING id
            """).first()
        let id = try row!.decode(column: "id", as: Int.self)
        for (user, role) in members { try await join(app, group: id, user: user, role: role, state: state) }
        return id
    }

    /// Gives `user` a standing with a group.
    public static func join(_ app: Application, group: Int, user: UUID, role: GroupRole = .member,
                            state: GroupMembershipState = .active) async throws {
        try await (app.db as! any SQLDatabase).raw("""
            INSERT INTO forum_group_members (group_id, user_id, role, state, created_at)
            VALUES (\(bind: group), \(bind: user), \(bind: role.rawValue), \(bind: state.rawValue), \(bind: now))
            """).run()
    }

    /// A category; `names` by language (English "Category <slug>" when empty). Returns its id.
    @discardableResult
    public static func category(_ app: Application, _ slug: String, visibility: ForumVisibility = .visitors,
                                group: Int? = nil, kind: ForumCategoryKind = .general, position: Int = 0,
                                names: [Language: String] = [:]) async throws -> Int {
        let sql = app.db as! any SQLDatabase
        let row = try await sql.raw("""
            INSERT INTO forum_categories (slug, kind, visibility, group_id, position, created_at)
            VALUES (\(bind: slug), \(bind: kind.rawValue), \(bind: visibility.rawValue), \(bind: group), \(bind: position), \(bind: now)) RETURNING id
            """).first()
        let id = try row!.decode(column: "id", as: Int.self)
        for (language, name) in names.isEmpty ? [.en: "Category \(slug)"] : names {
            try await sql.raw("""
                INSERT INTO forum_category_texts (category_id, language, name, description)
                VALUES (\(bind: id), \(bind: language.rawValue), \(bind: name), \(bind: "About \(name)"))
                """).run()
        }
        return id
    }

    /// A thread in `category` by `author` with `posts` bodies (the first opens it, each later
    /// one a reply by `repliers` in turn, else the author). Returns the thread id and post ids.
    @discardableResult
    public static func thread(_ app: Application, category: Int, author: UUID, title: String = "A thread",
                              language: Language = .en, posts: [String] = ["The first post."], repliers: [UUID] = [],
                              at time: Int? = nil) async throws -> (thread: Int, posts: [Int]) {
        let store = ForumPosts(database: app.db)
        let start = time ?? now
        let (thread, first) = try await store.startThread(
            .init(categoryID: category, title: title, language: language, body: posts.first ?? "The first post.", authorID: author),
            now: start)
        var ids = [first]
        for (index, body) in posts.dropFirst().enumerated() {
            let who = repliers.isEmpty ? author : repliers[index % repliers.count]
            ids.append(try await store.reply(to: thread, body: body, language: language, authorID: who, now: start + index + 1).postID)
        }
        return (thread, ids)
    }

    /// What the route × role matrix reads under `:category`, `:thread` and `:post`: a category open
    /// to visitors called `regional-training`, its thread 1 and post 1, written by a member of its own.
    public static func routeMatrix(_ app: Application) async throws {
        let author = try await member(app, "forum-author@example.org")
        let category = try await category(app, "regional-training")
        try await thread(app, category: category, author: try author.requireID())
    }

    static var now: Int { Int(Date().timeIntervalSince1970) }
}
