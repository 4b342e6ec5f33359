import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

/// Every route × every role: allowed or denied, as the access policy says. A route added without
/// a line here fails the test, so the matrix cannot fall behind the application.
@Suite("Route × role matrix")
struct RoleMatrixTests {
    enum Who: String, CaseIterable, Sendable {
        case visitor, pending, member, expert, focalPoint, translator, editor, moderator, admin

        var roles: [Role] {
            switch self {
            case .visitor, .pending: []
            case .member: [.member]
            case .expert: [.member, .expert]
            case .focalPoint: [.member, .focalPoint]
            case .translator: [.member, .translator]
            case .editor: [.member, .editor]
            case .moderator: [.member, .moderator]
            case .admin: [.member, .admin]
            }
        }
    }

    static let everyone = Set(Who.allCases)
    static let signedIn = everyone.subtracting([.visitor])
    static let members = signedIn.subtracting([.pending])
    /// Routes that refuse a member with a 404, not a 403: the refusal must not tell whether a
    /// hidden profile, or a practice they may not translate, of that name exists.
    /// `/metrics` too: it is for addresses and a token, never a role (MetricsTests), and hides itself.
    static let refusedAsNotFound: Set<Endpoint> = [.get(.expertEdit), .post(.expertEdit), .get(.translate), .post(.translate), .get(.metrics)]

    /// A method on a route of the route table.
    struct Endpoint: Hashable, Sendable, CustomStringConvertible {
        var method: String
        var route: SiteURL.Route

        static func get(_ route: SiteURL.Route) -> Endpoint { Endpoint(method: "GET", route: route) }
        static func post(_ route: SiteURL.Route) -> Endpoint { Endpoint(method: "POST", route: route) }

        /// As the router lists it (`GET /:lang/practices/:slug`).
        var description: String { Self.name(method, route.pathComponents) }

        static func name(_ method: String, _ path: [PathComponent]) -> String {
            "\(method) /\(path.map(\.description).joined(separator: "/"))"
        }
    }

    /// Files served from a build made in the background: a 503 (come back later) until it exists.
    static let unavailableUntilBuilt: Set<SiteURL.Route> = [.openDataFile, .openDataCatalog]

    /// Endpoint → who may use it.
    static let matrix: [Endpoint: Set<Who>] = [
        .get(.root): everyone, .get(.health): everyone, .get(.asset): everyone,
        // No role reads the metrics: these requests have no address, and none carries the token.
        .get(.metrics): [],
        .get(.apiPractices): everyone, .get(.apiPractice): everyone, .get(.openAPI): everyone,
        .get(.apiSearch): everyone,
        // Open data: public; the ZIP and its catalogue answer 503 until the first build (OpenDataTests).
        .get(.openData): everyone, .get(.openDataFile): everyone, .get(.openDataCatalog): everyone,
        .get(.home): everyone, .get(.practices): everyone, .get(.practice): everyone,
        .get(.about): everyone, .get(.search): everyone,
        .get(.register): everyone, .post(.register): everyone,
        .get(.login): everyone, .post(.login): everyone,
        .post(.logout): everyone, .get(.verifyEmail): everyone, .post(.verifyEmail): everyone,
        .get(.account): signedIn,
        .post(.endSession): signedIn, .post(.endAllSessions): signedIn,
        .get(.twoFactor): signedIn, .post(.twoFactorEnable): signedIn,
        .post(.twoFactorDisable): signedIn, .post(.twoFactorRecoveryCodes): signedIn,
        .get(.emailChange): signedIn, .post(.emailChange): signedIn,
        .get(.emailChangeToken): everyone, .post(.emailChangeToken): everyone,
        .get(.passwordReset): everyone, .post(.passwordReset): everyone,
        .get(.passwordResetToken): everyone, .post(.passwordResetToken): everyone,
        .get(.password): signedIn, .post(.password): signedIn,
        .get(.personalData): signedIn, .post(.deleteAccount): signedIn,
        .get(.twoFactorVerify): everyone, .post(.twoFactorVerify): everyone,
        .get(.vetting): [.focalPoint, .admin], .post(.vet): [.focalPoint, .admin],
        .get(.claims): [.focalPoint, .editor, .admin], .post(.decideClaim): [.focalPoint, .editor, .admin],
        .get(.submit): members, .post(.submit): members, .get(.myPractices): members,
        .get(.myPractice): members, .post(.myPractice): members,
        .get(.review): [.editor, .admin], .get(.reviewPractice): [.editor, .admin], .post(.reviewPractice): [.editor, .admin],
        .get(.translate): [.translator, .editor, .admin], .post(.translate): [.translator, .editor, .admin],
        .get(.audit): [.admin], .get(.outbox): [.admin], .get(.deniedRequests): [.admin],
        .get(.handbook): everyone, .get(.handbookEdition): everyone, .get(.handbookChapter): everyone,
        .get(.handbookFile): everyone,
        .get(.editions): [.editor, .admin], .get(.newEdition): [.editor, .admin], .post(.newEdition): [.editor, .admin],
        .get(.edition): [.editor, .admin], .post(.edition): [.editor, .admin],
        .post(.compileEdition): [.editor, .admin], .post(.publishEdition): [.editor, .admin],
        // Annual reports: published files for everyone; building, previewing and publishing, staff.
        .get(.annualReports): everyone, .get(.annualReportFile): everyone,
        .post(.annualReportBuild): [.editor, .admin], .get(.annualReportYear): [.editor, .admin],
        .post(.annualReportPublish): [.editor, .admin], .get(.annualReportPreview): [.editor, .admin],
        .get(.adminUsers): [.admin], .get(.adminUser): [.admin], .post(.adminUser): [.admin],
        // The directory: reading is public (privacy is per field, tested in DirectoryPrivacyTests);
        // writing to an expert needs membership, endorsing a focal point of the expert's country.
        .get(.experts): everyone, .get(.expertsExport): everyone, .get(.expert): everyone,
        .get(.expertContact): members, .post(.expertContact): members,
        .post(.expertEndorse): [.focalPoint], .post(.expertWithdraw): [.focalPoint],
        .get(.expertEdit): [.editor, .admin], .post(.expertEdit): [.editor, .admin],
        .get(.expertNew): [.editor, .admin], .post(.expertNew): [.editor, .admin],
        .get(.profileEdit): members, .post(.profileEdit): members, .post(.profileClaim): members,
        .get(.centres): everyone, .get(.centre): everyone,
        .get(.courses): everyone, .get(.coursesCalendar): everyone, .get(.coursesFeed): everyone,
        .get(.course): everyone,
        .get(.courseNew): [.focalPoint, .editor, .admin], .post(.courseNew): [.focalPoint, .editor, .admin],
        .get(.courseEdit): [.focalPoint, .editor, .admin], .post(.courseEdit): [.focalPoint, .editor, .admin],
        .get(.translationQueue): [.translator, .editor, .admin],
        // Centres and courses: translators, and whoever may edit them (the focal point offers
        // courses for their country, Kenya here as the fixture course's).
        .get(.translateCentre): [.translator, .editor, .admin],
        .post(.translateCentre): [.translator, .editor, .admin],
        .get(.translateCourse): [.translator, .focalPoint, .editor, .admin],
        .post(.translateCourse): [.translator, .focalPoint, .editor, .admin],
        .get(.centreNew): [.editor, .admin], .post(.centreNew): [.editor, .admin],
        .get(.centreEdit): [.editor, .admin], .post(.centreEdit): [.editor, .admin],
        .get(.apiExperts): everyone, .get(.apiExpert): everyone, .get(.apiCentres): everyone,
        .get(.apiCentre): everyone, .get(.apiCourses): everyone, .get(.apiCourse): everyone,
        .get(.apiForumCategories): everyone, .get(.apiForumThreads): everyone, .get(.apiForumThread): everyone,
        .get(.apiExchanges): everyone, .get(.apiExchange): everyone,
        .get(.outcomeReport): members, .post(.outcomeReport): members,
        .get(.outcomeFollowUp): members, .post(.outcomeFollowUp): members,
        // Exchanges: the list and a page answer everyone (visitors see public summaries; an exchange
        // one may not read is a 404, tested in ExchangeTests); recording one directly, staff; the
        // calendar, members; its iCal feed anyone (public summaries, or a member's signed link).
        // Changes need a vetted member first (the fixture has no exchange: a 404 after that).
        .get(.exchanges): everyone, .get(.exchange): everyone,
        .get(.exchangeNew): [.editor, .admin], .post(.exchangeNew): [.editor, .admin],
        .get(.exchangesCalendar): members, .get(.exchangesFeed): everyone,
        .get(.exchangeEdit): members, .post(.exchangeEdit): members,
        .post(.exchangeStatus): members, .post(.exchangeAgree): members,
        // Working groups: the list and a group's page answer everyone (a group one may not know of is
        // a 404, tested in ForumGroupTests); changes need a vetted member; creating a group, staff
        // and focal points; the forum's categories, staff.
        .get(.groups): everyone, .get(.group): everyone,
        .get(.groupNew): [.focalPoint, .editor, .admin], .post(.groupNew): [.focalPoint, .editor, .admin],
        .post(.groupJoin): members, .post(.groupAnswer): members, .post(.groupLeave): members,
        .get(.groupMembers): members, .post(.groupMembers): members, .post(.groupMember): members,
        .get(.groupCategoryNew): members, .post(.groupCategoryNew): members,
        .get(.groupCategories): members, .get(.groupCategoryEdit): members, .post(.groupCategoryEdit): members,
        .post(.groupCategoryMove): members, .post(.groupCategoryDelete): members, .post(.groupWithdraw): members,
        .get(.groupEdit): members, .post(.groupEdit): members,
        .get(.forumCategories): [.editor, .admin], .get(.forumCategoryNew): [.editor, .admin],
        .post(.forumCategoryNew): [.editor, .admin], .get(.forumCategoryEdit): [.editor, .admin],
        .post(.forumCategoryEdit): [.editor, .admin], .post(.forumCategoryMove): [.editor, .admin],
        .post(.forumCategoryDelete): [.editor, .admin],
        // The forum: reading a category open to visitors is everyone's; writing needs a vetted
        // member; another's post is edited by moderators only (its author too, in ForumThreadTests),
        // and only they see its earlier versions.
        .get(.forum): everyone, .get(.forumCategory): everyone, .get(.forumThread): everyone, .get(.forumPost): everyone,
        .get(.forumNewThread): members, .post(.forumNewThread): members,
        .get(.forumReply): members, .post(.forumReply): members,
        .get(.forumPostEdit): [.moderator, .admin], .post(.forumPostEdit): [.moderator, .admin],
        .get(.forumPostHistory): [.moderator, .admin],
        // Moderation: the queue and the actions, moderators (and a group's owners, in their group:
        // ForumModerationTests); flags, any vetted member who reads the post; silencing, moderators.
        // An attachment answers as its post does (a 404 here: the fixture has none).
        .get(.moderation): [.moderator, .admin], .get(.moderationPost): [.moderator, .admin], .post(.moderationPost): [.moderator, .admin],
        .get(.moderationMember): [.moderator, .admin], .post(.moderationMember): [.moderator, .admin],
        .get(.forumThreadModerate): [.moderator, .admin], .post(.forumThreadModerate): [.moderator, .admin],
        .get(.forumPostFlag): members, .post(.forumPostFlag): members,
        .get(.forumAttachment): everyone,
        // Notifications and watching are a vetted member's; the unsubscribe link and the feeds of
        // categories open to visitors are anyone's (a wrong token or closed category is a 404).
        .get(.notifications): members, .post(.notificationRead): members, .post(.notificationsReadAll): members,
        .get(.notificationSettings): members, .post(.notificationSettings): members,
        .post(.forumWatchThread): members, .post(.forumWatchCategory): members,
        .get(.unsubscribe): everyone, .post(.unsubscribe): everyone,
        .get(.forumFeed): everyone, .get(.forumCategoryFeed): everyone,
        // The catalogue's Atom feeds are anyone's; API tokens a vetted member's own (revoking an
        // unknown token is a 404: APITokenTests walks owner, other member, admin, visitor), and
        // everyone's list the admins'.
        .get(.practicesAtom): everyone, .get(.coursesAtom): everyone,
        // Indicators: every reader, with figures suppressed by role (IndicatorRoleWalkTests).
        .get(.indicators): everyone, .get(.indicator): everyone, .get(.apiIndicators): everyone, .get(.apiIndicator): everyone,
        .get(.apiTokens): members, .post(.apiTokens): members, .post(.apiTokenRevoke): members, .get(.adminAPITokens): [.admin],
        // Contributions: recorded by an exchange's managers and people (a 404 here: no exchange 1;
        // ContributionTests checks the 403 for a member not involved); their totals, members.
        .get(.contributionNew): members, .post(.contributionNew): members, .get(.contributionEdit): members,
        .post(.contributionEdit): members, .post(.contributionDelete): members, .get(.contributions): members,
        // Requests for expertise: vetted members (a request one may not read is a 404, the same as
        // none: RequestTests walks who may read and step each one).
        .get(.requests): members, .get(.requestNew): members, .post(.requestNew): members, .get(.request): members,
        .get(.requestEdit): members, .post(.requestEdit): members, .post(.requestStep): members, .post(.requestComments): members,
        // Matches and invitations: vetted members past the door; a request's matches are then its
        // managers' (a 404 here: no request 1; MatchingTests checks each role on a real request),
        // an invitation its invitee's (InvitationTests).
        .get(.requestMatches): members, .post(.requestMatches): members, .post(.requestMatchInvite): members,
        .get(.invitations): members, .get(.invitation): members, .post(.invitation): members,
    ]

    @Test("ASVS 4.1.3 least privilege: every route for every role", arguments: TestEngine.all)
    func everyRouteForEveryRole(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let routes = app.routes.all.map { Endpoint.name($0.method.rawValue, $0.path) }
            #expect(Set(routes) == Set(Self.matrix.keys.map(\.description)), "routes without a line in the matrix, or lines without a route")

            let applicant = try await TestUsers.make(app, "applicant@example.org", roles: [], status: .pending, country: "KE")
            // A public profile, a centre and a course under the slug the matrix uses for every `:slug`.
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("regional-training", country: "KE", profile: .public))
            try await DirectoryFixtures.saveCentreAndCourse(app, slug: "regional-training")
            try await ForumFixtures.routeMatrix(app)
            var browsers: [Who: Browser] = [:]
            for who in Who.allCases {
                let browser = Browser(app)
                if who != .visitor {
                    try await TestUsers.make(app, "\(who.rawValue)@example.org", roles: who.roles,
                                             status: who == .pending ? .pending : .active, country: "KE")
                    try await browser.signIn("\(who.rawValue)@example.org")
                } else {
                    try await browser.get("/en/account/login")
                }
                browsers[who] = browser
            }
            let values = RouteValues.ordinary(app, user: applicant.id!)
            for (route, allowed) in Self.matrix.sorted(by: { $0.key.description < $1.key.description }) {
                let path = RouteValues.path(route.route.pathComponents.map(\.description), values)
                for who in Who.allCases where ![.logout, .endAllSessions].contains(route.route) {
                    let browser = browsers[who]!
                    // Posts carry a valid token and deliberately incomplete data: an allowed role gets
                    // a 4xx about the data or a redirect, never a 403, and nothing changes.
                    let response = route.method == "GET"
                        ? try await browser.get(path)
                        : try await browser.post(path, ["decision": "reject", "roles[]": "nonsense"])
                    let toLogin = response.status == .seeOther && response.headers.first(name: .location) == "/en/account/login"
                        && route.route != .verifyEmail && route != .post(.login) && route.route != .twoFactorVerify
                    let denied = response.status == .forbidden || response.status == .unauthorized && route.route.pattern.hasPrefix("/api") || toLogin
                        || Self.refusedAsNotFound.contains(route) && response.status == .notFound
                    #expect(denied == !allowed.contains(who), "\(route) as \(who.rawValue): \(response.status.code)")
                    #expect(response.status.code < 500 || Self.unavailableUntilBuilt.contains(route.route) && response.status == .serviceUnavailable,
                            "\(route) as \(who.rawValue)")
                }
            }
            // Nothing above changed the applicant.
            #expect(try await UserModel.find(applicant.id, on: app.db)?.accountStatus == .pending)
        }
    }

    /// Policy rules that the matrix can't show by itself: focal points vet only their own country.
    @Test func vettingIsLimitedToTheFocalPointsCountry() {
        let kenya = Actor(userID: "1", status: .active, roles: [.member, .focalPoint], country: "KE")
        #expect(AccessPolicy.allows(kenya, .vet(applicantCountry: "KE")))
        #expect(!AccessPolicy.allows(kenya, .vet(applicantCountry: "NG")))
        let disabledAdmin = Actor(userID: "2", status: .disabled, roles: [.admin], country: "KE")
        #expect(!AccessPolicy.allows(disabledAdmin, .assignRoles))
        #expect(!AccessPolicy.allows(disabledAdmin, .compileHandbook))
        #expect(!AccessPolicy.allows(Actor(userID: "3", status: .active, roles: [.member, .translator]), .compileHandbook))
    }
}
