import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SankofaTestSupport
import Testing
import Vapor
import VaporTesting
@testable import SankofaWeb

/// Applying, proving the address and being accepted: the registration form tells no one which
/// addresses have accounts, a verification link verifies nothing until its page's button is
/// pressed, and only a verified address can be accepted.
@Suite("Registration, verification and vetting")
struct VerificationAndVettingTests {
    static func form(_ email: String) -> [String: String] {
        var form = AccountsTests.applicant
        form["email"] = email
        return form
    }

    @Test("ASVS 6.3.8 registration answers alike for a new and a known address; the owner of a known one is told by mail", arguments: TestEngine.all)
    func registrationDoesNotTellWhichAddressesHaveAccounts(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let owner = try await TestUsers.make(app, "known@example.org")
            let browser = Browser(app)
            try await browser.get("/fr/account/register")
            func send(_ email: String) async throws -> (response: TestingHTTPResponse, seconds: Double) {
                let start = ContinuousClock.now
                let response = try await browser.post("/fr/account/register", Self.form(email))
                let elapsed = ContinuousClock.now - start
                return (response, Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18)
            }
            let new = try await send("new@example.org"), known = try await send("Known@example.org")
            let again = try await send("known@example.org"), other = try await send("other@example.org")
            func page(_ response: TestingHTTPResponse) -> String { response.text.replacingOccurrences(of: browser.csrf ?? "-", with: "") }
            for response in [known.response, again.response, other.response] {
                #expect(response.status == new.response.status)
                #expect(page(response) == page(new.response))
                #expect(response.headers[.setCookie] == new.response.headers[.setCookie])
            }
            #expect(new.response.status == .ok)
            // Both pay for the password's hash: the same order of magnitude.
            let fast = min(new.seconds, other.seconds), slow = max(known.seconds, again.seconds)
            #expect(slow < 10 * fast && min(known.seconds, again.seconds) * 10 > max(new.seconds, other.seconds), "new \(new.seconds) s, known \(known.seconds) s")

            // The known account is unchanged; its owner is told, once an hour whatever the attempts.
            #expect(try await UserStore(database: app.db).find(email: "known@example.org")?.passwordHash == owner.passwordHash)
            #expect(try await UserModel.query(on: app.db).count() == 3)
            let told = try await Outbox(database: app.db).messages().filter { $0.recipient == "known@example.org" }
            #expect(told.map(\.subject) == [Catalogs.bundled.text("mail.registerAttempt.subject", .en)])
            #expect(told.first?.body.contains("/en/account/reset") == true && told.first?.body.contains("/en/account/login") == true)
        }
    }

    @Test("ASVS 3.5.3 opening a verification link verifies nothing; the button on its page does", arguments: TestEngine.all)
    func aVerificationLinkOnlyOpensAPage(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let browser = Browser(app)
            try await browser.get("/fr/account/register")
            try await browser.post("/fr/account/register", Self.form("aicha@example.org"))
            let link = try #require(try await TestMail.link(app, "/fr/account/verify/", to: "aicha@example.org"))
            func verified() async throws -> Bool { try await UserStore(database: app.db).find(email: "aicha@example.org")?.emailVerifiedAt != nil }

            // A mail scanner fetches the link, twice, without cookies: a page, and nothing verified.
            for _ in 0..<2 {
                let fetched = try await app.get(link)
                #expect(fetched.status == .ok && fetched.text.contains(escapeHTML(Catalogs.bundled.text("verify.submit", .fr))))
            }
            #expect(try await !verified())
            // A forged form (no token) does not verify either.
            let reader = Browser(app)
            try await reader.get(link)
            #expect(try await reader.post(link, [:], omitToken: true).status == .forbidden)
            #expect(try await !verified())
            // The reader's button does, once.
            let confirmed = try await reader.post(link, [:])
            #expect(confirmed.status == .ok && confirmed.text.contains(escapeHTML(Catalogs.bundled.text("verify.done", .fr))))
            #expect(try await verified())
            #expect(try await reader.post(link, [:]).status == .notFound)
            #expect(try await AuditLog(database: app.db).entries(action: "email.verified").count == 1)
        }
    }

    /// An applicant whose verification link expired, or who applies again and is told the address
    /// has an account, confirms the address by choosing a new password from the reset link.
    @Test(arguments: TestEngine.all)
    func aPasswordResetAlsoVerifiesTheAddress(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let applicant = try await TestUsers.make(app, "late@example.org", roles: [], status: .pending)
            let browser = Browser(app)
            try await browser.get("/en/account/reset")
            try await browser.post("/en/account/reset", ["email": "late@example.org"])
            let link = try #require(try await TestMail.link(app, "/en/account/reset/", to: "late@example.org"))
            try await browser.get(link)
            #expect(try await UserStore(database: app.db).find(id: applicant.id!)?.emailVerifiedAt == nil)
            #expect(try await browser.post(link, ["password": "a brand new passphrase"]).status == .seeOther)
            #expect(try await UserStore(database: app.db).find(id: applicant.id!)?.emailVerifiedAt != nil)
        }
    }

    @Test("ASVS 2.3.1 an applicant is accepted only once their address is verified", arguments: TestEngine.all)
    func vettingWaitsForAVerifiedAddress(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            let applicant = try await TestUsers.make(app, "new@example.org", roles: [], status: .pending, country: "SN")
            try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin])
            let admin = Browser(app)
            try await admin.signIn("admin@example.org")
            let catalogs = Catalogs.bundled
            let queue = try await admin.get("/fr/admin/vetting")
            #expect(queue.text.contains(escapeHTML(catalogs.text("vetting.emailUnverified", .fr))))
            #expect(queue.text.contains(escapeHTML(catalogs.text("vetting.unverified", .fr))) && !queue.text.contains("value=\"approve\""))

            let path = "/fr/admin/vetting/\(applicant.id!.uuidString)"
            let refused = try await admin.post(path, ["decision": "approve"])
            #expect(refused.status == .conflict && refused.text.contains(escapeHTML(catalogs.text("vetting.unverified", .fr))))
            #expect(try await UserStore(database: app.db).find(id: applicant.id!)?.accountStatus == .pending)
            #expect(try await Outbox(database: app.db).messages().isEmpty)
            #expect(try await AuditLog(database: app.db).entries(action: "vetting.approved").isEmpty)

            applicant.emailVerifiedAt = Date()
            try await applicant.save(on: app.db)
            let verified = try await admin.get("/fr/admin/vetting")
            #expect(verified.text.contains(escapeHTML(catalogs.text("vetting.emailVerified", .fr))) && verified.text.contains("value=\"approve\""))
            #expect(try await admin.post(path, ["decision": "approve"]).status == .seeOther)
            #expect(try await UserStore(database: app.db).find(id: applicant.id!)?.accountStatus == .active)
        }
    }
}
