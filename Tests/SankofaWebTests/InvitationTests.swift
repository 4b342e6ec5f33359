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

/// Invitations through the pages: only the invitee reads and answers one; a decline needs its
/// reason; the first acceptance moves the request to `matched`; the managers and the requester are
/// told; a request whose visibility stops at staff shows the invitee its summary only.
@Suite("Invitations")
struct InvitationTests {
    /// The scene of ``MatchingTests`` with the expert picked and invited by Kenya's focal point.
    static func invited(_ app: Application, _ people: MatchingTests.People,
                        visibility: RequestVisibility = .members) async throws -> (MatchingTests.Scene, Int) {
        let scene = try await MatchingTests.scene(app, visibility: visibility)
        let focal = try await people("focal@example.org")
        let path = "/en/requests/\(scene.requestID)/matches"
        try await focal.get(path)
        #expect(try await focal.post(path, ["kind": "expert", "target": scene.expert.expertID.uuidString]).status == .seeOther)
        let match = try #require(try await RequestMatches(database: app.db).list(request: scene.requestID).first)
        #expect(try await focal.post("\(path)/\(match.id)/invite", ["message": "Would you lead the peer review in March?"]).status == .seeOther)
        return (scene, match.id)
    }

    @Test("only the invitee reads and answers; a decline needs a reason; hostile answers refused", arguments: TestEngine.all)
    func onlyTheInviteeAnswers(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let people = MatchingTests.People(app)
            let (scene, id) = try await Self.invited(app, people)
            let path = "/en/invitations/\(id)"
            // Anyone else: a 404, staff and the focal point who invited included.
            for email in ["staff@example.org", "focal@example.org", "member@example.org", "requester@example.org"] {
                let other = try await people(email)
                #expect(try await other.get(path).status == .notFound, "\(email)")
                #expect(!(try await other.get("/en/invitations").body.string.contains(path)), "\(email)")
                // (A page with forms gives the next post its session's token; the error page's is empty.)
                try await other.get("/en/account")
                #expect(try await other.post(path, ["answer": "accept"]).status == .notFound, "\(email)")
            }
            #expect(try await Browser(app).get(path).status == .seeOther)

            let expert = try await people("invited-expert@example.org")
            let list = try await expert.get("/en/invitations")
            #expect(list.status == .ok && list.body.string.contains(path) && list.body.string.contains("Waiting for your answer"))
            // Invited, they may read the request: the list names it by its title, not its country.
            #expect(list.body.string.contains("Peer review of a prison rehabilitation programme") && !list.body.string.contains("A request from Kenya"))
            let page = try await expert.get(path).body.string
            #expect(page.contains("Would you lead the peer review in March?") && page.contains("Peer review of a prison rehabilitation programme"))
            #expect(page.contains("Kenya") && page.contains("Prisons"))
            for bad in ["/en/invitations/abc", "/en/invitations/0", "/en/invitations/99999999999999999999"] {
                #expect(try await expert.get(bad).status == .notFound, "\(bad)")
            }

            // Hostile and incomplete answers: 422 with the reason in words, nothing changed.
            try await expert.get(path)
            var response = try await expert.post(path, ["answer": "decline", "reason": "   "])
            #expect(response.status == .unprocessableEntity && response.body.string.contains("Say why you decline."))
            response = try await expert.post(path, ["answer": "maybe<script>", "reason": "x"])
            #expect(response.status == .unprocessableEntity && !response.body.string.contains("maybe<script>"))
            response = try await expert.post(path, ["answer": "decline", "reason": String(repeating: "r", count: 2_001)])
            #expect(response.status == .unprocessableEntity)
            #expect(try await RequestMatches(database: app.db).match(id)?.state == .invited)

            // Declined with a reason: stored, shown to the managers; the request stays open.
            response = try await expert.post(path, ["answer": "decline", "reason": "Busy with <b>another</b> review until July."])
            #expect(response.status == .seeOther)
            let match = try #require(try await RequestMatches(database: app.db).match(id))
            #expect(match.state == .declined && match.answerReason == "Busy with <b>another</b> review until July.")
            #expect(try await RequestLookup(database: app.db).request(scene.requestID)?.status == .open)
            // Answered once: a second answer is a conflict.
            #expect(try await expert.post(path, ["answer": "accept"]).status == .conflict)
            let managers = try await people("staff@example.org").get("/en/requests/\(scene.requestID)/matches").body.string
            #expect(managers.contains("Busy with &lt;b&gt;another&lt;/b&gt; review until July.") && managers.contains("Declined"))
        }
    }

    @Test("a request closed since the invitation takes no answer: a 409 in words, the invitation unchanged", arguments: TestEngine.all)
    func aClosedRequestTakesNoAnswer(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let people = MatchingTests.People(app)
            let (scene, id) = try await Self.invited(app, people)
            let closed = try await Requests(database: app.db).takeStep(.close, requestID: scene.requestID, actorID: try scene.requester.requireID(),
                                                                        note: "withdrawn", closure: .withdrawn, now: CooperationFixtures.now)
            #expect(closed != nil)
            let expert = try await people("invited-expert@example.org")
            try await expert.get("/en/invitations/\(id)")
            let response = try await expert.post("/en/invitations/\(id)", ["answer": "accept", "reason": ""])
            #expect(response.status == .conflict && response.body.string.contains("no longer open"))
            #expect(try await RequestMatches(database: app.db).match(id)?.state == .invited)
            // The store refuses too, for an answer racing the closing.
            #expect(try await RequestMatches(database: app.db).answer(id, .accepted, reason: "", inviteeID: try scene.expert.user.requireID(),
                                                                     now: CooperationFixtures.now) == false)
        }
    }

    @Test("the first acceptance matches the request and tells the managers and the requester", arguments: TestEngine.all)
    func acceptanceMatchesTheRequest(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let people = MatchingTests.People(app)
            let (scene, id) = try await Self.invited(app, people)
            let expert = try await people("invited-expert@example.org")
            let response = try await expert.post("/fr/invitations/\(id)", ["answer": "accept", "reason": ""])
            #expect(response.status == .seeOther)
            #expect(try await expert.get("/fr/invitations/\(id)?done=accepted").body.string.contains("Vous avez accepté"))
            #expect(try await RequestMatches(database: app.db).match(id)?.state == .accepted)
            #expect(try await RequestLookup(database: app.db).request(scene.requestID)?.status == .matched)
            let steps = try await MatchingTests.count(app, """
                SELECT COUNT(*) AS n FROM request_events WHERE request_id = \(bind: scene.requestID) AND step = 'match'
                """)
            #expect(steps == 1)
            // Told: the focal point who invited, the requester; not the expert who answered.
            for (user, expected) in [(scene.focal, 1), (scene.requester, 1), (scene.expert.user, 0)] {
                let n = try await MatchingTests.count(app, """
                    SELECT COUNT(*) AS n FROM notifications WHERE kind = 'invitationAnswer' AND user_id = \(bind: try user.requireID())
                    """)
                #expect(n == expected, "\(user.email)")
            }
            // The accepted expert now reads the request itself (its visibility reaches matched experts).
            #expect(try await expert.get("/en/requests/\(scene.requestID)").status == .ok)
        }
    }

    @Test("a request for staff only shows its invitee a summary, never its text", arguments: TestEngine.all)
    func summaryOnlyForAStaffOnlyRequest(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let people = MatchingTests.People(app)
            let (scene, id) = try await Self.invited(app, people, visibility: .staff)
            let expert = try await people("invited-expert@example.org")
            let page = try await expert.get("/en/invitations/\(id)").body.string
            #expect(page.contains("Only a summary of this request is shared"))
            #expect(!page.contains("Peer review of a prison rehabilitation programme") && !page.contains("Our prison service wants"))
            #expect(page.contains("Kenya") && page.contains("Would you lead the peer review in March?"))
            let list = try await expert.get("/en/invitations").body.string
            #expect(list.contains("A request from Kenya") && !list.contains("Peer review of a prison rehabilitation programme"))
            let own = try await expert.get("/en/requests/\(scene.requestID)")
            #expect(own.status == .notFound, "\(own.status)")
        }
    }
}
