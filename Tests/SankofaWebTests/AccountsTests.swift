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

@Suite("Accounts, sessions and protection")
struct AccountsTests {
    static let applicant = [
        "name": "Aïcha Diallo", "email": "aicha@example.org", "password": "une phrase assez longue", "country": "SN",
        "organisation": "Ministère de l'Intérieur", "organisationType": "government", "position": "Analyste",
        "motivation": "Partager notre expérience de prévention.", "language": "fr",
    ]

    @Test(arguments: TestEngine.all)
    func registrationMakesAPendingAccountThatCanSeeItsStatus(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let browser = Browser(app)
            try await browser.get("/fr/account/register")
            let response = try await browser.post("/fr/account/register", Self.applicant)
            #expect(response.status == .ok && response.text.contains(escapeHTML(Catalogs.bundled.text("account.register.sent", .fr))))
            #expect(try await browser.signIn("aicha@example.org", Self.applicant["password"]!).status == .seeOther)
            let page = try await browser.get("/fr/account")
            #expect(page.status == .ok)
            #expect(page.text.contains(escapeHTML(Catalogs.bundled.text("account.status.pending", .fr))))
            let user = try #require(try await UserModel.query(on: app.db).filter(\.$email == "aicha@example.org").first())
            #expect(user.accountStatus == .pending && user.roles.isEmpty)
            #expect(user.passwordHash.hasPrefix("$2b$12$") || user.passwordHash.hasPrefix("$2a$12$") || user.passwordHash.hasPrefix("$2y$12$"))
            // A pending account is not a member: member pages stay closed.
            #expect(try await browser.get("/fr/admin/vetting").status == .forbidden)

            // The verification link arrives, in the applicant's language; its page's button verifies, once.
            let mail = try #require(try await TestMail.deliver(app).first)
            #expect(mail.recipient == "aicha@example.org" && mail.subject == Catalogs.bundled.text("mail.verify.subject", .fr))
            let link = try #require(TestMail.link("/fr/account/verify/", to: "aicha@example.org", in: [mail]))
            #expect(try await browser.get(link).status == .ok)
            #expect(try await browser.post(link, [:]).status == .ok)
            #expect(try await UserModel.find(user.id, on: app.db)?.emailVerifiedAt != nil)
            #expect(try await browser.get(link).status == .notFound)
            #expect(try await browser.post(link, [:]).status == .notFound)
        }
    }

    @Test(arguments: TestEngine.all)
    func badRegistrationKeepsWhatWasTypedAndExplainsEachField(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let browser = Browser(app)
            try await browser.get("/es/account/register")
            var form = Self.applicant
            form["password"] = "password123"
            form["email"] = "not-an-address"
            form["country"] = "XX"
            form["name"] = "<script>alert(1)</script>"
            let response = try await browser.post("/es/account/register", form)
            #expect(response.status == .unprocessableEntity)
            for key in ["error.password.common", "error.email", "error.country"] {
                #expect(response.text.contains(escapeHTML(Catalogs.bundled.text(key, .es))), "\(key)")
            }
            #expect(response.text.contains("value=\"&lt;script&gt;alert(1)&lt;/script&gt;\""))
            #expect(!response.text.contains("<script>alert"))
            #expect(!response.text.contains("password123"))
            #expect(try await UserModel.query(on: app.db).count() == 0)
        }
    }

    @Test("ASVS 3.2.1 new session id at sign-in; 3.4.2 HttpOnly, 3.4.3 SameSite", arguments: TestEngine.all)
    func sessionIDChangesAtLoginAndCookieIsHardened(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            let browser = Browser(app)
            let form = try await browser.get("/en/account/login")
            let cookieHeader = try #require(form.headers[.setCookie].first)
            #expect(cookieHeader.contains("HttpOnly") && cookieHeader.contains("SameSite=Lax"))
            let before = try #require(browser.cookie)
            let login = try await browser.post("/en/account/login", ["email": "member@example.org", "password": TestUsers.password])
            #expect(login.status == .seeOther)
            let after = try #require(browser.cookie)
            #expect(before != after)
            // The old id opens nothing.
            let stale = try await app.get("/en/account", headers: ["Cookie": before])
            #expect(stale.status == .seeOther)
            #expect(try await browser.get("/en/account").status == .ok)
        }
    }

    @Test("ASVS 4.2.2 CSRF token and origin checked on every state change", arguments: TestEngine.all)
    func csrfMissingWrongOrCrossOriginIsA403(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            let browser = Browser(app)
            try await browser.get("/en/account/login")
            let credentials = ["email": "member@example.org", "password": TestUsers.password]
            #expect(try await browser.post("/en/account/login", credentials, omitToken: true).status == .forbidden)
            #expect(try await browser.post("/en/account/login", credentials, csrf: "forged").status == .forbidden)
            browser.origin = "https://evil.example"
            let crossSite = try await browser.post("/en/account/login", credentials)
            #expect(crossSite.status == .forbidden)
            #expect(crossSite.text.contains(escapeHTML(Catalogs.bundled.text("error.csrf.message", .en))))
            browser.origin = nil
            #expect(try await browser.post("/en/account/login", credentials).status == .forbidden)
        }
    }

    @Test("ASVS 2.2.1 sign-in attempts limited (429, Retry-After)", arguments: TestEngine.all)
    func bruteForceIsA429WithRetryAfter(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            let browser = Browser(app)
            try await browser.get("/en/account/login")
            for _ in 0..<Limits.signInPerAccountAndSource.hits {
                let wrong = try await browser.post("/en/account/login", ["email": "member@example.org", "password": "wrong password!"])
                #expect(wrong.status == .unauthorized)
            }
            let blocked = try await browser.post("/en/account/login", ["email": "member@example.org", "password": TestUsers.password])
            #expect(blocked.status == .tooManyRequests)
            #expect(Int(blocked.headers.first(name: .retryAfter) ?? "") ?? 0 > 0)
            #expect(blocked.text.contains(escapeHTML(Catalogs.bundled.text("error.tooMany.title", .en))))
            let failures = try await AuditLog(database: app.db).entries(action: "login.failure")
            #expect(failures.count == Limits.signInPerAccountAndSource.hits)
        }
    }

    @Test("ASVS 3.3.1 logout ends sessions; 3.3.2 idle timeout", arguments: TestEngine.all)
    func logoutEverywhereAndIdleTimeoutEndSessions(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            let laptop = Browser(app), phone = Browser(app)
            try await laptop.signIn("member@example.org")
            try await phone.signIn("member@example.org")
            let account = try await laptop.get("/en/account")
            #expect(texts(of: "tr", in: account.text).count == 3) // header + two sessions
            try await laptop.post("/en/account/sessions/end-all", [:])
            #expect(try await phone.get("/en/account").status == .seeOther)
            #expect(try await laptop.get("/en/account").status == .seeOther)

            try await phone.signIn("member@example.org")
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE sessions SET last_seen_at = last_seen_at - \(bind: 31 * 60)").run()
            #expect(try await phone.get("/en/account").status == .seeOther)
        }
    }

    @Test(arguments: TestEngine.all)
    func vettingByAdminOrFocalPointOfTheSameCountry(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let applicant = try await TestUsers.make(app, "new@example.org", roles: [], status: .pending, country: "SN")
            applicant.emailVerifiedAt = Date()
            try await applicant.save(on: app.db)
            try await TestUsers.make(app, "fp.kenya@example.org", roles: [.member, .focalPoint], country: "KE")
            try await TestUsers.make(app, "fp.senegal@example.org", roles: [.member, .focalPoint], country: "SN")
            let path = "/en/admin/vetting/\(applicant.id!.uuidString)"

            let kenya = Browser(app)
            try await kenya.signIn("fp.kenya@example.org")
            let queue = try await kenya.get("/en/admin/vetting")
            #expect(queue.status == .ok && !queue.text.contains("new@example.org"))
            #expect(try await kenya.post(path, ["decision": "approve"]).status == .forbidden)

            let senegal = Browser(app)
            try await senegal.signIn("fp.senegal@example.org")
            #expect(try await senegal.get("/en/admin/vetting").text.contains("new@example.org"))
            #expect(try await senegal.post(path, ["decision": "reject", "reason": ""]).status == .badRequest)
            #expect(try await senegal.post(path, ["decision": "approve", "reason": "Known to our ministry"]).status == .seeOther)
            let vetted = try #require(try await UserModel.find(applicant.id, on: app.db))
            #expect(vetted.accountStatus == .active && vetted.roleSet == [.member])
            let mail = try #require(try await Outbox(database: app.db).messages().first)
            #expect(mail.recipient == "new@example.org" && mail.subject == Catalogs.bundled.text("mail.approved.subject", .en))
            #expect(try await AuditLog(database: app.db).entries(action: "vetting.approved").count == 1)
        }
    }

    @Test("ASVS 7.3.3 the audit log cannot be changed", arguments: TestEngine.all)
    func theAuditLogIsAppendOnly(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            try await Browser(app).signIn("member@example.org")
            let sql = app.db as! any SQLDatabase
            #expect(try await AuditLog(database: app.db).entries().count == 1)
            await #expect(throws: (any Error).self) { try await sql.raw("UPDATE audit_log SET action = 'x'").run() }
            await #expect(throws: (any Error).self) { try await sql.raw("DELETE FROM audit_log").run() }
            #expect(try await AuditLog(database: app.db).entries().first?.action == "login.success")
        }
    }

    @Test("ASVS 2.1.1-2.1.2 length 8 to 128, 2.1.7 common passwords refused, 2.4.1 whole password hashed")
    func passwordsCountBeyondBcrypts72Bytes() throws {
        let base = String(repeating: "a", count: 80)
        let hash = try Passwords.hash(base + "1", cost: 4)
        #expect(Passwords.verify(base + "1", against: hash))
        #expect(!Passwords.verify(base + "2", against: hash))
        #expect(PasswordPolicy.standard.commonCount >= 10_000)
        #expect(PasswordPolicy.standard.problem(with: "Password1") == "error.password.common")
        #expect(PasswordPolicy.standard.problem(with: "short") == "error.password.short")
        #expect(PasswordPolicy.standard.problem(with: String(repeating: "x", count: 129)) == "error.password.long")
        #expect(PasswordPolicy.standard.problem(with: "тихий берег реки") == nil)
    }
}
