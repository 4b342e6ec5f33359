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

/// A request's life cycle through its pages: draft → submitted → endorsed → open → closed, each
/// step with who and when, and who may take each step from each status (object × role), as the
/// reader meets it: 303 when allowed, 403 when they may read the request but not take the step,
/// 404 when they may not read it at all.
@Suite("Request life cycle")
struct RequestLifecycleTests {
    enum Who: String, CaseIterable, Sendable {
        case requester, focalPoint, otherFocalPoint, staff, member
    }

    /// The people, each signed in in their own browser: a Kenyan requester, a focal point of Kenya
    /// and one of Nigeria, an editor, and another Kenyan member.
    static func people(_ app: Application) async throws -> (users: [Who: UserModel], browsers: [Who: Browser]) {
        let users: [Who: UserModel] = [
            .requester: try await CooperationFixtures.requester(app),
            .focalPoint: try await CooperationFixtures.focalPoint(app),
            .otherFocalPoint: try await CooperationFixtures.focalPoint(app, "focal-ng@example.org", country: "NG"),
            .staff: try await CooperationFixtures.staff(app),
            .member: try await TestUsers.make(app, "member@example.org", roles: [.member], country: "KE"),
        ]
        var browsers: [Who: Browser] = [:]
        for (who, user) in users {
            let browser = Browser(app)
            try await browser.signIn(user.email)
            browsers[who] = browser
        }
        return (users, browsers)
    }

    static func status(_ app: Application, _ id: Int) async throws -> RequestStatus? {
        try await RequestLookup(database: app.db).request(id)?.status
    }

    /// Takes `step` on request `id` from its page, as a person's browser does.
    @discardableResult
    static func step(_ browser: Browser, _ id: Int, _ step: String, closure: String = "withdrawn", note: String = "Please add the dates.")
        async throws -> TestingHTTPResponse {
        try await browser.get("/en/requests/new")  // any page of the site gives the session's token
        return try await browser.post("/en/requests/\(id)/step", ["step": step, "closure": closure, "note": note])
    }

    @Test("The whole cycle by hand: each step by its person, recorded with who and when, shown on the page", arguments: TestEngine.all)
    func wholeCycle(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let (users, browsers) = try await Self.people(app)
            let requester = browsers[.requester]!
            let id = try await CooperationFixtures.request(app, by: users[.requester]!)
            #expect(try await Self.step(requester, id, "submit").status == .seeOther)
            #expect(try await Self.status(app, id) == .submitted)
            #expect(try await Self.step(browsers[.focalPoint]!, id, "endorse").status == .seeOther)
            #expect(try await Self.status(app, id) == .endorsed)
            #expect(try await Self.step(browsers[.staff]!, id, "open").status == .seeOther)
            #expect(try await Self.status(app, id) == .open)
            #expect(try await Self.step(browsers[.staff]!, id, "close", closure: "partlyMet").status == .seeOther)
            let facts = try #require(try await RequestLookup(database: app.db).request(id))
            #expect(facts.status == .closed && facts.closure == .partlyMet)
            // The requester hears of it with its outcome.
            #expect(try await Outbox(database: app.db).messages().contains { $0.recipient == "requester@example.org" && $0.subject.hasSuffix(": Closed (Partly met)") })

            let history = try await Requests(database: app.db).history(id)
            #expect(history.map(\.step) == [.submit, .endorse, .open, .close])
            #expect(history.map(\.actorName) == ["Requester", "Focal", "Staff", "Staff"])
            let page = try await requester.get("/en/requests/\(id)").body.string
            for text in ["Submitted: now Submitted", "Endorsed: now Endorsed", "Opened: now Open", "Closed: now Closed", "Partly met", "Focal"] {
                #expect(page.contains(text), "\(text)")
            }
            // Closed: nothing more to take.
            #expect(!page.contains("name=\"step\""))
            #expect(try await Self.step(browsers[.staff]!, id, "close", closure: "met").status == .forbidden)
        }
    }

    /// status → step → who → expected answer. Requests are Kenyan and visible to every member once open.
    static let expected: [(RequestStatus, String, [Who: HTTPStatus])] = [
        (.draft, "submit", [.requester: .seeOther, .focalPoint: .notFound, .otherFocalPoint: .notFound, .staff: .notFound, .member: .notFound]),
        (.draft, "endorse", [.requester: .forbidden, .focalPoint: .notFound, .staff: .notFound]),
        (.draft, "close", [.requester: .seeOther, .staff: .notFound, .member: .notFound]),
        (.submitted, "submit", [.requester: .forbidden, .focalPoint: .forbidden, .staff: .forbidden, .member: .notFound]),
        (.submitted, "endorse", [.requester: .forbidden, .focalPoint: .seeOther, .otherFocalPoint: .notFound, .staff: .seeOther, .member: .notFound]),
        (.submitted, "returnToDraft", [.requester: .forbidden, .focalPoint: .forbidden, .staff: .seeOther]),
        (.submitted, "open", [.focalPoint: .forbidden, .staff: .forbidden]),
        (.submitted, "close", [.requester: .seeOther, .focalPoint: .seeOther, .staff: .seeOther, .otherFocalPoint: .notFound]),
        (.endorsed, "open", [.requester: .forbidden, .focalPoint: .forbidden, .staff: .seeOther, .member: .notFound]),
        (.endorsed, "endorse", [.focalPoint: .forbidden, .staff: .forbidden]),
        (.endorsed, "returnToDraft", [.staff: .seeOther, .focalPoint: .forbidden]),
        (.open, "close", [.requester: .seeOther, .focalPoint: .seeOther, .staff: .seeOther, .member: .forbidden, .otherFocalPoint: .forbidden]),
        (.open, "open", [.staff: .forbidden, .member: .forbidden]),
        (.open, "returnToDraft", [.staff: .forbidden]),
        (.matched, "close", [.requester: .seeOther, .staff: .seeOther, .member: .forbidden]),
        (.inExchange, "submit", [.requester: .forbidden, .member: .forbidden]),
        (.closed, "close", [.requester: .forbidden, .staff: .forbidden, .member: .forbidden]),
    ]

    @Test("Who may take each step from each status (object × role through the routes)", arguments: TestEngine.all)
    func whoMayTakeEachStep(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let (users, browsers) = try await Self.people(app)
            for (status, step, answers) in Self.expected {
                for (who, answer) in answers.sorted(by: { $0.key.rawValue < $1.key.rawValue }) {
                    let id = try await CooperationFixtures.request(app, by: users[.requester]!, status: status)
                    let response = try await Self.step(browsers[who]!, id, step, closure: status >= .open ? "met" : "withdrawn")
                    #expect(response.status == answer, "\(step) from \(status) by \(who): \(response.status.code)")
                    let moved = try await Self.status(app, id) != status
                    #expect(moved == (answer == .seeOther), "\(step) from \(status) by \(who)")
                }
            }
        }
    }

    @Test("Steps the platform takes (match, start an exchange) and unknown steps are refused by hand; a step taken twice is taken once",
          arguments: TestEngine.all)
    func platformStepsAndRaces(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let (users, browsers) = try await Self.people(app)
            let id = try await CooperationFixtures.request(app, by: users[.requester]!, status: .open)
            for step in ["match", "startExchange", "nonsense", ""] {
                let response = try await Self.step(browsers[.staff]!, id, step)
                #expect(response.status == .badRequest, "\(step)")
                #expect(response.body.string.contains("is not valid for “step”"), "\(step)")
            }
            #expect(try await Self.status(app, id) == .open)
            // The platform's own step, as matching calls it; once only.
            let requests = Requests(database: app.db)
            let staffID = try users[.staff]!.requireID()
            #expect(try await requests.takeStep(.match, requestID: id, actorID: staffID, now: CooperationFixtures.now) == .matched)
            #expect(try await requests.takeStep(.match, requestID: id, actorID: staffID, now: CooperationFixtures.now) == nil)
            #expect(try await requests.history(id).filter { $0.step == .match }.count == 1)
            // A return to draft needs a note for the requester.
            let submitted = try await CooperationFixtures.request(app, by: users[.requester]!, status: .submitted)
            let refused = try await Self.step(browsers[.staff]!, submitted, "returnToDraft", note: "")
            #expect(refused.status == .unprocessableEntity)
            #expect(refused.body.string.contains("Say what should change"))
            // Closing an open request takes one of the four outcomes, nothing else.
            let bogus = try await Self.step(browsers[.staff]!, id, "close", closure: "exploded")
            #expect(bogus.status == .unprocessableEntity)
            #expect(bogus.body.string.contains("Choose an outcome"))
            #expect(try await Self.status(app, id) == .matched)
        }
    }

    @Test("Returned to draft: only the requester is told, and the request leaves the others' notifications (a draft is the requester's alone)",
          arguments: TestEngine.all)
    func returnedDraftLeavesOthersNotifications(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let (users, browsers) = try await Self.people(app)
            let id = try await CooperationFixtures.request(app, by: users[.requester]!, CooperationFixtures.record(title: "Soon a draft again"))
            #expect(try await Self.step(browsers[.requester]!, id, "submit").status == .seeOther)
            let focal = browsers[.focalPoint]!
            #expect(try await focal.get("/en/notifications").body.string.contains("Soon a draft again"))
            let sql = app.db as! any SQLDatabase
            let before = try await sql.raw("SELECT COALESCE(MAX(id), 0) AS last FROM notifications").first()!.decode(column: "last", as: Int.self)
            #expect(try await Self.step(browsers[.staff]!, id, "returnToDraft", note: "Please name the prisons concerned.").status == .seeOther)
            #expect(!(try await focal.get("/en/notifications").body.string.contains("Soon a draft again")))
            #expect(try await Notifications(database: app.db).unreadCount(for: try users[.focalPoint]!.requireID()) == 0)
            let told = try await sql.raw("SELECT user_id FROM notifications WHERE id > \(bind: before)").all()
                .map { try $0.decode(column: "user_id", as: UUID.self) }
            #expect(told == [try users[.requester]!.requireID()])
            #expect(try await browsers[.requester]!.get("/en/notifications").body.string.contains("Soon a draft again"))
            // The note reaches the requester on the request's page.
            #expect(try await browsers[.requester]!.get("/en/requests/\(id)").body.string.contains("Please name the prisons concerned."))
        }
    }
}
