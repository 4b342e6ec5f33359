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

/// A request's explained matches through the pages: who sees the list and who picks and invites
/// (object × role), the reasons in the reader's language, what a refusal answers, hostile input,
/// an expert without an account, and the invitee told without their address ever shown.
@Suite("Explained matches")
struct MatchingTests {
    /// An open Kenyan request (French or English, prisons and rehabilitation), with its people: the
    /// requester, Kenya's focal point, Uganda's focal point, staff, another member, an expert with an
    /// account (Senegal) and one without (Ghana).
    struct Scene {
        var requestID: Int
        var expert: (user: UserModel, expertID: UUID)
        var accountless: UUID
        var staff: UserModel
        var requester: UserModel
        var focal: UserModel
    }

    static func scene(_ app: Application, visibility: RequestVisibility = .members) async throws -> Scene {
        let requester = try await CooperationFixtures.requester(app)
        let focal = try await CooperationFixtures.focalPoint(app)
        try await CooperationFixtures.focalPoint(app, "focal-ug@example.org", country: "UG")
        let staff = try await CooperationFixtures.staff(app)
        try await TestUsers.make(app, "member@example.org", country: "KE")
        let expert = try await CooperationFixtures.expert(app, "invited-expert", country: "SN")
        let accountless = try await DirectoryFixtures.save(app, DirectoryFixtures.expert("no-account-expert", country: "GH"))
        let id = try await CooperationFixtures.request(app, by: requester, status: .open,
                                                       CooperationFixtures.record(visibility: visibility))
        return Scene(requestID: id, expert: expert, accountless: accountless, staff: staff, requester: requester, focal: focal)
    }

    /// One signed-in browser per person for a test (staff sign in with a second factor, whose code
    /// cannot be used twice), holding the CSRF token of a page of the new session.
    final class People: @unchecked Sendable {
        let app: Application
        var browsers: [String: Browser] = [:]
        init(_ app: Application) { self.app = app }

        func callAsFunction(_ email: String) async throws -> Browser {
            if let known = browsers[email] { return known }
            let browser = Browser(app)
            try await browser.signIn(email)
            try await browser.get("/en/account")
            browsers[email] = browser
            return browser
        }
    }

    static func count(_ app: Application, _ sql: SQLQueryString) async throws -> Int {
        try await (app.db as! any SQLDatabase).raw(sql).first()!.decode(column: "n", as: Int.self)
    }

    @Test("staff and the country's focal point see the explained list; others are refused", arguments: TestEngine.all)
    func whoSeesTheList(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let scene = try await Self.scene(app)
            let people = People(app)
            let path = "/fr/requests/\(scene.requestID)/matches"
            for email in ["staff@example.org", "focal@example.org"] {
                let page = try await people(email).get(path)
                #expect(page.status == .ok, "\(email)")
                let body = page.body.string
                // The reasons, in French: the shared language, the themes, the region.
                #expect(body.contains("Name invitedexpert") && body.contains("Travaille en français"), "\(email)")
                #expect(body.contains("Basé en Sénégal (Afrique) : un échange régional") || body.contains("un échange régional"), "\(email)")
                #expect(body.contains("1 des 2 thèmes de la demande"), "\(email)")
                #expect(body.contains("name=\"target\" value=\"\(scene.expert.expertID.uuidString)\""), "\(email)")
                // The invitee's address is never on the page, neither the profile's nor the account's.
                #expect(!body.contains("@hidden.example.org") && !body.contains("invited-expert@example.org"), "\(email)")
            }
            // The request's page links its managers and its requester to the matches; other members, not.
            let requestPage = "/fr/requests/\(scene.requestID)"
            #expect(try await people("staff@example.org").get(requestPage).body.string.contains("href=\"\(path)\""))
            #expect(try await people("requester@example.org").get(requestPage).body.string.contains("href=\"\(path)\""))
            #expect(!(try await people("member@example.org").get(requestPage).body.string.contains(path)))
            // The requester sees what was picked, not the suggestions.
            let own = try await people("requester@example.org").get(path)
            #expect(own.status == .ok && !own.body.string.contains("name=\"target\""))
            // Members who may read the request but do not manage it: 403; a visitor: to sign in.
            for email in ["member@example.org", "focal-ug@example.org", "invited-expert@example.org"] {
                #expect(try await people(email).get(path).status == .forbidden, "\(email)")
            }
            let visitor = try await Browser(app).get(path)
            #expect(visitor.status == .seeOther && visitor.headers.first(name: .location)?.hasPrefix("/fr/account/login") == true,
                    "\(visitor.headers.first(name: .location) ?? "")")
            // A draft: not even staff may read it (404), nor an unknown request.
            let draft = try await CooperationFixtures.request(app, by: scene.requester, status: .draft)
            let staff = try await people("staff@example.org")
            #expect(try await staff.get("/en/requests/\(draft)/matches").status == .notFound)
            #expect(try await staff.get("/en/requests/999999/matches").status == .notFound)
            #expect(try await staff.get("/en/requests/abc/matches").status == .notFound)
        }
    }

    @Test("pick, invite with a message; hostile picks and invitations refused with translated words", arguments: TestEngine.all)
    func pickAndInvite(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let scene = try await Self.scene(app)
            let people = People(app)
            let path = "/en/requests/\(scene.requestID)/matches"
            let focal = try await people("focal@example.org")
            try await focal.get(path)
            // Hostile or unknown targets: a 422 with the page, nothing stored.
            for form in [["kind": "expert", "target": "' OR 1=1 --"], ["kind": "nonsense", "target": scene.expert.expertID.uuidString],
                         ["kind": "practice", "target": String(repeating: "x", count: 5_000)], [:]] {
                let response = try await focal.post(path, form)
                #expect(response.status == .unprocessableEntity, "\(form)")
                #expect(response.body.string.contains("This suggestion is not available for this request."))
            }
            #expect(try await Self.count(app, "SELECT COUNT(*) AS n FROM request_matches") == 0)
            // Uganda's focal point may not pick for Kenya.
            let other = try await people("focal-ug@example.org")
            #expect(try await other.post(path, ["kind": "expert", "target": scene.expert.expertID.uuidString]).status == .forbidden)

            var response = try await focal.post(path, ["kind": "expert", "target": scene.expert.expertID.uuidString])
            #expect(response.status == .seeOther)
            response = try await focal.post(path, ["kind": "expert", "target": scene.accountless.uuidString])
            #expect(response.status == .seeOther)
            let matches = try await RequestMatches(database: app.db).list(request: scene.requestID)
            #expect(matches.count == 2 && matches.allSatisfy { $0.state == .picked && !$0.reasons.isEmpty })
            let picked = try #require(matches.first { $0.target == scene.expert.expertID.uuidString })
            let accountless = try #require(matches.first { $0.target == scene.accountless.uuidString })
            #expect(picked.reasons.contains(.sharedLanguages(["fr"])))

            // No account: said on the page and refused online.
            let page = try await focal.get(path).body.string
            #expect(page.contains("has no account on the platform and cannot be invited online"))
            response = try await focal.post("\(path)/\(accountless.id)/invite", ["message": "Would you review it?"])
            #expect(response.status == .unprocessableEntity)
            // A message is required and bounded; another request's match is a 404.
            #expect(try await focal.post("\(path)/\(picked.id)/invite", ["message": "  "]).status == .unprocessableEntity)
            #expect(try await focal.post("\(path)/\(picked.id)/invite", ["message": String(repeating: "m", count: 2_001)]).status
                == .unprocessableEntity)
            #expect(try await focal.post("\(path)/999999/invite", ["message": "Hello"]).status == .notFound)
            try await focal.get(path)
            try await other.get("/en/account")
            #expect(try await other.post("\(path)/\(picked.id)/invite", ["message": "Hello"]).status == .forbidden)

            response = try await focal.post("\(path)/\(picked.id)/invite", ["message": "Would you lead the peer review in March?"])
            #expect(response.status == .seeOther)
            #expect(try await RequestMatches(database: app.db).match(picked.id)?.state == .invited)
            // Invited once: a second invitation is a conflict.
            #expect(try await focal.post("\(path)/\(picked.id)/invite", ["message": "Again"]).status == .conflict)
            // The invitee is told in the application and by one e-mail; the inviter is not.
            let expertID = try scene.expert.user.requireID()
            #expect(try await Self.count(app, "SELECT COUNT(*) AS n FROM notifications WHERE kind = 'matchInvitation' AND user_id = \(bind: expertID)") == 1)
            #expect(try await Self.count(app, "SELECT COUNT(*) AS n FROM notifications WHERE kind = 'matchInvitation'") == 1)
            let mail = try await TestMail.deliver(app)
            #expect(mail.filter { $0.recipient == "invited-expert@example.org" }.count == 1)
        }
    }
}
