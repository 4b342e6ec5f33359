import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SankofaStoreTestSupport
import SQLKit
import Testing

@Suite("Forum demo data")
struct ForumDemoDataTests {
    /// The demo forum has what the issue asks of it, written in the tables the forum reads.
    @Test(arguments: TestEngine.all)
    func demoForumIsAliveInSixLanguages(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            let summary = try await ForumDemoData.load(from: Fixtures.demoFolder, on: db)
            #expect(summary.groups == 2)
            #expect(summary.categories >= 12)
            #expect(summary.threads >= 40)
            #expect(summary.posts >= 100)
            let sql = db as! any SQLDatabase
            let texts = try await sql.raw("""
                SELECT c.slug, COUNT(t.language) AS n FROM forum_categories c
                LEFT JOIN forum_category_texts t ON t.category_id = c.id GROUP BY c.slug
                """).all()
            #expect(try texts.allSatisfy { try $0.decode(column: "n", as: Int.self) == Language.allCases.count })
            let kinds = try await strings("SELECT DISTINCT kind AS v FROM forum_categories", on: sql)
            #expect(kinds == Set(ForumCategoryKind.allCases.map(\.rawValue)))
            let visibilities = try await strings("SELECT DISTINCT visibility AS v FROM forum_categories", on: sql)
            #expect(visibilities == Set(ForumVisibility.allCases.map(\.rawValue)))
            let languages = try await strings("SELECT DISTINCT language AS v FROM forum_threads", on: sql)
            #expect(languages == Set(Language.allCases.map(\.rawValue)))
            let titles = try await strings("SELECT title AS v FROM forum_threads", on: sql)
            let marks = ["Demo", "Démo", "تجريبي", "Демо", "演示"]
            #expect(titles.allSatisfy { title in marks.contains { title.hasPrefix($0) } })
            // Replies quote and mention: the notifications and cards have something to show.
            let quoting = try await sql.raw("SELECT COUNT(*) AS n FROM forum_posts WHERE quote_of IS NOT NULL AND body LIKE '%@%'").first()
            #expect(try (quoting?.decode(column: "n", as: Int.self) ?? 0) >= 20)
            // Written through the forum's store, its hooks ran: the mentioned and quoted were told,
            // and the threads are in the search index.
            let told = try await strings("SELECT DISTINCT kind AS v FROM notifications", on: sql)
            #expect(told.isSuperset(of: [NotificationKind.mention.rawValue, NotificationKind.reply.rawValue]))
            let indexed = try await sql.raw("SELECT COUNT(*) AS n FROM forum_search_documents").first()
            #expect(try indexed?.decode(column: "n", as: Int.self) == summary.threads)
            // A second seed adds nothing.
            let again = try await ForumDemoData.load(from: Fixtures.demoFolder, on: db)
            #expect(again == ForumDemoData.Summary())
            let threads = try await sql.raw("SELECT COUNT(*) AS n FROM forum_threads").first()
            #expect(try threads?.decode(column: "n", as: Int.self) == summary.threads)
        }
    }

    /// One group is listed and one hidden; each has members, a category of its own and threads in
    /// it, which neither a visitor nor a member outside the group reads, and its members do.
    @Test(arguments: TestEngine.all)
    func groupThreadsReachOnlyTheirMembers(engine: TestEngine) async throws {
        try await withTestDatabase(engine, data: .empty) { db in
            _ = try await ForumDemoData.load(from: Fixtures.demoFolder, on: db)
            let sql = db as! any SQLDatabase
            let groups = try await sql.raw("SELECT id, listed FROM forum_groups ORDER BY id").all()
            #expect(try groups.map { try $0.decode(column: "listed", as: Bool.self) }.sorted { !$0 && $1 } == [false, true])
            let threadIDs = try await sql.raw("SELECT id FROM forum_threads ORDER BY id").all().map { try $0.decode(column: "id", as: Int.self) }
            let visitor = ForumReader(actor: .visitor)
            let outsider = try await reader("hassan", on: db)
            #expect(outsider.groupIDs.isEmpty)
            for group in groups {
                let groupID = try group.decode(column: "id", as: Int.self)
                let members = try await sql.raw("""
                    SELECT m.handle FROM forum_group_members g JOIN forum_members m ON m.user_id = g.user_id
                    WHERE g.group_id = \(bind: groupID) AND g.state = 'active'
                    """).all().map { try $0.decode(column: "handle", as: String.self) }
                #expect(members.count >= 4)
                let member = try await reader(members[0], on: db)
                var inGroup = 0
                for id in threadIDs {
                    let thread = try #require(try await ForumLookup(database: db).thread(id))
                    guard thread.groupID == groupID else { continue }
                    inGroup += 1
                    #expect(thread.visibility == .group)
                    #expect(!visitor.reads(thread.visibility, groupID: thread.groupID))
                    #expect(!outsider.reads(thread.visibility, groupID: thread.groupID))
                    #expect(member.reads(thread.visibility, groupID: thread.groupID))
                }
                #expect(inGroup >= 2)
            }
            // A visitor reads the categories open to visitors, and only those.
            var visitorReads = 0
            for id in threadIDs {
                let thread = try #require(try await ForumLookup(database: db).thread(id))
                if visitor.reads(thread.visibility, groupID: thread.groupID) {
                    visitorReads += 1
                    #expect(thread.visibility == .visitors)
                }
            }
            #expect(visitorReads >= 10 && visitorReads < threadIDs.count)
        }
    }

    private func reader(_ handle: String, on db: any Database) async throws -> ForumReader {
        let row = try #require(try await (db as! any SQLDatabase).raw("SELECT user_id FROM forum_members WHERE handle = \(bind: handle)").first())
        let id = try row.decode(column: "user_id", as: UUID.self)
        let user = try #require(try await UserModel.find(id, on: db))
        #expect(user.passwordHash == "!")
        return try await ForumReader.load(user.actor, on: db)
    }

    private func strings(_ query: String, on sql: any SQLDatabase) async throws -> Set<String> {
        Set(try await sql.raw(SQLQueryString(stringLiteral: query)).all().map { try $0.decode(column: "v", as: String.self) })
    }
}
