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

/// Private means private in the cooperation cycle (issue 19), both engines: a request seen by
/// staff and its country's focal point only, one also by the experts invited to it, one by every
/// member; an exchange without a public summary and one with. For every kind of reader, each
/// record's words reach exactly those the policy lets read them, on its own page, in lists and
/// their totals, the calendar and its iCal feed, search (HTML and JSON), the JSON API,
/// notifications and the contributions' totals. Pages of readers who may read none of the
/// private requests are compared whole before and after those are written: a count that moved
/// would show as a difference. Refusals look exactly like a number that does not exist.
@Suite("Cooperation isolation")
struct CooperationIsolationTests {
    /// One unique word per record (and one for an exchange's details), in its title and text.
    static let staffWord = "Kestrelstaff", matchedWord = "Kestrelmatched", membersWord = "Kestrelmembers"
    static let hiddenWord = "Kestrelhidden", publicWord = "Kestrelpublic", detailWord = "Kestreldetail", expertSlug = "kestrel-expert"
    static let now = CooperationFixtures.now

    static let readers = ["visitor", "requester", "fpHome", "fpOther", "invited", "member", "translator", "editor", "admin", "disabled"]
    static let members: Set<String> = ["requester", "fpHome", "fpOther", "invited", "member", "translator", "editor", "admin"]

    struct World {
        var users: [String: UserModel]
        var browsers: [String: Browser]
        var expertID: UUID
    }

    static func world(_ app: Application) async throws -> World {
        var users: [String: UserModel] = [:]
        users["requester"] = try await CooperationFixtures.requester(app, "requester@example.org", country: "KE")
        users["fpHome"] = try await CooperationFixtures.focalPoint(app, "fphome@example.org", country: "KE")
        users["fpOther"] = try await CooperationFixtures.focalPoint(app, "fpother@example.org", country: "GH")
        let expert = try await CooperationFixtures.expert(app, expertSlug, email: "invited@example.org", country: "SN")
        users["invited"] = expert.user
        users["member"] = try await TestUsers.make(app, "member@example.org", country: "TZ")
        users["translator"] = try await TestUsers.make(app, "translator@example.org", roles: [.member, .translator], country: "KE")
        users["editor"] = try await TestUsers.make(app, "editor@example.org", roles: [.member, .editor], country: "KE")
        users["admin"] = try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin], country: "KE")
        users["disabled"] = try await TestUsers.make(app, "disabled@example.org", roles: [.member, .focalPoint, .translator, .editor, .admin],
                                                     country: "KE")
        var browsers: [String: Browser] = ["visitor": Browser(app)]
        try await browsers["visitor"]!.get("/en/account/login")
        for (name, user) in users {
            let browser = Browser(app)
            try await browser.signIn(user.email)
            browsers[name] = browser
        }
        // Disabled with its session still open: its roles must count for nothing on their own.
        users["disabled"]!.status = AccountStatus.disabled.rawValue
        try await users["disabled"]!.save(on: app.db)
        return World(users: users, browsers: browsers, expertID: expert.expertID)
    }

    /// An open request by the requester with `word` in its title and need.
    static func request(_ app: Application, _ world: World, _ word: String, _ visibility: RequestVisibility) async throws -> Int {
        var record = CooperationFixtures.record(title: "\(word) rehabilitation review", country: "KE", visibility: visibility)
        record.need = "The \(word) prison service wants a peer review of its rehabilitation programme by a service that ran one."
        return try await CooperationFixtures.request(app, by: world.users["requester"]!, status: .open, record)
    }

    /// The expert invited to `request` (picked, then invited: they are told).
    static func invite(_ app: Application, _ world: World, to request: Int, _ word: String) async throws {
        let sql = app.db as! any SQLDatabase
        let match = try await sql.raw("""
            INSERT INTO request_matches (request_id, kind, target, score, reasons, state, picked_by, picked_at)
            VALUES (\(bind: request), 'expert', \(bind: world.expertID.uuidString), 50, '[]', 'picked', \(bind: try world.users["editor"]!.requireID()), \(bind: now))
            RETURNING id
            """).first()!.decode(column: "id", as: Int.self)
        let invited = try await RequestMatches(database: app.db).invite(match, inviteeID: try world.users["invited"]!.requireID(),
                                                                        message: "Would you review the \(word) programme?",
                                                                        by: try world.users["editor"]!.requireID(), now: now)
        #expect(invited)
    }

    /// What a reader may look at that lists, counts, feeds or finds cooperation records.
    static func surfaces(signedIn: Bool) -> [String] {
        let words = [staffWord, matchedWord, membersWord, hiddenWord, publicWord, detailWord].map { $0.lowercased() }
        return ["/en/requests", "/en/requests?tab=mine", "/en/requests?tab=country", "/en/requests?tab=open", "/en/requests?tab=all",
                "/en/exchanges", "/en/exchanges/calendar?month=2027-04", "/en/exchanges/calendar.ics", "/en/contributions",
                "/api/v1/exchanges", "/en/"]
            + words.flatMap { ["/en/search?q=\($0)", "/api/v1/search?q=\($0)"] }
            + (signedIn ? ["/en/notifications", "/en/invitations"] : [])
    }

    /// Whether `text` holds `word` as written in a record (the search box repeats the query in lower case).
    static func shows(_ text: String, _ word: String) -> Bool { text.contains(word) }

    /// `text` with the record's number in its paths (`/requests/7`, `/exchanges/7/edit`) made the unknown one.
    static func unnumbered(_ text: String, _ id: Int) -> String {
        text.replacingOccurrences(of: "/(requests|exchanges|invitations)/\(id)(?![0-9])", with: "/$1/999999", options: .regularExpression)
    }

    /// Where two texts first differ, for a failure's message.
    static func difference(_ a: String, _ b: String) -> String {
        let index = zip(a, b).prefix { $0 == $1 }.count
        return "…\(a.dropFirst(max(0, index - 80)).prefix(200))… vs …\(b.dropFirst(max(0, index - 80)).prefix(200))…"
    }

    /// A refused read answers exactly as a record that does not exist.
    static func expectRefused(_ browser: Browser, _ path: String, id: Int, _ label: String) async throws {
        let response = try await browser.get(path)
        let unknown = try await browser.get(unnumbered(path, id))
        #expect([.notFound, .seeOther].contains(response.status), "\(path) as \(label) gave \(response.status.code)")
        #expect(response.status == unknown.status, "\(path) as \(label): \(response.status.code), unknown \(unknown.status.code)")
        let refused = unnumbered(response.text, id)
        #expect(refused == unknown.text, "\(path) as \(label) looks like a number that does not exist: \(difference(refused, unknown.text))")
    }

    @Test("Requests: staff-only, matched-only and members' requests reach exactly their readers, everywhere",
          arguments: TestEngine.all)
    func requestsReachOnlyTheirReaders(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let world = try await Self.world(app)
            let membersRequest = try await Self.request(app, world, Self.membersWord, .members)
            // Those who may read none of the two private requests: their every page must stay the same.
            let outsiders = ["visitor", "fpOther", "member", "translator", "disabled"]
            var before: [String: [String: String]] = [:]
            for name in outsiders {
                for path in Self.surfaces(signedIn: name != "visitor") {
                    before[name, default: [:]][path] = try await world.browsers[name]!.get(path).text
                }
            }
            let staffRequest = try await Self.request(app, world, Self.staffWord, .staff)
            let matchedRequest = try await Self.request(app, world, Self.matchedWord, .matched)
            try await Self.invite(app, world, to: matchedRequest, Self.matchedWord)
            // The requester and the country's focal point are told of a step (the detail names the request).
            for request in [staffRequest, matchedRequest] {
                let word = request == staffRequest ? Self.staffWord : Self.matchedWord
                try await CooperationNotices(database: app.db, links: .paths).tell(
                    userIDs: [try world.users["requester"]!.requireID(), try world.users["fpHome"]!.requireID()], kind: .requestStep,
                    actorID: try world.users["editor"]!.requireID(), requestID: request, exchangeID: nil, detail: "\(word) opened", now: Self.now)
            }
            let readable: [Int: (word: String, readers: Set<String>)] = [
                staffRequest: (Self.staffWord, ["requester", "fpHome", "editor", "admin"]),
                matchedRequest: (Self.matchedWord, ["requester", "fpHome", "invited", "editor", "admin"]),
                membersRequest: (Self.membersWord, Self.members),
            ]
            for name in Self.readers {
                let browser = world.browsers[name]!
                for (id, expected) in readable.sorted(by: { $0.key < $1.key }) {
                    let path = "/en/requests/\(id)"
                    if expected.readers.contains(name) {
                        let response = try await browser.get(path)
                        #expect(response.status == .ok, "\(path) as \(name) gave \(response.status.code)")
                        #expect(Self.shows(response.text, expected.word), "\(path) as \(name) shows the request")
                    } else {
                        try await Self.expectRefused(browser, path, id: id, name)
                        for sub in ["edit", "matches", "comments"] { try await Self.expectRefused(browser, "\(path)/\(sub)", id: id, name) }
                    }
                    for surface in Self.surfaces(signedIn: name != "visitor") where !expected.readers.contains(name) {
                        #expect(!Self.shows(try await browser.get(surface).text, expected.word), "\(surface) as \(name) shows \(expected.word)")
                    }
                }
                if outsiders.contains(name) {
                    for path in Self.surfaces(signedIn: name != "visitor") {
                        #expect(try await browser.get(path).text == before[name]![path], "\(path) as \(name) changed when private requests were written")
                    }
                }
            }
            // Controls: the lists of those who may read them do name them, so the checks above would see a leak.
            #expect(Self.shows(try await world.browsers["fpHome"]!.get("/en/requests").text, Self.staffWord))
            #expect(Self.shows(try await world.browsers["admin"]!.get("/en/requests").text, Self.matchedWord))
            #expect(Self.shows(try await world.browsers["member"]!.get("/en/requests?tab=open").text, Self.membersWord))
            #expect(Self.shows(try await world.browsers["invited"]!.get("/en/invitations").text, Self.matchedWord))
            #expect(!Self.shows(try await world.browsers["invited"]!.get("/en/requests").text, Self.staffWord))
            // Notifications: told were the invited expert, the requester and the focal point; nobody else.
            let notifications = Notifications(database: app.db)
            for name in ["fpOther", "member", "translator", "admin", "editor"] {
                #expect(try await notifications.unreadCount(for: try world.users[name]!.requireID()) == 0, "\(name) was told")
            }
            for name in ["requester", "fpHome", "invited"] {
                #expect(try await notifications.unreadCount(for: try world.users[name]!.requireID()) > 0, "\(name) was not told")
            }
            // Nor mailed: one message per notice, to those told only.
            let mail = try await TestMail.deliver(app, now: Self.now + 60)
            let told = Set(["requester", "fpHome", "invited"].map { world.users[$0]!.email })
            #expect(Set(mail.map(\.recipient)) == told, "mail went to \(Set(mail.map(\.recipient)).sorted())")
            for message in mail where message.recipient != world.users["requester"]!.email && message.recipient != world.users["fpHome"]!.email {
                #expect(!message.deliveredBody.contains(Self.staffWord) && !message.subject.contains(Self.staffWord), "mail to \(message.recipient)")
            }
        }
    }
}
