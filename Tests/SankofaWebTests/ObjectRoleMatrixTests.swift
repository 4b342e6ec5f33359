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

/// Every object type × every state × every kind of reader: what the access policy allows is what
/// the site does, and a refusal looks exactly like an object that does not exist. The route × role
/// matrix asks "may this role use this route"; this one asks "may this person touch this record".
/// A feature that adds a route naming a record adds its object type to `kinds` (or says in
/// `elsewhere` where its access is tested): the test fails otherwise.
@Suite("Object × role matrix")
struct ObjectRoleMatrixTests {
    enum Who: String, CaseIterable, Sendable {
        /// `author` wrote the practices and owns the profile that has an owner among those tried.
        case visitor, author, otherMember, translator, editor, admin
        /// Every role once, then disabled with its session still open: roles of a disabled account count for nothing.
        case disabled

        var roles: [Role] {
            switch self {
            case .visitor: []
            case .author, .otherMember: [.member]
            case .translator: [.member, .translator]
            case .editor: [.member, .editor]
            case .admin: [.member, .admin]
            case .disabled: [.member, .translator, .editor, .admin]
            }
        }
    }

    enum Action: String, CaseIterable, Sendable { case read, edit, translate, review }

    /// One way an action is tried: a request on a route of the route table. Posts carry incomplete
    /// data, so an allowed one is a 422 that changes nothing.
    struct Probe: Sendable {
        var method: HTTPMethod
        var route: SiteURL.Route
        var path: String
        var form: [String: String] = [:]
    }

    /// One record in one state, and who may do what to it (as the policy's question and as the
    /// expected answer, written out so a change to the policy shows here).
    struct Object: Sendable {
        var state: String
        var slug: String
        var allowed: [Action: Set<Who>]
        var permission: @Sendable (Action) -> Permission
    }

    /// An object type: records in each of its states (made for the test; `author`'s where owned)
    /// and how each action is tried on one.
    struct Kind: Sendable {
        var name: String
        var make: @Sendable (Application, _ author: UUID) async throws -> [Object]
        var probes: @Sendable (Action, Object) -> [Probe]
        /// A name no record of this kind has, for the answer a refusal must look like.
        var unknown: String { "no-such-\(name)" }
    }

    static let kinds: [Kind] = [.practices, .profiles, .editions]

    /// Routes naming a record that no kind above tries (by pattern), each with where its access is tested.
    static let elsewhere: [String: String] = [
        "/:lang/indicators/:slug": "an indicator is no record: every reader, its small figures suppressed by role (IndicatorRoleWalkTests)",
        "/api/v1/indicators/:slug": "an indicator is no record: every reader, its small figures suppressed by role (IndicatorRoleWalkTests)",
        "/api/v1/practices/:slug": "the API serves published practices only, to everyone (APITests)",
        "/:lang/experts/:slug/contact": "writing to a profile one may read: route × role matrix, ExpertContactAndEndorsementTests",
        "/:lang/experts/:slug/endorse": "endorsing: focal points of the expert's country (route × role matrix)",
        "/:lang/experts/:slug/endorse/withdraw": "endorsing: focal points of the expert's country (route × role matrix)",
        "/:lang/centres/:slug": "centres have no status or owner: public once saved",
        "/api/v1/centres/:slug": "centres have no status or owner: public once saved",
        "/:lang/centres/:slug/edit": "staff only (route × role matrix)",
        "/:lang/translate/centres/:slug/:target": "translators and staff (route × role matrix)",
        "/:lang/courses/:slug": "courses have no status or owner: public once saved",
        "/api/v1/courses/:slug": "courses have no status or owner: public once saved",
        "/:lang/courses/:slug/edit": "staff, and focal points of the course's country (route × role matrix)",
        "/:lang/translate/courses/:slug/:target": "translators, staff and focal points of the course's country (route × role matrix)",
        "/:lang/handbook/:edition/:chapter": "the same edition check as its contents page (HandbookController.visibleEdition)",
        "/handbook/:edition/:file": "the same edition check as its contents page (HandbookController.visibleEdition)",
        "/:lang/editions/:edition/compile": "the editions manager: staff only (route × role matrix)",
        "/:lang/editions/:edition/publish": "the editions manager: staff only (route × role matrix)",
        "/:lang/admin/vetting/:user": "applicants: admins and focal points of their country (route × role matrix, AccountsTests)",
        "/:lang/admin/users/:user": "accounts: admins only (route × role matrix)",
        "/:lang/admin/claims/:slug": "claims to a profile: staff, and focal points of the profile's country (route × role matrix, ProfileClaimTests)",
        "/:lang/groups/:group/members/:user": "a person's standing in a working group: its managers only, a 404 to anyone who may not know the group (ForumGroupTests)",
        "/:lang/moderation/members/:user": "silencing a forum member: moderators and admins only (route × role matrix, ForumModerationTests)",
        // The forum's records: every category type (visitors, members, a group one is in, one one is not)
        // × every kind of reader in ForumObjectRoleTests; what lists and counts them in ForumIsolationTests.
        "/:lang/forum/c/:category": "forum category page (ForumObjectRoleTests)",
        "/:lang/forum/c/:category/new": "starting a thread (ForumObjectRoleTests)",
        "/:lang/forum/threads/:thread": "forum thread page (ForumObjectRoleTests)",
        "/:lang/forum/threads/:thread/reply": "replying (ForumObjectRoleTests)",
        "/:lang/forum/posts/:post": "a post's permanent link (ForumObjectRoleTests)",
        "/:lang/forum/posts/:post/edit": "editing another's post: moderators who read it (ForumObjectRoleTests); its author (ForumThreadTests)",
        "/:lang/forum/posts/:post/history": "a post's earlier versions: moderators who read it (ForumObjectRoleTests)",
        "/:lang/forum/posts/:post/flag": "flagging: members who read it (ForumObjectRoleTests, ForumModerationTests)",
        "/:lang/forum/threads/:thread/moderate": "moderating a thread: moderators who read it, a group's owners (ForumObjectRoleTests, ForumModerationTests)",
        "/api/v1/forum/categories/:category/threads": "categories open to visitors only, whoever asks (ForumObjectRoleTests, ForumAPITests)",
        "/api/v1/forum/threads/:thread": "threads of categories open to visitors only, whoever asks (ForumObjectRoleTests, ForumAPITests)",
        "/:lang/forum/attachments/:attachment/:filename": "the same rule as its post (ForumAttachmentTests, ForumIsolationTests)",
        "/:lang/forum/c/:category/feed.atom": "categories open to visitors only, whoever asks (ForumFeedTests, ForumIsolationTests)",
        "/:lang/forum/threads/:thread/watch": "watching what one may read (ForumNotificationTests)",
        "/:lang/forum/c/:category/watch": "watching what one may read (ForumNotificationTests)",
        "/:lang/notifications/:notification/read": "one's own notifications only (ForumNotificationTests)",
        "/:lang/moderation/posts/:post": "the moderators' queue: moderators who read the post, a group's owners (route × role matrix, ForumModerationTests)",
        "/:lang/forum/categories/:category/edit": "category management: staff only (route × role matrix, ForumCategoryAdminTests)",
        "/:lang/forum/categories/:category/move": "category management: staff only (route × role matrix, ForumCategoryAdminTests)",
        "/:lang/forum/categories/:category/delete": "category management: staff only (route × role matrix, ForumCategoryAdminTests)",
        "/:lang/groups/:group": "a working group: listed ones to everyone, hidden ones to those it knows (ForumGroupTests)",
        "/:lang/groups/:group/join": "asking to join a listed group (ForumGroupTests)",
        "/:lang/groups/:group/answer": "answering one's invitation (ForumGroupTests)",
        "/:lang/groups/:group/leave": "leaving (ForumGroupTests; what is lost, ForumIsolationTests)",
        "/:lang/groups/:group/members": "a group's members: its managers (ForumGroupTests)",
        "/:lang/groups/:group/categories/new": "a group's categories: its managers (ForumGroupTests, ForumCategoryAdminTests)",
        "/:lang/groups/:group/edit": "changing a group: its managers (ForumGroupTests)",
        "/:lang/groups/:group/categories": "a group's categories, listed to manage: its managers, 403 to its members, 404 to outsiders of a hidden group (ForumCategoryAdminTests)",
        "/:lang/groups/:group/categories/:category/edit": "editing a group's category: its managers; another group's or the forum's category a 404 (ForumCategoryAdminTests)",
        "/:lang/groups/:group/categories/:category/move": "ordering a group's categories: its managers (ForumCategoryAdminTests)",
        "/:lang/groups/:group/categories/:category/delete": "deleting a group's empty category: its managers (ForumCategoryAdminTests)",
        "/:lang/groups/:group/withdraw": "withdrawing one's own request to join (ForumGroupTests)",
        // The cooperation cycle: every permission × every kind of reader as a table (CooperationPolicyTests); each
        // record's fields × every reader on pages, lists, feeds, search, API and notices (CooperationIsolationTests).
        "/:lang/requests/:request": "a request: its visibility × status × reader (CooperationPolicyTests, CooperationIsolationTests)",
        "/:lang/requests/:request/edit": "changing a request: its requester while draft or submitted, staff until closed (CooperationPolicyTests, CooperationIsolationTests)",
        "/:lang/requests/:request/step": "a life-cycle step: who may take each from each status (CooperationPolicyTests, the requests' own tests)",
        "/:lang/requests/:request/comments": "comments: requester, staff, the country's focal point (CooperationPolicyTests, CooperationIsolationTests)",
        "/:lang/requests/:request/matches": "explained matches: staff and the country's focal point (CooperationPolicyTests, CooperationIsolationTests)",
        "/:lang/requests/:request/matches/:match/invite": "inviting: staff and the country's focal point (CooperationPolicyTests, the matching tests)",
        "/:lang/invitations/:match": "answering one's own invitation only (CooperationPolicyTests, the matching tests)",
        "/:lang/exchanges/:exchange": "an exchange: summary to members, public summary to all once agreed, details to those involved (CooperationIsolationTests)",
        "/:lang/exchanges/:exchange/edit": "managing an exchange: staff and focal points of its countries (CooperationPolicyTests, CooperationIsolationTests)",
        "/:lang/exchanges/:exchange/status": "managing an exchange: staff and focal points of its countries (CooperationPolicyTests, CooperationIsolationTests)",
        "/:lang/exchanges/:exchange/agree": "agreeing for a side: its people, focal points and staff (CooperationPolicyTests, CooperationIsolationTests)",
        "/:lang/exchanges/:exchange/contributions/new": "contributions: those involved and staff (CooperationPolicyTests, CooperationIsolationTests)",
        "/:lang/exchanges/:exchange/contributions/:contribution/edit": "contributions: those involved and staff (CooperationPolicyTests, the contributions' tests)",
        "/:lang/exchanges/:exchange/contributions/:contribution/delete": "contributions: those involved and staff (CooperationPolicyTests, the contributions' tests)",
        "/:lang/exchanges/:exchange/reports/:side": "a side's outcome report: that side's people, focal points and staff (CooperationPolicyTests, CooperationIsolationTests)",
        "/:lang/exchanges/:exchange/reports/:side/follow-up": "a side's follow-up: as its report (CooperationPolicyTests, the reports' tests)",
        "/api/v1/exchanges/:exchange": "public summaries only, whoever asks; others answer as unknown numbers (CooperationIsolationAPITests)",
    ]

    @Test("ASVS 8.2.2 data-specific access: every object in every state for every kind of reader, over HTTP",
          arguments: TestEngine.all)
    func everyObjectForEveryone(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            var browsers: [Who: Browser] = [:], actors: [Who: Actor] = [:], authorID: UUID?
            for who in Who.allCases {
                let browser = Browser(app)
                if who == .visitor {
                    try await browser.get("/en/account/login")
                    actors[who] = .visitor
                } else {
                    let user = try await TestUsers.make(app, "\(who.rawValue)@example.org", roles: who.roles)
                    try await browser.signIn("\(who.rawValue)@example.org")
                    if who == .author { authorID = user.id }
                    if who == .disabled {
                        // Straight in the database, leaving its session open: the policy must refuse on its own.
                        user.status = AccountStatus.disabled.rawValue
                        try await user.save(on: app.db)
                    }
                    actors[who] = try await UserModel.find(user.id, on: app.db)!.actor
                }
                browsers[who] = browser
            }
            var tried: Set<SiteURL.Route> = []
            for kind in Self.kinds {
                for object in try await kind.make(app, authorID!) {
                    for action in Action.allCases {
                        let probes = kind.probes(action, object)
                        tried.formUnion(probes.map(\.route))
                        guard !probes.isEmpty else { continue }
                        let allowed = object.allowed[action] ?? []
                        for who in Who.allCases {
                            let cell = "\(action) \(kind.name) \(object.state) as \(who)"
                            #expect(AccessPolicy.allows(actors[who]!, object.permission(action)) == allowed.contains(who), "policy: \(cell)")
                            for probe in probes {
                                try await Self.check(probe, kind: kind, object: object, browser: browsers[who]!, allowed: allowed.contains(who), cell)
                            }
                        }
                    }
                }
            }
            let named = SiteURL.Route.allCases.filter { route in ["slug", "edition", "user", "category", "thread", "post", "attachment", "group", "notification", "request", "exchange", "match", "contribution"].contains { route.pattern.contains(":\($0)") } }
            for route in named {
                #expect(tried.contains(route) || Self.elsewhere[route.pattern] != nil, "\(route.pattern) names a record: add its kind to the matrix")
            }
            #expect(Set(Self.elsewhere.keys).isSubset(of: Set(named.map(\.pattern))), "lines in `elsewhere` for routes that are gone")
        }
    }

    /// An allowed request succeeds (a 200, or a 422 for the incomplete post); a refused one gets
    /// the very answer a name that does not exist gets.
    static func check(_ probe: Probe, kind: Kind, object: Object, browser: Browser, allowed: Bool, _ cell: String) async throws {
        func send(_ path: String) async throws -> TestingHTTPResponse {
            probe.method == .GET ? try await browser.get(path) : try await browser.post(path, probe.form)
        }
        let response = try await send(probe.path)
        let where_ = "\(probe.method) \(probe.path): \(cell)"
        if allowed {
            #expect(response.status == (probe.method == .GET ? .ok : .unprocessableEntity), "\(response.status.code) \(where_)")
            return
        }
        #expect([.notFound, .forbidden, .seeOther].contains(response.status), "\(response.status.code) \(where_)")
        let missing = try await send(probe.path.replacingOccurrences(of: object.slug, with: kind.unknown))
        #expect(response.status == missing.status, "refused \(response.status.code), unknown \(missing.status.code): \(where_)")
        #expect(response.headers.first(name: .location) == missing.headers.first(name: .location), "\(where_)")
        #expect(response.text.replacingOccurrences(of: object.slug, with: kind.unknown) == missing.text, "same page: \(where_)")
    }
}

extension ObjectRoleMatrixTests.Kind {
    typealias Who = ObjectRoleMatrixTests.Who

    /// A practice in every status, by `author`: drafts and what waits for the editors are theirs
    /// and the staff's; a published practice is everyone's to read, its author's to change (for
    /// review) and translators' to translate.
    static let practices = Self(name: "practice", make: { app, author in
        let staff: Set<Who> = [.editor, .admin], everyone = Set(Who.allCases)
        return try await PracticeStatus.allCases.asyncMap { status in
            let slug = "practice-\(status.rawValue.lowercased())"
            try await PracticeStore(database: app.db).save(Fixtures.record(
                slug, countries: ["KE"], themes: [.youth], pillars: [.conditionsConducive], maturity: .piloted,
                title: "Practice \(status.rawValue)", status: status))
            try await (app.db as! any SQLDatabase).raw("UPDATE practices SET author_id = \(bind: author) WHERE slug = \(bind: slug)").run()
            let published = status == .published
            let allowed: [ObjectRoleMatrixTests.Action: Set<Who>] = [
                .read: published ? everyone : staff.union([.author]),
                .edit: [.draft, .published].contains(status) ? [.author] : [],
                .translate: published ? staff.union([.author, .translator]) : status == .draft ? staff.union([.author]) : staff,
                .review: staff,
            ]
            return ObjectRoleMatrixTests.Object(state: status.rawValue, slug: slug, allowed: allowed) { action in
                switch action {
                case .read: .readPractice(status: status, authorID: author.uuidString)
                case .edit: .editPractice(status: status, authorID: author.uuidString)
                case .translate: .translatePractice(status: status, authorID: author.uuidString)
                case .review: .reviewPractices
                }
            }
        }
    }, probes: { action, object in
        switch action {
        case .read: [.init(method: .GET, route: .practice, path: "/en/practices/\(object.slug)")]
        case .edit: [.init(method: .GET, route: .myPractice, path: "/en/my/practices/\(object.slug)"),
                     .init(method: .POST, route: .myPractice, path: "/en/my/practices/\(object.slug)", form: ["title": ""])]
        case .translate: [.init(method: .GET, route: .translate, path: "/en/translate/\(object.slug)/fr"),
                          .init(method: .POST, route: .translate, path: "/en/translate/\(object.slug)/fr", form: ["title": ""])]
        case .review: [.init(method: .GET, route: .reviewPractice, path: "/en/review/\(object.slug)")]
        }
    })

    /// Profiles by how open they are: everyone, members, staff (hidden: only its owner, the
    /// `author`, and staff), and one nobody has claimed yet (members, edited by staff only).
    static let profiles = Self(name: "profile", make: { app, author in
        let staff: Set<Who> = [.editor, .admin], members: Set<Who> = [.author, .otherMember, .translator, .editor, .admin]
        let cases: [(state: String, level: Visibility, owner: UUID?, read: Set<Who>, edit: Set<Who>)] = [
            ("public", .public, try await TestUsers.make(app, "owner-public@example.org").id, Set(Who.allCases), staff),
            ("members", .members, try await TestUsers.make(app, "owner-members@example.org").id, members, staff),
            ("hidden", .staff, author, staff.union([.author]), staff.union([.author])),
            ("unclaimed", .members, nil, members, staff),
        ]
        return try await cases.asyncMap { item in
            let slug = "profile-\(item.state)"
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert(slug, country: "KE", profile: item.level), owner: item.owner)
            let owner = item.owner?.uuidString
            return ObjectRoleMatrixTests.Object(state: item.state, slug: slug, allowed: [.read: item.read, .edit: item.edit]) { action in
                action == .read ? .readProfile(visibility: item.level, ownerID: owner) : .editExpert(ownerID: owner)
            }
        }
    }, probes: { action, object in
        switch action {
        case .read: [.init(method: .GET, route: .expert, path: "/en/experts/\(object.slug)"),
                     .init(method: .GET, route: .apiExpert, path: "/api/v1/experts/\(object.slug)")]
        case .edit: [.init(method: .GET, route: .expertEdit, path: "/en/experts/\(object.slug)/edit")]
        case .translate, .review: []
        }
    })

    /// Handbook editions: a published one is everyone's; a compiled one is the staff's to read
    /// before publication; a draft has no book yet, and its editors read it in the editions manager.
    static let editions = Self(name: "edition", make: { app, _ in
        let store = EditionStore(database: app.db), staff: Set<Who> = [.editor, .admin]
        return try await EditionStatus.allCases.asyncMap { status in
            let slug = "edition-\(status.rawValue)"
            let edition = try await store.create(EditionDraft(slug: slug, number: 1, year: 2026, selection: .all,
                                                              texts: ["en": EditionText(title: "Handbook \(status.rawValue)")]))
            if status != .draft { try await store.compile(edition) }
            if status == .published { try await store.publish(edition) }
            return ObjectRoleMatrixTests.Object(state: status.rawValue, slug: slug,
                                                allowed: [.read: status == .published ? Set(Who.allCases) : staff]) { _ in .readEdition(status: status) }
        }
    }, probes: { action, object in
        guard action == .read else { return [] }
        return object.state == EditionStatus.draft.rawValue
            ? [.init(method: .GET, route: .edition, path: "/en/editions/\(object.slug)")]
            : [.init(method: .GET, route: .handbookEdition, path: "/en/handbook/\(object.slug)")]
    })
}

extension Sequence where Element: Sendable {
    func asyncMap<T>(_ transform: (Element) async throws -> T) async rethrows -> [T] {
        var results: [T] = []
        for element in self { results.append(try await transform(element)) }
        return results
    }
}
