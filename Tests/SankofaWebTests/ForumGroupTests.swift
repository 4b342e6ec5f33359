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

/// Working groups through their pages: the life of a group (create, invite, accept, ask, accept,
/// leave, remove) with access lost at once, hidden and listed groups as outsiders see them, a
/// group hidden by its owner, the last owner, and who may invite. Both engines.
@Suite("Working groups")
struct ForumGroupTests {
    /// Signs `email` in, in a browser of its own.
    static func browser(_ app: Application, _ email: String) async throws -> Browser {
        let browser = Browser(app)
        try await browser.signIn(email)
        return browser
    }

    static func kinds(_ app: Application, _ user: UserModel) async throws -> [String] {
        try await (app.db as! any SQLDatabase).raw("SELECT kind FROM notifications WHERE user_id = \(bind: user.id!) ORDER BY id")
            .all().map { try $0.decode(column: "kind", as: String.self) }
    }

    static func actions(_ app: Application) async throws -> Set<String> {
        Set(try await AuditLog(database: app.db).entries(limit: 500).map(\.action))
    }

    @Test(arguments: TestEngine.all)
    func aGroupsLifeAndAccessLostAtOnce(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let owner = try await ForumFixtures.member(app, "owner@example.org", roles: [.member, .focalPoint])
            let alice = try await ForumFixtures.member(app, "alice@example.org")
            let bob = try await ForumFixtures.member(app, "bob@example.org")
            let ownerBrowser = try await Self.browser(app, "owner@example.org")

            // Created by a focal point, who becomes its owner.
            try await ownerBrowser.get("/en/groups/new")
            var response = try await ownerBrowser.post("/en/groups/new", ["name": "Exchange on prisons", "purpose": "Preparing the visit.",
                                                                          "language": "en", "visibility": "listed"])
            #expect(response.status == .seeOther)
            #expect(response.headers.first(name: .location) == "/en/groups/exchange-on-prisons")
            let group = try #require(try await ForumGroups(database: app.db).find(slug: "exchange-on-prisons"))
            #expect(try await ForumGroups(database: app.db).standing(of: owner.id!, in: group.id)! == (.owner, .active))

            // Alice is invited by her forum handle, told, and accepts; the owner hears of it.
            let handle = try await (app.db as! any SQLDatabase).raw("SELECT handle FROM forum_members WHERE user_id = \(bind: alice.id!)")
                .first()!.decode(column: "handle", as: String.self)
            try await ownerBrowser.get("/en/groups/exchange-on-prisons/members")
            response = try await ownerBrowser.post("/en/groups/exchange-on-prisons/members", ["invitee": "@\(handle)"])
            #expect(response.status == .seeOther)
            #expect(try await Self.kinds(app, alice) == ["groupInvitation"])
            let aliceBrowser = try await Self.browser(app, "alice@example.org")
            #expect(try await aliceBrowser.get("/en/groups/exchange-on-prisons").text.contains("You are invited to join this group."))
            response = try await aliceBrowser.post("/en/groups/exchange-on-prisons/answer", ["answer": "accept"])
            #expect(response.status == .seeOther)
            #expect(try await Self.kinds(app, owner) == ["groupAccepted"])

            // Bob asks; the owner is told and accepts; Bob is told.
            let bobBrowser = try await Self.browser(app, "bob@example.org")
            try await bobBrowser.get("/en/groups")
            #expect(try await bobBrowser.post("/en/groups/exchange-on-prisons/join", [:]).status == .seeOther)
            #expect(try await Self.kinds(app, owner) == ["groupAccepted", "groupRequest"])
            try await ownerBrowser.get("/en/groups/exchange-on-prisons/members")
            response = try await ownerBrowser.post("/en/groups/exchange-on-prisons/members/\(bob.id!.uuidString)", ["action": "accept"])
            #expect(response.status == .seeOther)
            #expect(try await Self.kinds(app, bob) == ["groupAccepted"])

            // The owner makes a category of the group; Alice starts a thread in it.
            try await ownerBrowser.get("/en/groups/exchange-on-prisons/categories/new")
            response = try await ownerBrowser.post("/en/groups/exchange-on-prisons/categories/new",
                                                   ["name_en": "Planning", "description_en": "Dates and people.", "name_fr": "Organisation"])
            #expect(response.status == .seeOther)
            let category = try #require(try await ForumCategoryAdmin(database: app.db).list(groupID: group.id).first)
            #expect(category.draft.visibility == .group && category.draft.texts[.fr]?.name == "Organisation")
            let thread = try await ForumFixtures.thread(app, category: category.id, author: alice.id!, title: "Visit dates in March")
            let threadPath = "/en/forum/threads/\(thread.thread)", categoryPath = "/en/forum/c/\(category.slug)"
            #expect(try await bobBrowser.get(threadPath).status == .ok)
            #expect(try await bobBrowser.get(categoryPath).status == .ok)
            #expect(try await bobBrowser.get("/en/groups/exchange-on-prisons").text.contains("Visit dates in March"))

            // Bob watches the category and has a notification of the group; he leaves: at once the
            // thread, the category and the group's threads are closed to him, and both are gone.
            let sql = app.db as! any SQLDatabase
            try await sql.raw("""
                INSERT INTO forum_watches (user_id, target_kind, target_id, level) VALUES (\(bind: bob.id!), 'category', \(bind: category.id), 'watching')
                """).run()
            #expect(try await bobBrowser.post("/en/groups/exchange-on-prisons/leave", [:]).status == .seeOther)
            #expect(try await bobBrowser.get(threadPath).status == .notFound)
            #expect(try await bobBrowser.get(categoryPath).status == .notFound)
            #expect(!(try await bobBrowser.get("/en/groups/exchange-on-prisons").text.contains("Visit dates in March")))
            #expect(try await sql.raw("SELECT 1 AS x FROM forum_watches WHERE user_id = \(bind: bob.id!)").all().isEmpty)
            #expect(try await Self.kinds(app, bob).isEmpty)

            // Alice is removed by the owner: the same, at once.
            #expect(try await aliceBrowser.get(threadPath).status == .ok)
            try await ownerBrowser.get("/en/groups/exchange-on-prisons/members")
            response = try await ownerBrowser.post("/en/groups/exchange-on-prisons/members/\(alice.id!.uuidString)", ["action": "remove"])
            #expect(response.status == .seeOther)
            #expect(try await aliceBrowser.get(threadPath).status == .notFound)
            #expect(try await ForumGroups(database: app.db).members(of: group.id).map(\.userID) == [owner.id!])

            let actions = try await Self.actions(app)
            for action in ["group.created", "group.invited", "group.invitation.accepted", "group.requested", "group.request.accepted",
                           "group.category.created", "group.left", "group.removed"] {
                #expect(actions.contains(action), "\(action)")
            }
        }
    }

    @Test(arguments: TestEngine.all)
    func aHiddenGroupIsANotFoundToOutsidersEditorsIncluded(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let owner = try await ForumFixtures.member(app, "owner@example.org")
            let invited = try await ForumFixtures.member(app, "invited@example.org")
            try await ForumFixtures.member(app, "outsider@example.org")
            try await ForumFixtures.member(app, "editor@example.org", roles: [.member, .editor])
            try await ForumFixtures.member(app, "admin@example.org", roles: [.member, .admin])
            let id = try await ForumFixtures.group(app, "quiet-circle", listed: false, members: [(owner.id!, .owner)])
            try await ForumFixtures.join(app, group: id, user: invited.id!, state: .invited)
            let category = try await ForumFixtures.category(app, "quiet-planning", visibility: .group, group: id)
            try await ForumFixtures.thread(app, category: category, author: owner.id!, title: "Sensitive itinerary")

            var outsiders = [Browser(app)]
            for email in ["outsider@example.org", "editor@example.org"] { outsiders.append(try await Self.browser(app, email)) }
            for browser in outsiders {
                #expect(!(try await browser.get("/en/groups").text.contains("Group quiet-circle")))
                for path in ["/en/groups/quiet-circle", "/en/groups/quiet-circle/members"] where browser.cookie != nil || !path.hasSuffix("members") {
                    #expect(try await browser.get(path).status == .notFound, "\(path)")
                }
                if browser.cookie != nil {
                    try await browser.get("/en/account")  // a page with a form, for its token
                    #expect(try await browser.post("/en/groups/quiet-circle/join", [:]).status == .notFound)
                    #expect(try await browser.post("/en/groups/quiet-circle/members", ["invitee": "outsider@example.org"]).status == .notFound)
                }
            }
            #expect(try await ForumGroups(database: app.db).members(of: id).count == 2)

            // The invited person knows of it (to answer), but reads none of it.
            let invitedBrowser = try await Self.browser(app, "invited@example.org")
            #expect(try await invitedBrowser.get("/en/groups").text.contains("Group quiet-circle"))
            let invitedPage = try await invitedBrowser.get("/en/groups/quiet-circle")
            #expect(invitedPage.status == .ok && !invitedPage.text.contains("Sensitive itinerary"))

            // Admins see it, to manage it, but not its discussions.
            let admin = try await Self.browser(app, "admin@example.org")
            #expect(try await admin.get("/en/groups").text.contains("Group quiet-circle"))
            let page = try await admin.get("/en/groups/quiet-circle")
            #expect(page.status == .ok && !page.text.contains("Sensitive itinerary"))
            #expect(try await admin.get("/en/groups/quiet-circle/members").status == .ok)
        }
    }

    @Test(arguments: TestEngine.all)
    func aListedGroupShowsOutsidersItsNameAndPurposeOnly(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let owner = try await ForumFixtures.member(app, "owner@example.org")
            let member = try await ForumFixtures.member(app, "insider@example.org")
            try await ForumFixtures.member(app, "outsider@example.org")
            let id = try await ForumFixtures.group(app, "open-circle", members: [(owner.id!, .owner), (member.id!, .member)])
            let category = try await ForumFixtures.category(app, "open-circle-notes", visibility: .group, group: id, names: [.en: "Circle notes"])
            try await ForumFixtures.thread(app, category: category, author: owner.id!, title: "Draft agenda")

            let outsider = try await Self.browser(app, "outsider@example.org")
            for browser in [Browser(app), outsider] {
                let page = try await browser.get("/en/groups/open-circle")
                #expect(page.status == .ok)
                #expect(page.text.contains("Group open-circle") && page.text.contains("Purpose of open-circle"))
                for secret in ["Draft agenda", "Circle notes", "Insider", "2 members"] { #expect(!page.text.contains(secret), "\(secret)") }
                #expect(!(try await browser.get("/en/groups").text.contains("2 members")))
            }
            #expect(try await outsider.get("/en/groups/open-circle").text.contains("/en/groups/open-circle/join"))
            #expect(try await outsider.get("/en/groups/open-circle/members").status == .notFound)

            let insider = try await Self.browser(app, "insider@example.org")
            let page = try await insider.get("/en/groups/open-circle")
            #expect(page.text.contains("Draft agenda") && page.text.contains("Circle notes") && page.text.contains("Owner"))
            #expect(try await insider.get("/en/groups").text.contains("2 members"))
        }
    }

    @Test(arguments: TestEngine.all)
    func anOwnerHidesTheGroupAndOutsidersLoseSightOfIt(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let owner = try await ForumFixtures.member(app, "owner@example.org")
            let member = try await ForumFixtures.member(app, "member@example.org")
            try await ForumFixtures.member(app, "outsider@example.org")
            let id = try await ForumFixtures.group(app, "turning-circle", members: [(owner.id!, .owner), (member.id!, .member)])
            let outsider = try await Self.browser(app, "outsider@example.org")
            #expect(try await outsider.get("/en/groups/turning-circle").status == .ok)

            let plain = try await Self.browser(app, "member@example.org")
            try await plain.get("/en/groups/turning-circle")
            let fields = ["name": "Turning circle", "purpose": "Now private.", "language": "fr", "visibility": "hidden"]
            #expect(try await plain.post("/en/groups/turning-circle/edit", fields).status == .forbidden)

            let browser = try await Self.browser(app, "owner@example.org")
            #expect(try await browser.get("/en/groups/turning-circle/edit").text.contains("Purpose of turning-circle"))
            #expect(try await browser.post("/en/groups/turning-circle/edit", ["name": "", "purpose": "x", "language": "fr", "visibility": "hidden"])
                .status == .unprocessableEntity)
            #expect(try await browser.post("/en/groups/turning-circle/edit", fields).status == .seeOther)
            let group = try #require(try await ForumGroups(database: app.db).find(id: id))
            #expect(group.name == "Turning circle" && group.language == .fr && !group.listed && group.slug == "turning-circle")
            #expect(try await outsider.get("/en/groups/turning-circle").status == .notFound)
            #expect(!(try await outsider.get("/en/groups").text.contains("Turning circle")))
            #expect(try await plain.get("/en/groups/turning-circle").status == .ok)
            #expect(try await AuditLog(database: app.db).entries(action: "group.updated").map(\.target) == ["group:turning-circle"])
        }
    }

    @Test(arguments: TestEngine.all)
    func theLastOwnerCannotLeaveWithoutNamingAnother(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let owner = try await ForumFixtures.member(app, "owner@example.org")
            let member = try await ForumFixtures.member(app, "member@example.org")
            let id = try await ForumFixtures.group(app, "small-circle", members: [(owner.id!, .owner), (member.id!, .member)])
            let browser = try await Self.browser(app, "owner@example.org")
            try await browser.get("/en/groups/small-circle")
            var response = try await browser.post("/en/groups/small-circle/leave", [:])
            #expect(response.status == .conflict)
            #expect(response.text.contains("The group&#39;s last owner cannot leave") || response.text.contains("The group's last owner cannot leave"))
            response = try await browser.post("/en/groups/small-circle/members/\(owner.id!.uuidString)", ["action": "demote"])
            #expect(response.status == .conflict)
            response = try await browser.post("/en/groups/small-circle/leave", ["successor": UUID().uuidString])
            #expect(response.status == .unprocessableEntity)
            let store = ForumGroups(database: app.db)
            #expect(try await store.standing(of: owner.id!, in: id)! == (.owner, .active))

            response = try await browser.post("/en/groups/small-circle/leave", ["successor": member.id!.uuidString])
            #expect(response.status == .seeOther)
            #expect(try await store.standing(of: owner.id!, in: id) == nil)
            #expect(try await store.standing(of: member.id!, in: id)! == (.owner, .active))
        }
    }

    @Test(arguments: TestEngine.all)
    func aFocalPointMemberMayInviteAPlainMemberMayNot(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let owner = try await ForumFixtures.member(app, "owner@example.org")
            let focal = try await ForumFixtures.member(app, "focal@example.org", roles: [.member, .focalPoint])
            let plain = try await ForumFixtures.member(app, "plain@example.org")
            try await ForumFixtures.member(app, "outsidefocal@example.org", roles: [.member, .focalPoint])
            let guest = try await ForumFixtures.member(app, "guest@example.org")
            try await ForumFixtures.member(app, "other@example.org")
            try await TestUsers.make(app, "applicant@example.org", roles: [], status: .pending)
            let id = try await ForumFixtures.group(app, "mixed-circle", members: [(owner.id!, .owner), (focal.id!, .member), (plain.id!, .member)])
            let store = ForumGroups(database: app.db)

            let plainBrowser = try await Self.browser(app, "plain@example.org")
            try await plainBrowser.get("/en/groups/mixed-circle/members")
            #expect(try await plainBrowser.post("/en/groups/mixed-circle/members", ["invitee": "guest@example.org"]).status == .forbidden)
            #expect(try await store.standing(of: guest.id!, in: id) == nil)

            let outside = try await Self.browser(app, "outsidefocal@example.org")
            try await outside.get("/en/account")
            #expect(try await outside.post("/en/groups/mixed-circle/members", ["invitee": "guest@example.org"]).status == .notFound)

            let focalBrowser = try await Self.browser(app, "focal@example.org")
            let page = try await focalBrowser.get("/en/groups/mixed-circle/members")
            #expect(page.text.contains("name=\"invitee\""))
            #expect(try await focalBrowser.post("/en/groups/mixed-circle/members", ["invitee": "GUEST@example.org"]).status == .seeOther)
            #expect(try await store.standing(of: guest.id!, in: id)?.state == .invited)

            // Someone with a standing already, an applicant, an unknown address: each a clear 4xx.
            for (invitee, status, message) in [("guest@example.org", HTTPStatus.conflict, "already a member, invited"),
                                               ("applicant@example.org", .unprocessableEntity, "No vetted member"),
                                               ("nobody@example.org", .unprocessableEntity, "No vetted member")] {
                let response = try await focalBrowser.post("/en/groups/mixed-circle/members", ["invitee": invitee])
                #expect(response.status == status, "\(invitee)")
                #expect(response.text.contains(message), "\(invitee)")
            }
            // A focal point may invite but not manage: answering, removing and promoting stay the owners'.
            #expect(try await focalBrowser.post("/en/groups/mixed-circle/members/\(plain.id!.uuidString)", ["action": "remove"]).status == .forbidden)
        }
    }

    /// A person who asked withdraws from the group's page (and the list offers it too): no standing
    /// left, the owners' notices of the request gone, an audit line; an invitee answers from both.
    @Test(arguments: TestEngine.all)
    func aRequestIsWithdrawnAndAnInvitationAnsweredFromTheGroupPages(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let owner = try await ForumFixtures.member(app, "owner@example.org")
            let bob = try await ForumFixtures.member(app, "bob@example.org")
            let carol = try await ForumFixtures.member(app, "carol@example.org")
            let id = try await ForumFixtures.group(app, "open-circle", members: [(owner.id!, .owner)])
            let store = ForumGroups(database: app.db)

            let bobBrowser = try await Self.browser(app, "bob@example.org")
            try await bobBrowser.get("/en/groups")
            #expect(try await bobBrowser.post("/en/groups/open-circle/join", [:]).status == .seeOther)
            #expect(try await Self.kinds(app, owner) == ["groupRequest"])
            let page = try await bobBrowser.get("/en/groups/open-circle")
            #expect(page.text.contains("action=\"/en/groups/open-circle/withdraw\"") && page.text.contains("Withdraw my request"))
            #expect(try await bobBrowser.get("/en/groups").text.contains("action=\"/en/groups/open-circle/withdraw\""))
            let response = try await bobBrowser.post("/en/groups/open-circle/withdraw", [:])
            #expect(response.status == .seeOther && response.headers.first(name: .location) == "/en/groups/open-circle?done=withdrawn")
            #expect(try await bobBrowser.get("/en/groups/open-circle?done=withdrawn").text.contains("Your request has been withdrawn."))
            #expect(try await store.standing(of: bob.id!, in: id) == nil)
            #expect(try await Self.kinds(app, owner).isEmpty)
            #expect(try await AuditLog(database: app.db).entries(action: "group.request.withdrawn").map(\.target) == ["group:open-circle"])
            #expect(try await bobBrowser.post("/en/groups/open-circle/withdraw", [:]).status == .notFound)
            #expect(try await bobBrowser.get("/en/groups/open-circle").text.contains("action=\"/en/groups/open-circle/join\""))

            // An invitee has the answer on the group's page and in the list, and nothing to withdraw.
            try await ForumFixtures.join(app, group: id, user: carol.id!, state: .invited)
            let carolBrowser = try await Self.browser(app, "carol@example.org")
            for path in ["/en/groups/open-circle", "/en/groups"] {
                let text = try await carolBrowser.get(path).text
                #expect(text.contains("action=\"/en/groups/open-circle/answer\"") && text.contains("value=\"decline\""), "\(path)")
            }
            #expect(try await carolBrowser.post("/en/groups/open-circle/withdraw", [:]).status == .notFound)
            #expect(try await store.standing(of: carol.id!, in: id)?.state == .invited)
        }
    }

    /// Notifications of a group lead to its page for those who may know of it; a hidden group's
    /// address never reaches anyone else (a link to the groups list instead).
    @Test(arguments: TestEngine.all)
    func groupNotificationsLinkToTheGroupsOwnPage(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let owner = try await ForumFixtures.member(app, "owner@example.org")
            try await ForumFixtures.member(app, "alice@example.org")
            let outsider = try await ForumFixtures.member(app, "outsider@example.org")
            let id = try await ForumFixtures.group(app, "quiet-circle", listed: false, members: [(owner.id!, .owner)])
            let ownerBrowser = try await Self.browser(app, "owner@example.org")
            try await ownerBrowser.get("/en/groups/quiet-circle/members")
            #expect(try await ownerBrowser.post("/en/groups/quiet-circle/members", ["invitee": "alice@example.org"]).status == .seeOther)
            let alice = try await Self.browser(app, "alice@example.org")
            #expect(try await alice.get("/en/notifications").text.contains("href=\"/en/groups/quiet-circle\""))

            // A notice of the group held by someone with no standing in it (none is written so, but
            // the read must not rely on that): the list of groups, not the hidden group's address.
            try await Notifications(database: app.db).add(.init(userID: outsider.id!, kind: .groupInvitation, groupID: id, detail: "x",
                                                                now: Int(Date().timeIntervalSince1970)))
            let text = try await Self.browser(app, "outsider@example.org").get("/en/notifications").text
            #expect(text.contains("href=\"/en/groups\"") && !text.contains("quiet-circle"))
        }
    }
}
