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

/// Switching two-step sign-in on and off and making recovery codes: the server's secret, the
/// password asked again, each code spent once even under simultaneous requests, codes stored salted.
@Suite("Two-step sign-in: changes and single use")
struct TwoFactorChangeTests {
    static func stored(_ app: Application, _ email: String) async throws -> UserModel {
        try #require(try await UserStore(database: app.db).find(email: email))
    }

    @Test("ASVS 7.5.1 two-step sign-in is switched on with the server's secret, the password and a code; 7.4.3 other sessions end",
          arguments: TestEngine.all)
    func enablingNeedsTheServersSecretAndThePassword(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org")
            let laptop = Browser(app), phone = Browser(app)
            try await laptop.signIn("member@example.org")
            try await phone.signIn("member@example.org")
            let secret = try #require(TwoFactorTests.secret(on: try await laptop.get("/en/account/two-factor").text))
            // The secret is the server's, kept until confirmed: a reload shows the same one.
            #expect(TwoFactorTests.secret(on: try await laptop.get("/en/account/two-factor").text) == secret)
            #expect(try await Self.stored(app, "member@example.org").totpPendingSecret == secret)

            // A secret the form brings is not taken, even with the right password and its code.
            let chosen = TOTP.newSecret()
            let forged = try await laptop.post("/en/account/two-factor/enable",
                                               ["secret": chosen, "code": TwoFactorTests.code(chosen), "password": TestUsers.password])
            #expect(forged.status == .unprocessableEntity)
            // The right code without the password, or with a wrong one, switches nothing on.
            #expect(try await laptop.post("/en/account/two-factor/enable", ["code": TwoFactorTests.code(secret)]).status == .unprocessableEntity)
            #expect(try await laptop.post("/en/account/two-factor/enable", ["code": TwoFactorTests.code(secret), "password": "wrong"])
                .status == .unprocessableEntity)
            #expect(try await Self.stored(app, "member@example.org").totpSecret == nil)

            let enabled = try await laptop.post("/en/account/two-factor/enable", ["code": TwoFactorTests.code(secret), "password": TestUsers.password])
            #expect(enabled.status == .ok)
            let user = try await Self.stored(app, "member@example.org")
            #expect(user.totpSecret == secret && user.totpPendingSecret == nil)
            // This browser goes on under a new session; the phone's session has ended.
            #expect(try await laptop.get("/en/account").status == .ok)
            #expect(try await phone.get("/en/account").status == .seeOther)
        }
    }

    @Test("ASVS 7.5.1 switching two-step sign-in off and making new recovery codes need the password and a code", arguments: TestEngine.all)
    func disablingAndNewCodesNeedThePassword(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "member@example.org", twoFactor: true)
            let browser = Browser(app)
            try await browser.signIn("member@example.org")
            try await browser.get("/en/account/two-factor")
            // The sign-in spent this step's code: the next step's is the one a phone shows next.
            let next = TwoFactorTests.code(ahead: 1)
            #expect(try await browser.post("/en/account/two-factor/recovery-codes", ["code": next]).status == .unprocessableEntity)
            #expect(try await browser.post("/en/account/two-factor/disable", ["code": next]).status == .unprocessableEntity)
            #expect(try await browser.post("/en/account/two-factor/disable", ["code": next, "password": "wrong"]).status == .unprocessableEntity)
            #expect(try await Self.stored(app, "member@example.org").twoFactorEnabled)

            let codes = try await browser.post("/en/account/two-factor/recovery-codes", ["code": next, "password": TestUsers.password])
            #expect(codes.status == .ok)
            #expect(texts(of: "code", in: codes.text).filter { $0.count == 11 }.count == 10)
            // That code is spent: switching off needs a newer one (the phone's next, half a minute on).
            #expect(try await browser.post("/en/account/two-factor/disable", ["code": next, "password": TestUsers.password]).status == .unprocessableEntity)
            #expect(try await Self.stored(app, "member@example.org").twoFactorEnabled)

            // Another account, whose next code is unspent, switches off with the password and it.
            try await TestUsers.make(app, "other@example.org", twoFactor: true)
            let other = Browser(app)
            try await other.signIn("other@example.org")
            try await other.get("/en/account/two-factor")
            #expect(try await other.post("/en/account/two-factor/disable", ["code": TwoFactorTests.code(ahead: 1), "password": TestUsers.password])
                .status == .ok)
            let off = try await Self.stored(app, "other@example.org")
            #expect(!off.twoFactorEnabled)
            #expect(try await RecoveryCodes(database: app.db).remaining(for: try off.requireID()) == 0)
        }
    }

    @Test("ASVS 6.5.2 recovery codes are stored with a salted slow hash; the unsalted ones are deleted", arguments: TestEngine.all)
    func recoveryCodesAreStoredSalted(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let user = try await TestUsers.make(app, "member@example.org", twoFactor: true)
            let browser = Browser(app)
            try await browser.signIn("member@example.org")
            try await browser.get("/en/account/two-factor")
            let page = try await browser.post("/en/account/two-factor/recovery-codes", ["code": TwoFactorTests.code(ahead: 1), "password": TestUsers.password])
            let codes = texts(of: "code", in: page.text).filter { $0.count == 11 }
            #expect(codes.count == 10)
            let hashes = try await RecoveryCodes(database: app.db).unused(for: try user.requireID())
            #expect(hashes.count == 10 && Set(hashes).count == 10)
            #expect(hashes.allSatisfy { $0.hasPrefix("$2b$\(RecoveryCode.cost)$") && $0.count == 60 })
            // Neither the code nor its plain digest is stored; the hash still finds the code, typed any way.
            let plain = codes.map { Tokens.digest(RecoveryCode.normalised($0)) }
            #expect(Set(hashes).isDisjoint(with: plain + codes))
            let match = try await RecoveryCode.match(codes[3].uppercased().replacingOccurrences(of: "-", with: " "), among: hashes,
                                                     Request(application: app, on: app.eventLoopGroup.next()))
            #expect(match != nil)

            // A row stored the old way (a SHA-256 digest) is deleted by the migration; a salted one stays.
            let sql = app.db as! any SQLDatabase
            try await sql.raw("INSERT INTO recovery_codes (code_hash, user_id) VALUES (\(bind: Tokens.digest("abcdefghjk")), \(bind: try user.requireID()))").run()
            try await ForgetUnsaltedRecoveryCodes().prepare(on: app.db)
            #expect(try await RecoveryCodes(database: app.db).unused(for: try user.requireID()).sorted() == hashes.sorted())
        }
    }
}
