import Foundation
import SankofaCore
import SankofaStore
import SankofaTestSupport
import Testing
import Vapor
import VaporTesting
@testable import SankofaWeb

/// Issue 17: the profile of a disabled account is hidden everywhere, at once, and receives no
/// message; enabling the account again brings it back.
@Suite("Directory: the profile of a disabled account")
struct DisabledAccountProfileTests {
    /// Every place a reader could meet the profile, for one reader: true where it shows.
    static func sightings(_ browser: Browser, _ app: Application) async throws -> [String: Bool] {
        [
            "page": try await browser.get("/en/experts/owned").status == .ok,
            "API record": try await browser.get("/api/v1/experts/owned").status == .ok,
            "list": try await browser.get("/en/experts").text.contains("Name owned"),
            "API list": try await browser.get("/api/v1/experts?perPage=100").text.contains("\"slug\":\"owned\""),
            "facet count": try await browser.get("/api/v1/experts?country=BF").text.contains("{\"count\":2,\"value\":\"BF\"}"),
            "CSV": try await browser.get("/en/experts/export.csv").text.contains("\r\nowned,"),
            "search": try await browser.get("/api/v1/search?q=titlemarkowned").text.contains("\"slug\":\"owned\""),
            "directory q": try await browser.get("/en/experts?q=titlemarkowned").text.contains("Name owned"),
            "practice page": try await browser.get("/en/practices/regional-training").text.contains("/en/experts/owned"),
            "centre page": try await browser.get("/en/centres/owned-centre").text.contains("Name owned"),
            "centre API": try await browser.get("/api/v1/centres/owned-centre").text.contains("\"owned\""),
        ]
    }

    @Test("ASVS 5.0 8.3.2 disabling an account hides its profile at once everywhere and refuses messages to it; enabling restores it",
          arguments: TestEngine.all)
    func aDisabledAccountsProfileIsHiddenEverywhereAndGetsNoMessages(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            let owner = try await TestUsers.make(app, "owner@example.org", roles: [.member, .expert])
            let ownerID = try owner.requireID()
            let open = Dictionary(uniqueKeysWithValues: ProfileField.allCases.map { ($0, Visibility.public) })
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("owned", fields: open), owner: ownerID)
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("other", fields: open))
            try await CentreStore(database: app.db).save(DirectoryFixtures.centre("owned-centre", experts: ["owned", "other"]))
            let admin = try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin])
            try await TestUsers.make(app, "member@example.org")
            try await TestUsers.make(app, "editor@example.org", roles: [.member, .editor])
            let readers = [Browser(app), Browser(app), Browser(app)]
            try await readers[1].signIn("member@example.org")
            try await readers[2].signIn("editor@example.org")
            let admins = Browser(app)
            try await admins.signIn("admin@example.org")
            func setStatus(_ status: AccountStatus) async throws {
                try await admins.get("/en/admin/users/\(ownerID)")
                let response = try await admins.post("/en/admin/users/\(ownerID)", pairs: [("roles[]", "member"), ("roles[]", "expert"), ("status", status.rawValue)])
                #expect(response.status == .seeOther, "status change to \(status): \(response.status)")
            }
            _ = admin
            for reader in readers {
                let hidden = try await Self.sightings(reader, app).filter { !$0.value }.map(\.key)
                #expect(hidden.isEmpty, "before disabling, hidden on \(engine): \(hidden)")
            }
            // A member reads the contact form, then the account is disabled before they send it.
            #expect(try await readers[1].get("/en/experts/owned/contact").status == .ok)

            try await setStatus(.disabled)
            for (index, reader) in readers.enumerated() {
                let seen = try await Self.sightings(reader, app).filter(\.value).map(\.key)
                #expect(seen.isEmpty, "reader \(index) still sees the disabled account's profile on \(engine): \(seen)")
            }
            #expect(try await ExpertDirectory.count(for: Actor(), on: app.db) == 1)
            // A member cannot write to it: the form is a 404, the message refused (not kept, not mailed).
            let mails = try await Outbox(database: app.db).messages().count
            #expect(try await readers[1].get("/en/experts/owned/contact").status == .notFound)
            let refused = try await readers[1].post("/en/experts/owned/contact", ["subject": "Hello", "message": "A question"])
            #expect(refused.status == .notFound, "\(refused.status): \(refused.text.prefix(300))")
            let stored = try #require(try await ExpertStore(database: app.db).find(slug: "owned"))
            await #expect(throws: ContactMessages.Refusal.notListed) {
                try await ContactMessages(database: app.db).send(
                    to: stored.id, from: nil, subject: "s", body: "b", mail: Outbox.Mail(to: "owner@example.org", subject: "s", body: "b"),
                    audit: AuditLog.Entry(at: 0, actorID: nil, actorEmail: nil, action: "expert.contacted", target: "owned", detail: "", ip: ""),
                    now: Int(Date().timeIntervalSince1970))
            }
            #expect(try await ContactMessages(database: app.db).count(expertID: stored.id) == 0)
            #expect(try await Outbox(database: app.db).messages().count == mails)
            // An editor's save of the profile meanwhile keeps it hidden: the save path asks the account's status too.
            try await ExpertStore(database: app.db).save(stored.record)
            #expect(try await readers[0].get("/en/experts/owned").status == .notFound)

            try await setStatus(.active)
            for reader in readers {
                let missing = try await Self.sightings(reader, app).filter { !$0.value }.map(\.key)
                #expect(missing.isEmpty, "after enabling, still hidden on \(engine): \(missing)")
            }
            #expect(try await readers[1].get("/en/experts/owned/contact").status == .ok)
            #expect(try await readers[1].post("/en/experts/owned/contact", ["subject": "Hello", "message": "A question"]).status == .ok)
            #expect(try await ContactMessages(database: app.db).count(expertID: stored.id) == 1)
        }
    }
}
