import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SQLKit
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// Staff's management of the forum's categories through its pages: creating, naming in six
/// languages, ordering, deleting only an empty one, refusals for everyone else, and the audit log.
/// Both engines.
@Suite("Forum category management")
struct ForumCategoryAdminTests {
    static func slugs(_ app: Application) async throws -> [String] {
        try await ForumCategoryAdmin(database: app.db).list().map(\.slug)
    }

    @Test(arguments: TestEngine.all)
    func staffCreateTranslateAndOrderCategories(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await ForumFixtures.member(app, "editor@example.org", roles: [.member, .editor])
            let editor = Browser(app)
            try await editor.signIn("editor@example.org")
            try await editor.get("/en/forum/categories/new")
            var response = try await editor.post("/en/forum/categories/new", [
                "slug": "", "kind": "theme", "topic": "youth", "visibility": "visitors",
                "name_en": "Youth work", "description_en": "Programmes with young people.",
                "name_fr": "Travail avec les jeunes", "name_ar": "العمل مع الشباب", "description_ar": "برامج مع الشباب.",
            ])
            #expect(response.status == .seeOther)
            for (slug, name) in [("prisons-desk", "Prisons"), ("general-talk", "General")] {
                response = try await editor.post("/en/forum/categories/new", ["slug": slug, "kind": "general", "visibility": "members", "name_en": name])
                #expect(response.status == .seeOther)
            }
            #expect(try await Self.slugs(app) == ["youth-work", "prisons-desk", "general-talk"])
            let youth = try #require(try await ForumCategoryAdmin(database: app.db).find(slug: "youth-work"))
            #expect(youth.draft.kind == .theme && youth.draft.topic == "youth" && youth.draft.visibility == .visitors)
            #expect(youth.draft.texts[.ar] == .init(name: "العمل مع الشباب", description: "برامج مع الشباب."))

            // A thread in it, found by visitors until the category is for members only (below).
            let author = try await ForumFixtures.member(app, "author@example.org")
            let thread = try await ForumFixtures.thread(app, category: youth.id, author: author.id!).thread
            func audience() async throws -> String? {
                try await (app.db as! any SQLDatabase).raw("SELECT audience FROM forum_search_documents WHERE thread_id = \(bind: thread)")
                    .first()?.decode(column: "audience", as: String.self)
            }
            #expect(try await audience() == "visitors")

            // The edit form holds every language's text; a Russian name is added, the slug kept.
            let form = try await editor.get("/en/forum/categories/youth-work/edit")
            #expect(form.status == .ok && form.text.contains("Travail avec les jeunes") && form.text.contains("name=\"name_ru\""))
            response = try await editor.post("/en/forum/categories/youth-work/edit", [
                "slug": "youth-work", "kind": "theme", "topic": "youth", "visibility": "members",
                "name_en": "Youth work", "name_fr": "Travail avec les jeunes", "name_ru": "Работа с молодёжью",
            ])
            #expect(response.status == .seeOther)
            let edited = try #require(try await ForumCategoryAdmin(database: app.db).find(slug: "youth-work"))
            #expect(edited.draft.texts[.ru]?.name == "Работа с молодёжью" && edited.draft.texts[.ar] == nil)
            #expect(edited.draft.visibility == .members)
            #expect(try await audience() == "members")

            // Order: the last one up, then the first one to position 3.
            try await editor.get("/en/forum/categories")
            #expect(try await editor.post("/en/forum/categories/general-talk/move", ["direction": "up"]).status == .seeOther)
            #expect(try await Self.slugs(app) == ["youth-work", "general-talk", "prisons-desk"])
            #expect(try await editor.post("/en/forum/categories/youth-work/move", ["position": "3"]).status == .seeOther)
            #expect(try await Self.slugs(app) == ["general-talk", "prisons-desk", "youth-work"])
            #expect(try await ForumCategoryAdmin(database: app.db).list().map(\.position) == [1, 2, 3])
            #expect(try await editor.post("/en/forum/categories/youth-work/move", ["position": "first"]).status == .unprocessableEntity)

            let list = try await editor.get("/en/forum/categories")
            #expect(list.text.contains("Youth work") && list.text.contains(app.catalogs.text("forum.visibility.members", .en)))
            let entries = try await AuditLog(database: app.db).entries(limit: 50)
            #expect(entries.filter { $0.action == "forum.category.created" }.count == 3)
            #expect(entries.contains { $0.action == "forum.category.updated" && $0.target == "category:youth-work" && $0.actorEmail == "editor@example.org" })
            #expect(entries.filter { $0.action == "forum.category.moved" }.count == 2)
        }
    }

    @Test(arguments: TestEngine.all)
    func membersAndModeratorsAreRefused(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await ForumFixtures.category(app, "open-talk")
            for (email, roles) in [("member@example.org", [Role.member]), ("moderator@example.org", [.member, .moderator]),
                                   ("focal@example.org", [.member, .focalPoint])] {
                try await ForumFixtures.member(app, email, roles: roles)
                let browser = Browser(app)
                try await browser.signIn(email)
                #expect(try await browser.get("/en/forum/categories").status == .forbidden, "\(email)")
                #expect(try await browser.get("/en/forum/categories/open-talk/edit").status == .forbidden, "\(email)")
                let posted = try await browser.post("/en/forum/categories/new", ["kind": "general", "visibility": "visitors", "name_en": "Mine"])
                #expect(posted.status == .forbidden, "\(email)")
                #expect(try await browser.post("/en/forum/categories/open-talk/delete", [:]).status == .forbidden, "\(email)")
            }
            #expect(try await Self.slugs(app) == ["open-talk"])
        }
    }

    @Test(arguments: TestEngine.all)
    func aCategoryHoldingThreadsIsNotDeleted(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let admin = try await ForumFixtures.member(app, "admin@example.org", roles: [.member, .admin])
            let busy = try await ForumFixtures.category(app, "busy-talk")
            try await ForumFixtures.category(app, "empty-talk")
            try await ForumFixtures.thread(app, category: busy, author: admin.id!)
            let browser = Browser(app)
            try await browser.signIn("admin@example.org")
            try await browser.get("/en/forum/categories")
            let refused = try await browser.post("/en/forum/categories/busy-talk/delete", [:])
            #expect(refused.status == .conflict)
            #expect(refused.text.contains("This category holds threads and cannot be deleted."))
            #expect(try await browser.post("/en/forum/categories/empty-talk/delete", [:]).status == .seeOther)
            #expect(try await Self.slugs(app) == ["busy-talk"])
            #expect(try await AuditLog(database: app.db).entries(action: "forum.category.deleted").map(\.target) == ["category:empty-talk"])
        }
    }

    @Test(arguments: TestEngine.all)
    func aWrongFormIsATranslated4xx(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await ForumFixtures.member(app, "editor@example.org", roles: [.member, .editor])
            try await ForumFixtures.category(app, "taken-talk")
            let browser = Browser(app)
            try await browser.signIn("editor@example.org")
            try await browser.get("/fr/forum/categories/new")
            for (fields, status, message) in [
                (["slug": "Not A Slug", "kind": "general", "visibility": "members", "name_en": "A"], HTTPStatus.unprocessableEntity, "Utilisez uniquement des lettres minuscules"),
                (["kind": "theme", "topic": "", "visibility": "members", "name_en": "A"], .unprocessableEntity, "Choisissez l’un des thèmes."),
                (["kind": "region", "topic": "youth", "visibility": "members", "name_en": "A"], .unprocessableEntity, "Choisissez l’une des régions."),
                (["kind": "general", "visibility": "group", "name_en": "A"], .unprocessableEntity, "Choisissez l’une des options."),
                (["kind": "general", "visibility": "members"], .unprocessableEntity, "Donnez un nom à la catégorie"),
                (["slug": "taken-talk", "kind": "general", "visibility": "members", "name_en": "A"], .conflict, "Une autre catégorie a déjà cette adresse."),
            ] {
                let response = try await browser.post("/fr/forum/categories/new", fields)
                #expect(response.status == status, "\(fields)")
                #expect(response.text.contains(message), "\(fields)")
            }
            #expect(try await Self.slugs(app) == ["taken-talk"])
        }
    }

    /// A group's owner manages its categories under the staff's rules on the group's pages; its
    /// plain members are refused (403), outsiders of the hidden group and staff outside it get a
    /// 404, another group's or the forum's category under this group's path is a 404.
    @Test(arguments: TestEngine.all)
    func groupOwnersEditOrderAndDeleteTheirCategories(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let owner = try await ForumFixtures.member(app, "owner@example.org")
            let member = try await ForumFixtures.member(app, "member@example.org")
            try await ForumFixtures.member(app, "outsider@example.org")
            try await ForumFixtures.member(app, "editor@example.org", roles: [.member, .editor])
            let id = try await ForumFixtures.group(app, "quiet-circle", listed: false, members: [(owner.id!, .owner), (member.id!, .member)])
            let other = try await ForumFixtures.group(app, "other-circle", members: [(owner.id!, .owner)])
            let busy = try await ForumFixtures.category(app, "circle-busy", visibility: .group, group: id, position: 1)
            try await ForumFixtures.category(app, "circle-plans", visibility: .group, group: id, position: 2)
            try await ForumFixtures.category(app, "circle-notes", visibility: .group, group: id, position: 3)
            try await ForumFixtures.category(app, "elsewhere", visibility: .group, group: other)
            try await ForumFixtures.category(app, "public-talk")
            try await ForumFixtures.thread(app, category: busy, author: owner.id!)
            let store = ForumCategoryAdmin(database: app.db)
            func order() async throws -> [String] { try await store.list(groupID: id).map(\.slug) }
            let base = "/en/groups/quiet-circle/categories"

            let browser = Browser(app)
            try await browser.signIn("owner@example.org")
            #expect(try await browser.get("/en/groups/quiet-circle").text.contains(base))
            let list = try await browser.get(base)
            #expect(list.status == .ok && list.text.contains("\(base)/circle-plans/edit") && !list.text.contains("elsewhere"))
            #expect(try await browser.get("\(base)/circle-plans/edit").text.contains("name=\"name_ar\""))
            let arabic = try await browser.get("/ar/groups/quiet-circle/categories")
            #expect(arabic.text.contains("dir=\"rtl\"") && arabic.text.contains("فئات المجموعة") && arabic.text.contains("/ar/groups/quiet-circle"))
            var response = try await browser.post("\(base)/circle-plans/edit", ["name_en": "Plans", "name_ar": "الخطط", "description_fr": "Sans nom"])
            #expect(response.status == .unprocessableEntity && response.text.contains("A description needs a name in the same language."))
            response = try await browser.post("\(base)/circle-plans/edit", ["name_en": "Plans", "name_ar": "الخطط", "description_ar": "مواعيد"])
            #expect(response.status == .seeOther && response.headers.first(name: .location) == "\(base)?done=saved")
            let plans = try #require(try await store.find(slug: "circle-plans"))
            #expect(plans.draft.texts[.ar] == .init(name: "الخطط", description: "مواعيد") && plans.draft.visibility == .group && plans.draft.groupID == id)

            #expect(try await browser.post("\(base)/circle-notes/move", ["direction": "up"]).status == .seeOther)
            #expect(try await order() == ["circle-busy", "circle-notes", "circle-plans"])
            #expect(try await browser.post("\(base)/circle-plans/move", ["position": "1"]).status == .seeOther)
            #expect(try await order() == ["circle-plans", "circle-busy", "circle-notes"])
            #expect(try await store.list(groupID: id).map(\.position) == [1, 2, 3])
            #expect(try await browser.post("\(base)/circle-plans/move", [:]).status == .unprocessableEntity)

            response = try await browser.post("\(base)/circle-busy/delete", [:])
            #expect(response.status == .conflict && response.text.contains("This category holds threads and cannot be deleted."))
            #expect(try await browser.post("\(base)/circle-notes/delete", [:]).status == .seeOther)
            #expect(try await order() == ["circle-plans", "circle-busy"])
            #expect(try await store.list(groupID: id).map(\.position) == [1, 2])
            for slug in ["elsewhere", "public-talk"] {
                #expect(try await browser.get("\(base)/\(slug)/edit").status == .notFound, "\(slug)")
                #expect(try await browser.post("\(base)/\(slug)/delete", [:]).status == .notFound, "\(slug)")
            }
            #expect(try await store.find(slug: "elsewhere") != nil)
            #expect(try await store.find(slug: "public-talk") != nil)
            let audit = AuditLog(database: app.db)
            #expect(try await audit.entries(action: "group.category.updated").map(\.target) == ["category:circle-plans"])
            #expect(try await audit.entries(action: "group.category.moved").count == 2)
            #expect(try await audit.entries(action: "group.category.deleted").map(\.target) == ["category:circle-notes"])

            // Everyone else: a member of the group is refused, those outside the hidden group find nothing.
            for (email, status) in [("member@example.org", HTTPStatus.forbidden), ("outsider@example.org", .notFound), ("editor@example.org", .notFound)] {
                let someone = Browser(app)
                try await someone.signIn(email)
                try await someone.get("/en/account")
                #expect(try await someone.get(base).status == status, "\(email)")
                #expect(try await someone.get("\(base)/circle-plans/edit").status == status, "\(email)")
                #expect(try await someone.post("\(base)/circle-plans/edit", ["name_en": "Taken"]).status == status, "\(email)")
                #expect(try await someone.post("\(base)/circle-plans/move", ["direction": "down"]).status == status, "\(email)")
                #expect(try await someone.post("\(base)/circle-plans/delete", [:]).status == status, "\(email)")
            }
            // Staff who may know of a listed group, but are not in it, manage its membership, never
            // its categories: their names and threads are the group's. (Another editor: a second
            // sign-in within the same 30 seconds would replay the first one's code.)
            try await ForumFixtures.member(app, "editor2@example.org", roles: [.member, .editor])
            let editor = Browser(app)
            try await editor.signIn("editor2@example.org")
            try await editor.get("/en/account")
            #expect(try await editor.get("/en/groups/other-circle/categories").status == .forbidden)
            #expect(try await editor.get("/en/groups/other-circle/categories/new").status == .forbidden)
            #expect(!(try await editor.get("/en/groups/other-circle").text.contains("/en/groups/other-circle/categories")))
            #expect(try await order() == ["circle-plans", "circle-busy"])
            #expect(try await store.find(slug: "circle-plans")?.draft.texts[.en]?.name == "Plans")
        }
    }
}
