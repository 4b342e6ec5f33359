import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

@Suite("Two-step sign-in")
struct TwoFactorTests {
    /// RFC 6238 appendix B vectors (SHA-1), last six digits.
    @Test("RFC 6238 test vectors", arguments: [(59, "287082"), (1_111_111_109, "081804"), (1_234_567_890, "005924"), (2_000_000_000, "279037")])
    func rfc6238Vectors(time: Int, code: String) {
        let secret = Base32.encode(Array("12345678901234567890".utf8))
        #expect(secret == "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
        #expect(TOTP.code(secret: secret, step: TOTP.currentStep(at: time)) == code)
    }

    @Test("ASVS 2.8.4 a one-time code is accepted once only")
    func aCodeIsUsedOnceOnly() {
        let secret = TOTP.newSecret()
        let now = 1_800_000_000
        let code = TOTP.code(secret: secret, step: TOTP.currentStep(at: now))!
        let step = TOTP.verify(code, secret: secret, at: now, lastUsed: nil)
        #expect(step == TOTP.currentStep(at: now))
        #expect(TOTP.verify(code, secret: secret, at: now + 5, lastUsed: step) == nil)
        #expect(TOTP.verify("000000", secret: secret, at: now, lastUsed: nil) == nil || code == "000000")
    }

    /// The secret the set-up page shows (made and kept by the server).
    static func secret(on page: String) -> String? {
        page.range(of: "id=\"totp-secret\" dir=\"ltr\">").map { r in String(page[r.upperBound...].prefix { $0 != "<" }) }
    }

    static func code(_ secret: String = TestUsers.totpSecret, ahead: Int = 0) -> String {
        TOTP.code(secret: secret, step: TOTP.currentStep(at: Int(Date().timeIntervalSince1970)) + ahead)!
    }

    @Test("ASVS 6.5.1 a one-time code and a recovery code are each usable once", arguments: TestEngine.all)
    func setUpSignInReplayAndRecovery(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            let browser = Browser(app)
            try await browser.signIn("member@example.org")
            let setup = try await browser.get("/en/account/two-factor")
            let secret = try #require(Self.secret(on: setup.text))
            #expect(try await browser.post("/en/account/two-factor/enable", ["password": TestUsers.password, "code": "123"]).status == .unprocessableEntity)
            // The code is taken as late as possible: on a loaded machine the wrong try above can take long.
            let code = Self.code(secret)
            let enabled = try await browser.post("/en/account/two-factor/enable", ["password": TestUsers.password, "code": code])
            #expect(enabled.status == .ok)
            let recovery = texts(of: "code", in: enabled.text).filter { $0.count == 11 }
            // A failure here ends the test instead of crashing the whole run on `recovery[0]`.
            try #require(recovery.count == 10)

            // Signing in now takes the second step; the code just used is refused (replay).
            let other = Browser(app)
            let first = try await other.post("/en/account/login", ["email": "member@example.org", "password": TestUsers.password],
                                             csrf: try await Self.token(other))
            #expect(first.headers.first(name: .location) == "/en/account/two-factor/verify")
            #expect(try await other.get("/en/account").status == .seeOther)
            try await other.get("/en/account/two-factor/verify")
            #expect(try await other.post("/en/account/two-factor/verify", ["code": code]).status == .unauthorized)
            // A recovery code works once.
            #expect(try await other.post("/en/account/two-factor/verify", ["code": recovery[0].uppercased()]).status == .seeOther)
            #expect(try await other.get("/en/account").status == .ok)
            let third = Browser(app)
            try await third.post("/en/account/login", ["email": "member@example.org", "password": TestUsers.password], csrf: try await Self.token(third))
            try await third.get("/en/account/two-factor/verify")
            #expect(try await third.post("/en/account/two-factor/verify", ["code": recovery[0]]).status == .unauthorized)
            let audit = try await AuditLog(database: app.db).entries()
            #expect(audit.contains { $0.action == "2fa.enabled" } && audit.contains { $0.action == "2fa.recovery_used" })
            #expect(audit.contains { $0.action == "2fa.failure" })
        }
    }

    /// An admin without a second factor is a plain member until one is set up.
    @Test(arguments: TestEngine.all)
    func privilegedRolesNeedTheSecondFactor(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin], twoFactor: false)
            let browser = Browser(app)
            try await browser.signIn("admin@example.org")
            #expect(try await browser.get("/en/admin/audit").status == .forbidden)
            let account = try await browser.get("/en/account")
            #expect(account.text.contains(escapeHTML(Catalogs.bundled.text("twofactor.required", .en))))
        }
    }

    static func token(_ browser: Browser) async throws -> String {
        try await browser.get("/en/account/login")
        return browser.csrf ?? ""
    }
}
