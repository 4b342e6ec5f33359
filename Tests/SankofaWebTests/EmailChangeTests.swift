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

@Suite("Changing the account's e-mail address")
struct EmailChangeTests {
    @Test("ASVS 7.5.1 an address change needs the password and is confirmed by a POST from the new address's link; 6.3.7 the old address is told",
          arguments: TestEngine.all)
    func changingTheAddress(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            let browser = Browser(app)
            try await browser.signIn("member@example.org")
            #expect(try await browser.get("/en/account").text.contains("/en/account/email"))
            #expect(try await browser.get("/en/account/email").status == .ok)
            #expect(try await browser.post("/en/account/email", ["email": "new@example.org"]).status == .unprocessableEntity)
            #expect(try await browser.post("/en/account/email", ["email": "new@example.org", "password": "wrong"]).status == .unprocessableEntity)
            #expect(try await Outbox(database: app.db).messages().isEmpty)

            let asked = try await browser.post("/en/account/email", ["email": "New@Example.org", "password": TestUsers.password])
            #expect(asked.status == .ok)
            #expect(asked.text.contains(escapeHTML(Catalogs.bundled.text("email.change.sent", .en))))
            let link = try #require(try await TestMail.link(app, "/en/account/email/", to: "new@example.org"))
            // Opening the link (as a mail scanner would) changes nothing; its page's button does.
            let reader = Browser(app)
            #expect(try await reader.get(link).status == .ok)
            #expect(try await UserStore(database: app.db).find(email: "member@example.org") != nil)
            let done = try await reader.post(link, [:])
            #expect(done.status == .ok)
            let user = try #require(try await UserStore(database: app.db).find(email: "new@example.org"))
            #expect(user.emailVerifiedAt != nil)
            #expect(try await reader.post(link, [:]).status == .notFound)

            let notice = try #require(try await Outbox(database: app.db).messages().first { $0.recipient == "member@example.org" })
            #expect(notice.subject == Catalogs.bundled.text("mail.emailChanged.subject", .en) && notice.body.contains("new@example.org"))
            #expect(try await Browser(app).signIn("new@example.org").status == .seeOther)
            let audit = try await AuditLog(database: app.db).entries()
            #expect(audit.contains { $0.action == "email.changed" && $0.detail == "new@example.org" })
        }
    }

    @Test("ASVS 6.3.8 asking for another account's address gets the same answer and no mail", arguments: TestEngine.all)
    func anotherAccountsAddressIsNotRevealed(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            try await TestUsers.make(app, "other@example.org")
            let browser = Browser(app)
            try await browser.signIn("member@example.org")
            try await browser.get("/en/account/email")
            let taken = try await browser.post("/en/account/email", ["email": "other@example.org", "password": TestUsers.password])
            let csrfOfTaken = browser.csrf ?? ""
            let free = try await browser.post("/en/account/email", ["email": "free@example.org", "password": TestUsers.password])
            #expect(taken.status == free.status)
            #expect(taken.text.replacingOccurrences(of: csrfOfTaken, with: "") == free.text.replacingOccurrences(of: browser.csrf ?? "", with: ""))
            let recipients = try await Outbox(database: app.db).messages().map(\.recipient)
            #expect(recipients == ["free@example.org"])
            #expect(try await UserStore(database: app.db).find(email: "other@example.org") != nil)
        }
    }

    @Test("ASVS 2.3.4 two accounts confirming the same new address at once: one gets it, the other a 404, never a 500",
          arguments: TestEngine.all)
    func twoAccountsRaceForOneAddress(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            for round in 1...3 {
                let wanted = "wanted\(round)@example.org"
                var readers: [(Browser, String)] = []
                for owner in ["a\(round)@example.org", "b\(round)@example.org"] {
                    try await TestUsers.make(app, owner)
                    let browser = Browser(app)
                    try await browser.signIn(owner)
                    try await browser.get("/en/account/email")
                    #expect(try await browser.post("/en/account/email", ["email": wanted, "password": TestUsers.password]).status == .ok)
                    let link = try #require(try await TestMail.link(app, "/en/account/email/", to: wanted))
                    let reader = Browser(app)
                    #expect(try await reader.get(link).status == .ok)
                    readers.append((reader, link))
                }
                let (one, two) = (readers[0], readers[1])
                async let first = one.0.post(one.1, [:])
                async let second = two.0.post(two.1, [:])
                let statuses = try await [first.status, second.status].map(\.code).sorted()
                #expect(statuses == [200, 404], "round \(round): \(statuses)")
                #expect(try await UserStore(database: app.db).find(email: wanted) != nil)
            }
        }
    }
}
