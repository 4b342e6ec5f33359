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

@Suite("Password reset, password change, personal data")
struct PasswordAndDataTests {
    @Test("ASVS 2.5.6 reset: same answer for any address, token hashed, single use; 3.3.3 sessions end", arguments: TestEngine.all)
    func resetAnswersAlikeAndItsLinkWorksOnce(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            let phone = Browser(app)
            try await phone.signIn("member@example.org")

            let browser = Browser(app)
            try await browser.get("/en/account/reset")
            let known = try await browser.post("/en/account/reset", ["email": "member@example.org"])
            let unknown = try await browser.post("/en/account/reset", ["email": "nobody@example.org"])
            #expect(known.status == unknown.status)
            #expect(known.text.replacingOccurrences(of: browser.csrf ?? "", with: "") == unknown.text.replacingOccurrences(of: browser.csrf ?? "", with: ""))
            let messages = try await Outbox(database: app.db).messages()
            #expect(messages.count == 1)
            let link = try #require(try await TestMail.link(app, "/en/account/reset/", to: "member@example.org"))
            let stored = try await (app.db as! any SQLDatabase).raw("SELECT token_hash FROM email_tokens WHERE purpose = 'reset'").first()?
                .decode(column: "token_hash", as: String.self)
            #expect(stored?.count == 64 && !link.contains(stored ?? "-"))

            try await browser.get(link)
            #expect(try await browser.post(link, ["password": "123456789"]).status == .unprocessableEntity)
            #expect(try await browser.post(link, ["password": "a brand new passphrase"]).status == .seeOther)
            #expect(try await browser.get(link).status == .notFound)
            // Every session ended with the reset; the new password works.
            #expect(try await phone.get("/en/account").status == .seeOther)
            #expect(try await Browser(app).signIn("member@example.org", "a brand new passphrase").status == .seeOther)
        }
    }

    @Test(arguments: TestEngine.all)
    func expiredResetLinksAreRefused(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            let browser = Browser(app)
            try await browser.get("/en/account/reset")
            try await browser.post("/en/account/reset", ["email": "member@example.org"])
            let link = try #require(try await TestMail.link(app, "/en/account/reset/", to: "member@example.org"))
            try await (app.db as! any SQLDatabase).raw("UPDATE email_tokens SET expires_at = expires_at - 3601").run()
            #expect(try await browser.get(link).status == .notFound)
        }
    }

    @Test("ASVS 6.2.3 a password change needs the current password; 7.4.3 the other sessions end", arguments: TestEngine.all)
    func changingThePasswordEndsOtherSessions(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            let laptop = Browser(app), phone = Browser(app)
            try await laptop.signIn("member@example.org")
            try await phone.signIn("member@example.org")
            try await laptop.get("/en/account/password")
            #expect(try await laptop.post("/en/account/password", ["current": "wrong", "password": "another long phrase"]).status == .unprocessableEntity)
            #expect(try await laptop.post("/en/account/password", ["current": TestUsers.password, "password": "another long phrase"]).status == .seeOther)
            #expect(try await laptop.get("/en/account").status == .ok)
            #expect(try await phone.get("/en/account").status == .seeOther)
        }
    }

    @Test("ASVS 8.3.2 a person exports or deletes their data; 7.5.1 deleting needs the password", arguments: TestEngine.all)
    func exportHoldsEverythingAndDeleteRemovesTheAccount(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            let browser = Browser(app)
            try await browser.signIn("member@example.org")
            let export = try await browser.get("/en/account/export")
            #expect(export.status == .ok)
            #expect(export.headers.first(name: .contentDisposition)?.contains("attachment") == true)
            let json = try #require(try JSONSerialization.jsonObject(with: Data(export.text.utf8)) as? [String: Any])
            #expect((json["account"] as? [String: Any])?["email"] as? String == "member@example.org")
            #expect(((json["activity"] as? [[String: Any]]) ?? []).contains { $0["action"] as? String == "login.success" })
            #expect(!export.text.contains("passwordHash") && !export.text.contains("$2b$"))

            try await browser.get("/en/account")
            #expect(try await browser.post("/en/account/delete", ["password": "wrong"]).status == .badRequest)
            #expect(try await browser.post("/en/account/delete", ["password": TestUsers.password]).status == .seeOther)
            #expect(try await UserModel.query(on: app.db).count() == 0)
            #expect(try await browser.get("/en/account").status == .seeOther)
        }
    }
}
