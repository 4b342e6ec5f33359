import Fluent
import Foundation
import SankofaCore
import SQLKit

/// Writes ``ForumDemoData/Content`` inside the seed's transaction: accounts, groups and categories
/// directly (slugs fixed by the file), threads and posts through ``ForumPosts``, so the demo's
/// threads are counted, searchable and notify as the site's own would.
struct ForumDemoWriter {
    let database: any Database
    let now: Int
    private var sql: any SQLDatabase { database as! any SQLDatabase }

    init(database: any Database, now: Int) {
        self.database = database
        self.now = now
    }

    func write(_ content: ForumDemoData.Content) async throws -> ForumDemoData.Summary {
        var summary = ForumDemoData.Summary()
        var users: [String: UUID] = [:]
        for account in content.accounts {
            let (id, created) = try await makeAccount(account)
            users[account.handle] = id
            if created { summary.accounts += 1 }
        }
        func user(_ handle: String) throws -> UUID {
            guard let id = users[handle] else { throw DemoFailure(message: "forum.json: no account @\(handle)") }
            return id
        }
        var groups: [String: Int] = [:]
        for group in content.groups {
            let (id, created) = try await self.group(group, users: try group.owners.map(user), members: try group.members.map(user))
            groups[group.slug] = id
            if created { summary.groups += 1 }
        }
        var categories: [String: Int] = [:]
        for (position, category) in content.categories.enumerated() {
            let groupID = try category.group.map { slug in
                guard let id = groups[slug] else { throw DemoFailure(message: "forum.json: no group \(slug)") }
                return id
            }
            let (id, created) = try await self.category(category, groupID: groupID, position: position)
            categories[category.slug] = id
            if created { summary.categories += 1 }
        }
        for thread in content.threads {
            guard let categoryID = categories[thread.category] else { throw DemoFailure(message: "forum.json: no category \(thread.category)") }
            guard try await sql.raw("""
                SELECT id FROM forum_threads WHERE category_id = \(bind: categoryID) AND title = \(bind: thread.title)
                """).first() == nil else { continue }
            try await self.thread(thread, categoryID: categoryID, authors: try thread.posts.map { try user($0.by) })
            summary.threads += 1
            summary.posts += thread.posts.count
        }
        try await firstPosts(of: Set(users.values))
        return summary
    }

    /// A vetted member's account that cannot sign in (no password matches "!"), with its forum
    /// profile; e-mail is off so that the demo never mails its fictional addresses.
    private func makeAccount(_ account: ForumDemoData.Account) async throws -> (UUID, Bool) {
        if let existing = try await UserModel.query(on: database).filter(\.$email == account.email).first() {
            return (try existing.requireID(), false)
        }
        let user = UserModel()
        user.email = account.email
        user.emailVerifiedAt = Date(timeIntervalSince1970: TimeInterval(now))
        user.name = account.name
        user.country = account.country
        user.organisation = account.organisation
        user.organisationType = OrganisationType.other.rawValue
        user.position = account.position
        user.motivation = "Demo account (forum)"
        user.language = account.language.rawValue
        user.status = AccountStatus.active.rawValue
        user.roles = [Role.member.rawValue]
        user.passwordHash = "!"
        user.vettedAt = Date(timeIntervalSince1970: TimeInterval(now))
        try await user.create(on: database)
        let id = try user.requireID()
        if try await sql.raw("SELECT user_id FROM forum_members WHERE handle = \(bind: account.handle)").first() == nil {
            try await sql.raw("""
                INSERT INTO forum_members (user_id, handle, display_name, email_mode, post_count, created_at)
                VALUES (\(bind: id), \(bind: account.handle), \(bind: account.name), \(bind: EmailMode.off.rawValue), 0, \(bind: now))
                """).run()
        }
        return (id, true)
    }

    private func group(_ group: ForumDemoData.Group, users owners: [UUID], members: [UUID]) async throws -> (Int, Bool) {
        if let row = try await sql.raw("SELECT id FROM forum_groups WHERE slug = \(bind: group.slug)").first() {
            return (try row.decode(column: "id", as: Int.self), false)
        }
        let id = try await insertReturningID("""
            INSERT INTO forum_groups (slug, name, purpose, language, listed, created_by, created_at)
            VALUES (\(bind: group.slug), \(bind: group.name), \(bind: group.purpose), \(bind: group.language.rawValue),
                    \(bind: group.listed), \(bind: owners.first), \(bind: now - 40 * 86_400)) RETURNING id
            """)
        for (userID, role) in owners.map({ ($0, GroupRole.owner) }) + members.map({ ($0, GroupRole.member) }) {
            try await sql.raw("""
                INSERT INTO forum_group_members (group_id, user_id, role, state, invited_by, created_at)
                VALUES (\(bind: id), \(bind: userID), \(bind: role.rawValue), \(bind: GroupMembershipState.active.rawValue),
                        \(bind: role == .owner ? nil : owners.first), \(bind: now - 39 * 86_400))
                """).run()
        }
        return (id, true)
    }

    private func category(_ category: ForumDemoData.Category, groupID: Int?, position: Int) async throws -> (Int, Bool) {
        if let row = try await sql.raw("SELECT id FROM forum_categories WHERE slug = \(bind: category.slug)").first() {
            return (try row.decode(column: "id", as: Int.self), false)
        }
        let id = try await insertReturningID("""
            INSERT INTO forum_categories (slug, kind, topic, visibility, group_id, position, created_at)
            VALUES (\(bind: category.slug), \(bind: category.kind.rawValue), \(bind: category.topic),
                    \(bind: category.visibility.rawValue), \(bind: groupID), \(bind: position), \(bind: now - 40 * 86_400)) RETURNING id
            """)
        for language in Language.allCases {
            guard let text = category.texts[language.rawValue] else {
                throw DemoFailure(message: "forum.json: category \(category.slug) has no \(language.rawValue) text")
            }
            try await sql.raw("""
                INSERT INTO forum_category_texts (category_id, language, name, description)
                VALUES (\(bind: id), \(bind: language.rawValue), \(bind: text.name), \(bind: text.description))
                """).run()
        }
        return (id, true)
    }

    /// A thread and its posts in order, written by the forum's own store as the site writes
    /// them (post counts, the author's place, the hooks).
    private func thread(_ thread: ForumDemoData.Thread, categoryID: Int, authors: [UUID]) async throws {
        let posts = ForumPosts(database: database)
        let times = thread.posts.map { now - $0.ago * 3_600 }
        let (threadID, firstPost) = try await posts.startThread(
            .init(categoryID: categoryID, title: thread.title, language: thread.language, body: thread.posts[0].body, authorID: authors[0]),
            now: times[0])
        var postIDs = [firstPost]
        for (index, post) in thread.posts.enumerated().dropFirst() {
            let quoted = try post.quote.map { number -> Int in
                guard number >= 1, number <= postIDs.count else { throw DemoFailure(message: "forum.json: \(thread.title): quote of \(number)") }
                return postIDs[number - 1]
            }
            postIDs.append(try await posts.reply(to: threadID, body: post.body, language: post.language ?? thread.language,
                                                 authorID: authors[index], quoteOf: quoted, now: times[index]).postID)
        }
        if thread.pinned == true {
            try await sql.raw("UPDATE forum_threads SET pinned = \(bind: true) WHERE id = \(bind: threadID)").run()
        }
    }

    /// Each demo member's first post is their earliest (threads are not written in time order).
    private func firstPosts(of users: Set<UUID>) async throws {
        for id in users {
            try await sql.raw("""
                UPDATE forum_members SET first_post_at = (SELECT MIN(created_at) FROM forum_posts WHERE author_id = \(bind: id))
                WHERE user_id = \(bind: id)
                """).run()
        }
    }

    private func insertReturningID(_ query: SQLQueryString) async throws -> Int {
        guard let row = try await sql.raw(query).first() else { throw DemoFailure(message: "an insert returned no id") }
        return try row.decode(column: "id", as: Int.self)
    }
}

struct DemoFailure: Error, CustomStringConvertible {
    let message: String
    var description: String { message }
}
