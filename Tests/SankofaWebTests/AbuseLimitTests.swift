import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import SankofaTestSupport
@testable import SankofaWeb

@Suite("Lockout, re-authentication and the audit log's growth")
struct AbuseLimitTests {
    static let wrong = ["email": "owner@example.org", "password": "wrong password!"]

    @Test("ASVS 6.1.1, 6.3.1: a stranger's wrong passwords from one source do not lock the owner out", arguments: TestEngine.all)
    func asvs_6_1_1_aStrangersGuessesDoNotLockTheOwnerOut(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            _ = try await ForwardedForTests.quickAccounts(app, ["owner@example.org"])
            let stranger = PeerBrowser(app, .peer("203.0.113.66"))
            try await stranger.get("/en/account/login")
            for _ in 0..<Limits.signInPerAccountAndSource.hits {
                #expect(try await stranger.post("/en/account/login", Self.wrong).status == .unauthorized)
            }
            #expect(try await stranger.post("/en/account/login", Self.wrong).status == .tooManyRequests)
            let right = ["email": "owner@example.org", "password": TestUsers.password]
            #expect(try await stranger.post("/en/account/login", right).status == .tooManyRequests)

            let owner = PeerBrowser(app, .peer("198.51.100.20"))
            #expect(try await owner.signIn("owner@example.org").status == .seeOther)
            #expect(try await Outbox(database: app.db).messages().isEmpty)
        }
    }

    @Test("ASVS 6.3.1, 6.3.5: guessing from many sources meets the account's slower limit; the owner is told once, in their language",
          arguments: TestEngine.all)
    func asvs_6_3_5_guessingFromManySourcesPausesTheAccountAndTellsTheOwnerOnce(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            _ = try await ForwardedForTests.quickAccounts(app, ["owner@example.org"], language: .fr)
            let guesser = PeerBrowser(app, .peer("192.0.2.1"))
            try await guesser.get("/en/account/login")
            func from(_ index: Int) -> PeerBrowser.Transport { .peer("203.0.\(index / 200).\(index % 200 + 1)") }
            var statuses: [HTTPStatus] = []
            for index in 0..<Limits.signInPerAccount.hits {
                guesser.transport = from(index)
                statuses.append(try await guesser.post("/en/account/login", Self.wrong).status)
            }
            #expect(statuses.allSatisfy { $0 == .unauthorized })
            #expect(try await Outbox(database: app.db).messages().isEmpty)

            guesser.transport = from(500)
            #expect(try await guesser.post("/en/account/login", Self.wrong).status == .tooManyRequests)
            guesser.transport = from(501)
            #expect(try await guesser.post("/en/account/login", Self.wrong).status == .tooManyRequests)
            // The price of the account-wide limit: the owner waits too, and is told why.
            let owner = PeerBrowser(app, .peer("198.51.100.20"))
            #expect(try await owner.signIn("owner@example.org").status == .tooManyRequests)

            let mail = try await Outbox(database: app.db).messages()
            #expect(mail.count == 1)
            #expect(mail.first?.recipient == "owner@example.org")
            #expect(mail.first?.subject == Catalogs.bundled.text("mail.signInPaused.subject", .fr))
            #expect(mail.first?.body.contains("/fr/account/reset") == true)
            #expect(try await AuditLog(database: app.db).entries(action: "login.paused").count == 1)
        }
    }

    @Test("ASVS 2.4.1, 16.3.2: visitors' refused requests are counted per route and hour, not logged one by one",
          arguments: TestEngine.all)
    func asvs_2_4_1_visitorsRefusalsAreCountedNotLogged(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            for _ in 0..<200 {
                #expect(try await app.get("/en/admin/audit").status != .ok)
            }
            #expect(try await AuditLog(database: app.db).entries(action: "access.denied").isEmpty)
            let counts = try await DeniedRequests(database: app.db).counts()
            #expect(counts.allSatisfy { $0.route == "GET /:lang/admin/audit" && $0.actor.isEmpty })
            #expect(counts.map(\.hits).reduce(0, +) == 200)
        }
    }

    @Test("ASVS 16.3.2, 2.4.1: a member's refusals are logged, up to a bound per account and per source; the rest are counted",
          arguments: TestEngine.all)
    func asvs_16_3_2_membersRefusalsAreLoggedWithinABound(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let perAccount = Limits.deniedLinesPerAccount.hits, perSource = Limits.deniedLinesPerSource.hits
            // Enough accounts to pass the source's bound; every in-memory request has the same (unknown) source.
            let members = (0...(perSource / perAccount)).map { "member\($0)@example.org" }
            var asked: [String: Int] = [:]
            _ = try await ForwardedForTests.quickAccounts(app, members)
            for (index, email) in members.enumerated() {
                let browser = Browser(app)
                try await browser.signIn(email)
                asked[email] = index == 0 ? perAccount + 5 : (index == members.count - 1 ? 1 : perAccount)
                for _ in 0..<asked[email]! {
                    #expect(try await browser.get("/en/admin/audit").status == .forbidden)
                }
            }
            let lines = try await AuditLog(database: app.db).entries(action: "access.denied", limit: 1000)
            #expect(lines.count == perSource)
            #expect(lines.filter { $0.actorEmail == members[0] }.count == perAccount)
            #expect(lines.allSatisfy { $0.target == "/en/admin/audit" && $0.detail == "readAuditLog" })
            let counts = try await DeniedRequests(database: app.db).counts()
            func counted(_ email: String) -> Int { counts.filter { $0.actor == email }.map(\.hits).reduce(0, +) }
            #expect(counted(members[0]) == 5)
            #expect(counted(members[members.count - 1]) == 1)
            #expect(counts.map(\.hits).reduce(0, +) + lines.count == asked.values.reduce(0, +))

            // Admins read the counts.
            try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin])
            let admin = Browser(app)
            try await admin.signIn("admin@example.org")
            let page = try await admin.get("/en/admin/denied")
            #expect(page.status == .ok && page.text.contains("GET /:lang/admin/audit") && page.text.contains(members[0]))
        }
    }

    /// Every form that asks a signed-in person for their password (or code) again.
    enum Reauthentication: String, CaseIterable, CustomTestStringConvertible {
        case passwordChange, accountDeletion, emailChange, twoFactorOn, twoFactorOff, newRecoveryCodes
        var testDescription: String { rawValue }

        var twoFactor: Bool { [.twoFactorOff, .newRecoveryCodes].contains(self) }
        var page: String { self == .twoFactorOn || twoFactor ? "/en/account/two-factor" : "/en/account/password" }
        var path: String {
            switch self {
            case .passwordChange: "/en/account/password"
            case .accountDeletion: "/en/account/delete"
            case .emailChange: "/en/account/email"
            case .twoFactorOn: "/en/account/two-factor/enable"
            case .twoFactorOff: "/en/account/two-factor/disable"
            case .newRecoveryCodes: "/en/account/two-factor/recovery-codes"
            }
        }
        var form: [String: String] {
            switch self {
            case .passwordChange: ["current": "wrong password!", "password": "a brand new passphrase"]
            case .emailChange: ["email": "new@example.org", "password": "wrong password!"]
            default: ["password": "wrong password!", "code": "000000"]
            }
        }
    }

    @Test("ASVS 6.3.1: guesses of the password (or code) asked again in a session are limited per account (429)",
          arguments: TestEngine.all, Reauthentication.allCases)
    func asvs_6_3_1_reauthenticationIsRateLimited(engine: TestEngine, form: Reauthentication) async throws {
        try await withTestApp(engine, data: .empty) { app in
            _ = try await ForwardedForTests.quickAccounts(app, ["member@example.org"], twoFactor: form.twoFactor)
            let browser = Browser(app)
            try await browser.signIn("member@example.org")
            try await browser.get(form.page)
            for _ in 0..<Limits.reauthentication.hits {
                let refused = try await browser.post(form.path, form.form)
                #expect(refused.status.code >= 400 && refused.status != .tooManyRequests, "\(refused.status)")
            }
            let limited = try await browser.post(form.path, form.form)
            #expect(limited.status == .tooManyRequests)
            #expect(Int(limited.headers.first(name: .retryAfter) ?? "") ?? 0 > 0)
            #expect(limited.text.contains(escapeHTML(Catalogs.bundled.text("error.tooMany.title", .en))))
            #expect(try await browser.get("/en/account").status == .ok)
        }
    }
}
