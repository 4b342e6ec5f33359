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
    /// hidden profile of that name exists.
    static let refusedAsNotFound: Set<String> = ["GET /:lang/experts/:slug/edit", "POST /:lang/experts/:slug/edit"]

    /// Route (method and path pattern) → who may use it.
    static let matrix: [String: Set<Who>] = [
        "GET /": everyone, "GET /healthz": everyone, "GET /assets/:file": everyone,
        "GET /api/v1/practices": everyone, "GET /api/v1/practices/:slug": everyone, "GET /api/v1/openapi.json": everyone,
        "GET /api/v1/search": everyone,
        "GET /:lang": everyone, "GET /:lang/practices": everyone, "GET /:lang/practices/:slug": everyone,
        "GET /:lang/about": everyone, "GET /:lang/search": everyone,
        "GET /:lang/account/register": everyone, "POST /:lang/account/register": everyone,
        "GET /:lang/account/login": everyone, "POST /:lang/account/login": everyone,
        "POST /:lang/account/logout": everyone, "GET /:lang/account/verify/:token": everyone,
        "GET /:lang/account": signedIn,
        "POST /:lang/account/sessions/end": signedIn, "POST /:lang/account/sessions/end-all": signedIn,
        "GET /:lang/account/two-factor": signedIn, "POST /:lang/account/two-factor/enable": signedIn,
        "POST /:lang/account/two-factor/disable": signedIn,
        "GET /:lang/account/reset": everyone, "POST /:lang/account/reset": everyone,
        "GET /:lang/account/reset/:token": everyone, "POST /:lang/account/reset/:token": everyone,
        "GET /:lang/account/password": signedIn, "POST /:lang/account/password": signedIn,
        "GET /:lang/account/export": signedIn, "POST /:lang/account/delete": signedIn,
        "GET /:lang/account/two-factor/verify": everyone, "POST /:lang/account/two-factor/verify": everyone,
        "GET /:lang/admin/vetting": [.focalPoint, .admin], "POST /:lang/admin/vetting/:user": [.focalPoint, .admin],
        "GET /:lang/submit": members, "POST /:lang/submit": members, "GET /:lang/my/practices": members,
        "GET /:lang/my/practices/:slug": members, "POST /:lang/my/practices/:slug": members,
        "GET /:lang/review": [.editor, .admin], "GET /:lang/review/:slug": [.editor, .admin], "POST /:lang/review/:slug": [.editor, .admin],
        "GET /:lang/translate/:slug/:target": [.translator, .editor, .admin], "POST /:lang/translate/:slug/:target": [.translator, .editor, .admin],
        "GET /:lang/admin/audit": [.admin], "GET /:lang/admin/outbox": [.admin],
        "GET /:lang/handbook": everyone, "GET /:lang/handbook/:edition": everyone, "GET /:lang/handbook/:edition/:chapter": everyone,
        "GET /handbook/:edition/:file": everyone,
        "GET /:lang/editions": [.editor, .admin], "GET /:lang/editions/new": [.editor, .admin], "POST /:lang/editions/new": [.editor, .admin],
        "GET /:lang/editions/:edition": [.editor, .admin], "POST /:lang/editions/:edition": [.editor, .admin],
        "POST /:lang/editions/:edition/compile": [.editor, .admin], "POST /:lang/editions/:edition/publish": [.editor, .admin],
        "GET /:lang/admin/users": [.admin], "GET /:lang/admin/users/:user": [.admin], "POST /:lang/admin/users/:user": [.admin],
        // The directory: reading is public (privacy is per field, tested in DirectoryPrivacyTests);
        // writing to an expert needs membership, endorsing a focal point of the expert's country.
        "GET /:lang/experts": everyone, "GET /:lang/experts/export.csv": everyone, "GET /:lang/experts/:slug": everyone,
        "GET /:lang/experts/:slug/contact": members, "POST /:lang/experts/:slug/contact": members,
        "POST /:lang/experts/:slug/endorse": [.focalPoint], "POST /:lang/experts/:slug/endorse/withdraw": [.focalPoint],
        "GET /:lang/experts/:slug/edit": [.editor, .admin], "POST /:lang/experts/:slug/edit": [.editor, .admin],
        "GET /:lang/experts/new": [.editor, .admin], "POST /:lang/experts/new": [.editor, .admin],
        "GET /:lang/account/profile": members, "POST /:lang/account/profile": members, "POST /:lang/account/profile/claim": members,
        "GET /:lang/centres": everyone, "GET /:lang/centres/:slug": everyone,
        "GET /:lang/courses": everyone, "GET /:lang/courses/calendar": everyone, "GET /:lang/courses.ics": everyone,
        "GET /:lang/courses/:slug": everyone,
        "GET /:lang/courses/new": [.focalPoint, .editor, .admin], "POST /:lang/courses/new": [.focalPoint, .editor, .admin],
        "GET /:lang/courses/:slug/edit": [.focalPoint, .editor, .admin], "POST /:lang/courses/:slug/edit": [.focalPoint, .editor, .admin],
        "GET /:lang/translate": [.translator, .editor, .admin],
        // Centres and courses: translators, and whoever may edit them (the focal point offers
        // courses for their country, Kenya here as the fixture course's).
        "GET /:lang/translate/centres/:slug/:target": [.translator, .editor, .admin],
        "POST /:lang/translate/centres/:slug/:target": [.translator, .editor, .admin],
        "GET /:lang/translate/courses/:slug/:target": [.translator, .focalPoint, .editor, .admin],
        "POST /:lang/translate/courses/:slug/:target": [.translator, .focalPoint, .editor, .admin],
        "GET /:lang/centres/new": [.editor, .admin], "POST /:lang/centres/new": [.editor, .admin],
        "GET /:lang/centres/:slug/edit": [.editor, .admin], "POST /:lang/centres/:slug/edit": [.editor, .admin],
        "GET /api/v1/experts": everyone, "GET /api/v1/experts/:slug": everyone, "GET /api/v1/centres": everyone,
        "GET /api/v1/centres/:slug": everyone, "GET /api/v1/courses": everyone, "GET /api/v1/courses/:slug": everyone,
    ]

    @Test("ASVS 4.1.3 least privilege: every route for every role", arguments: TestEngine.all)
    func everyRouteForEveryRole(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let routes = app.routes.all.map { "\($0.method.rawValue) /\($0.path.map(\.description).joined(separator: "/"))" }
            #expect(Set(routes) == Set(Self.matrix.keys), "routes without a line in the matrix, or lines without a route")

            let applicant = try await TestUsers.make(app, "applicant@example.org", roles: [], status: .pending, country: "KE")
            // A public profile, a centre and a course under the slug the matrix uses for every `:slug`.
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("regional-training", country: "KE", profile: .public))
            try await DirectoryFixtures.saveCentreAndCourse(app, slug: "regional-training")
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
            for (route, allowed) in Self.matrix.sorted(by: { $0.key < $1.key }) {
                let parts = route.split(separator: " ")
                let path = String(RouteValues.path(parts[1].split(separator: "/").map(String.init), values).dropFirst())
                for who in Who.allCases where !route.hasSuffix("/logout") && !route.hasSuffix("/end-all") {
                    let browser = browsers[who]!
                    // Posts carry a valid token and deliberately incomplete data: an allowed role gets
                    // a 4xx about the data or a redirect, never a 403, and nothing changes.
                    let response = parts[0] == "GET"
                        ? try await browser.get("/" + path)
                        : try await browser.post("/" + path, ["decision": "reject", "roles[]": "nonsense"])
                    let toLogin = response.status == .seeOther && response.headers.first(name: .location) == "/en/account/login"
                        && !route.hasPrefix("GET /:lang/account/verify") && !route.hasPrefix("POST /:lang/account/login")
                        && !route.contains("two-factor/verify")
                    let denied = response.status == .forbidden || response.status == .unauthorized && route.hasPrefix("GET /api") || toLogin
                        || Self.refusedAsNotFound.contains(route) && response.status == .notFound
                    #expect(denied == !allowed.contains(who), "\(route) as \(who.rawValue): \(response.status.code)")
                    #expect(response.status.code < 500, "\(route) as \(who.rawValue)")
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
