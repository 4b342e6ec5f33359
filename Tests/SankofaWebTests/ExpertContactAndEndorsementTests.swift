import Foundation
import SankofaCore
import SankofaStore
import SankofaTestSupport
import Testing
import Vapor
import VaporTesting
@testable import SankofaWeb

/// Who may endorse an expert and how an endorsement is named; members writing to experts
/// through the contact form, without seeing the address, within limits.
@Suite("Directory: endorsements and writing to experts")
struct ExpertContactAndEndorsementTests {
    @Test(arguments: TestEngine.all)
    func onlyAFocalPointOfTheSameCountryEndorses(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("kenyan", country: "KE", fields: [.country: .public]))
            let kenyanFocal = try await TestUsers.make(app, "focal.ke@example.org", roles: [.member, .focalPoint], country: "KE")
            try await TestUsers.make(app, "focal.ng@example.org", roles: [.member, .focalPoint], country: "NG")
            try await TestUsers.make(app, "member.ke@example.org", roles: [.member], country: "KE")
            // The Kenyan focal point has a public profile of their own: their name is shown on the endorsement.
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("focal-ke", country: "KE"), owner: kenyanFocal.id)

            let visitor = Browser(app)
            try await visitor.get("/en/account/login")   // a valid token: the refusal is about the role, not CSRF
            let anonymous = try await visitor.post("/en/experts/kenyan/endorse", [:])
            #expect(anonymous.status == .seeOther && anonymous.headers.first(name: .location) == "/en/account/login")
            for (email, status) in [("focal.ng@example.org", HTTPStatus.forbidden), ("member.ke@example.org", .forbidden)] {
                let browser = Browser(app)
                try await browser.signIn(email)
                let page = try await browser.get("/en/experts/kenyan")
                #expect(!page.text.contains("/en/experts/kenyan/endorse"), "\(email) is offered to endorse")
                #expect(try await browser.post("/en/experts/kenyan/endorse", [:]).status == status, "\(email)")
            }
            let focal = Browser(app)
            try await focal.signIn("focal.ke@example.org")
            #expect(try await focal.get("/en/experts/kenyan").text.contains("/en/experts/kenyan/endorse"))
            let done = try await focal.post("/en/experts/kenyan/endorse", [:])
            #expect(done.status == .seeOther && done.headers.first(name: .location) == "/en/experts/kenyan")
            try await focal.post("/en/experts/kenyan/endorse", [:])   // twice counts once
            let stored = try #require(try await ExpertStore(database: app.db).find(slug: "kenyan"))
            #expect(stored.endorsements.count == 1 && stored.endorsements[0].endorserUserID == kenyanFocal.id)
            let page = try await visitor.get("/en/experts/kenyan").text
            #expect(page.contains("Endorsed by Name focalke on"))
            // Nobody endorses themselves, even a focal point.
            #expect(try await focal.post("/en/experts/focal-ke/endorse", [:]).status == .forbidden)
            // Withdrawing removes it.
            try await focal.get("/en/experts/kenyan")
            #expect(try await focal.post("/en/experts/kenyan/endorse/withdraw", [:]).status == .seeOther)
            #expect(try await ExpertStore(database: app.db).find(slug: "kenyan")?.endorsements.isEmpty == true)
        }
    }

    @Test(arguments: TestEngine.all)
    func anEndorserWithAClosedProfileIsNotNamed(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            var endorser = DirectoryFixtures.expert("endorser", country: "NG", profile: .staff)
            endorser.focalPointFor = "country"
            try await DirectoryFixtures.save(app, endorser)
            var endorsed = DirectoryFixtures.expert("endorsed", country: "NG")
            endorsed.endorsements = [EndorsementRecord(by: "endorser", date: "2026-05-14")]
            try await DirectoryFixtures.save(app, endorsed)
            let page = try await app.get("/en/experts/endorsed").text
            let date = DateFormatting.longDate(ISODay.parse("2026-05-14")!, .en)
            #expect(page.contains("Endorsed by a focal point of the country on \(date)"))
            #expect(!page.contains("Name endorser"))
        }
    }

    @Test(arguments: TestEngine.all)
    func membersWriteToExpertsWithoutSeeingTheAddressAndAreRateLimited(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let address = "expert.\(UUID().uuidString.prefix(8).lowercased())@example.org"
            let expertID = try await DirectoryFixtures.save(app, DirectoryFixtures.expert("reachable", email: address))
            try await TestUsers.make(app, "writer@example.org", country: "PE")

            let visitor = Browser(app)
            #expect(try await visitor.get("/en/experts/reachable/contact").headers.first(name: .location) == "/en/account/login")
            #expect(try await visitor.get("/en/experts/reachable").text.contains("Members of the platform can write to experts"))

            let member = Browser(app)
            try await member.signIn("writer@example.org")
            #expect(try await member.get("/en/experts/reachable").text.contains("/en/experts/reachable/contact"))
            let form = try await member.get("/en/experts/reachable/contact")
            #expect(form.status == .ok && !form.text.contains(address))
            let empty = try await member.post("/en/experts/reachable/contact", ["subject": "", "message": ""])
            #expect(empty.status == .unprocessableEntity && empty.text.contains("This field is required"))
            #expect(try await member.post("/en/experts/reachable/contact", ["subject": "x", "message": "y"], omitToken: true).status == .forbidden)

            let body = "Bonjour,\nnous préparons un programme pénitentiaire à Lima. Pourriez-vous partager votre expérience ?"
            let sent = try await member.post("/en/experts/reachable/contact", ["subject": "Prison dialogue in Peru", "message": body])
            #expect(sent.status == .ok && sent.text.contains("Your message has been sent") && !sent.text.contains(address))
            #expect(try await ContactMessages(database: app.db).count(expertID: expertID) == 1)
            let queued = try #require(try await Outbox(database: app.db).messages().first { $0.recipient == address })
            #expect(queued.subject == "Sankofa: Prison dialogue in Peru")
            #expect(queued.body.contains(body) && queued.body.contains("writer@example.org") && queued.body.contains("Peru"))

            // Delivered through the SMTP test server when scripts/test runs one.
            if SMTPTestServer.running {
                _ = try await SMTPTestServer.sender(app, SMTPTestServer.url("smtp", "SMTP_TEST_PORT")).runOnce()
                let delivered = try #require(try SMTPTestServer.delivered(to: address).first)
                #expect(delivered.headers["subject"] == "Sankofa: Prison dialogue in Peru")
                #expect(delivered.text.contains("Pourriez-vous partager votre expérience ?"))
            }

            // Three messages a day from one sender to one expert; the fourth is refused with Retry-After.
            for number in 2...3 {
                #expect(try await member.post("/en/experts/reachable/contact", ["subject": "Follow-up \(number)", "message": "More"]).status == .ok)
            }
            let limited = try await member.post("/en/experts/reachable/contact", ["subject": "Too many", "message": "More"])
            #expect(limited.status == .tooManyRequests && limited.headers.first(name: .retryAfter) != nil)
            #expect(try await ContactMessages(database: app.db).count(expertID: expertID) == 3)
            // Five attempts an hour from one sender in all (the refused one counts): one more to
            // another expert goes through, the next is refused.
            for slug in ["second", "third"] {
                try await DirectoryFixtures.save(app, DirectoryFixtures.expert(slug))
            }
            #expect(try await member.post("/en/experts/second/contact", ["subject": "Hello", "message": "More"]).status == .ok)
            #expect(try await member.post("/en/experts/third/contact", ["subject": "Hello", "message": "More"]).status == .tooManyRequests)
        }
    }
}
