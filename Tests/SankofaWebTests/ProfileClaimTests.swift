import Fluent
import Foundation
import SankofaCore
import SankofaStore
import SankofaTestSupport
import Testing
import Vapor
@testable import SankofaWeb

/// Taking over a profile an editor made: a verified address that matches the profile's, then the
/// confirmation of an editor or a focal point of the profile's country; only then is the profile
/// linked to the account.
@Suite("Profile claims")
struct ProfileClaimTests {
    static func member(_ app: Application, _ email: String, verified: Bool) async throws -> UserModel {
        let user = try await TestUsers.make(app, email, country: "NG")
        if verified {
            user.emailVerifiedAt = Date()
            try await user.save(on: app.db)
        }
        return user
    }

    static func recipients(_ app: Application) async throws -> [String] {
        try await Outbox(database: app.db).messages().map(\.recipient).sorted()
    }

    @Test("ASVS 2.3.5 a profile an editor made is taken over with a verified address and the confirmation of staff or the country's focal point",
          arguments: TestEngine.all)
    func aClaimNeedsAVerifiedAddressAndAConfirmation(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("yusuf-bello", country: "NG", email: "yusuf@example.org"))
            try await TestUsers.make(app, "editor@example.org", roles: [.member, .editor])
            try await TestUsers.make(app, "fp.nigeria@example.org", roles: [.member, .focalPoint], country: "NG")
            try await TestUsers.make(app, "fp.kenya@example.org", roles: [.member, .focalPoint], country: "KE")
            let yusuf = try await Self.member(app, "yusuf@example.org", verified: false)
            let catalogs = Catalogs.bundled
            func owner() async throws -> UUID? { try await ExpertStore(database: app.db).find(slug: "yusuf-bello")?.userID }

            // Unverified: nothing offered, nothing to claim.
            let browser = Browser(app)
            try await browser.signIn("yusuf@example.org")
            #expect(!(try await browser.get("/en/account/profile").text.contains("/en/account/profile/claim")))
            #expect(try await browser.post("/en/account/profile/claim", [:]).status == .notFound)

            // Verified: the claim is recorded and waits; those who may confirm it are told.
            yusuf.emailVerifiedAt = Date()
            try await yusuf.save(on: app.db)
            try await browser.get("/en/account/profile")
            #expect(try await browser.post("/en/account/profile/claim", [:]).status == .seeOther)
            #expect(try await owner() == nil)
            let waiting = try await browser.get("/en/account/profile")
            #expect(waiting.text.contains(escapeHTML(catalogs.text("profile.claimWaiting", .en, ["name": "Name yusufbello"]))))
            #expect(!waiting.text.contains("/en/account/profile/claim"))
            #expect(try await Self.recipients(app) == ["editor@example.org", "fp.nigeria@example.org"])
            // Asking again changes nothing.
            #expect(try await browser.post("/en/account/profile/claim", [:]).status == .seeOther)
            #expect(try await Self.recipients(app).count == 2)
            #expect(try await AuditLog(database: app.db).entries(action: "expert.claim_requested").count == 1)

            // A focal point of another country neither sees nor decides it.
            let kenya = Browser(app)
            try await kenya.signIn("fp.kenya@example.org")
            #expect(!(try await kenya.get("/en/admin/claims").text.contains("yusuf@example.org")))
            try await kenya.get("/en/account")   // a page with a form, for the session's token
            #expect(try await kenya.post("/en/admin/claims/yusuf-bello", ["decision": "confirm"]).status == .notFound)
            // A member, the claimant included, cannot confirm it.
            #expect(try await browser.post("/en/admin/claims/yusuf-bello", ["decision": "confirm"]).status == .forbidden)
            #expect(try await owner() == nil)

            // The country's focal point confirms: the profile is his, and he is told.
            let nigeria = Browser(app)
            try await nigeria.signIn("fp.nigeria@example.org")
            #expect(try await nigeria.get("/en/admin/claims").text.contains("yusuf@example.org"))
            #expect(try await nigeria.post("/en/admin/claims/yusuf-bello", ["decision": "maybe"]).status == .badRequest)
            #expect(try await nigeria.post("/en/admin/claims/yusuf-bello", ["decision": "confirm"]).status == .seeOther)
            #expect(try await owner() == yusuf.id)
            #expect(try await UserStore(database: app.db).find(id: yusuf.id!)?.roleSet.contains(.expert) == true)
            let told = try await Outbox(database: app.db).messages().filter { $0.recipient == "yusuf@example.org" }
            #expect(told.map(\.subject) == [catalogs.text("mail.claimConfirmed.subject", .en)])
            #expect(try await AuditLog(database: app.db).entries(action: "expert.claimed").count == 1)
            #expect(try await nigeria.post("/en/admin/claims/yusuf-bello", ["decision": "confirm"]).status == .notFound)
        }
    }

    /// A declined claim leaves the profile as it was; a claim that no longer holds (the address
    /// is no longer verified) cannot be confirmed.
    @Test(arguments: TestEngine.all)
    func aClaimIsDeclinedOrRefusedWhenItNoLongerHolds(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("amina-sule", country: "NG", email: "amina@example.org"))
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("musa-ade", country: "NG", email: "musa@example.org"))
            try await TestUsers.make(app, "editor@example.org", roles: [.member, .editor])
            let amina = try await Self.member(app, "amina@example.org", verified: true)
            let musa = try await Self.member(app, "musa@example.org", verified: true)
            for email in ["amina@example.org", "musa@example.org"] {
                let browser = Browser(app)
                try await browser.signIn(email)
                try await browser.get("/en/account/profile")
                #expect(try await browser.post("/en/account/profile/claim", [:]).status == .seeOther)
            }
            let editor = Browser(app)
            try await editor.signIn("editor@example.org")
            try await editor.get("/en/admin/claims")
            #expect(try await editor.post("/en/admin/claims/amina-sule", ["decision": "decline"]).status == .seeOther)
            #expect(try await ExpertStore(database: app.db).find(slug: "amina-sule")?.userID == nil)
            #expect(try await ProfileClaims(database: app.db).waiting(by: amina.id!) == nil)
            let told = try await Outbox(database: app.db).messages().filter { $0.recipient == "amina@example.org" }
            #expect(told.map(\.subject) == [Catalogs.bundled.text("mail.claimDeclined.subject", .en)])

            musa.emailVerifiedAt = nil
            try await musa.save(on: app.db)
            let stale = try await editor.post("/en/admin/claims/musa-ade", ["decision": "confirm"])
            #expect(stale.status == .conflict && stale.text.contains(escapeHTML(Catalogs.bundled.text("claims.stale", .en))))
            #expect(try await ExpertStore(database: app.db).find(slug: "musa-ade")?.userID == nil)
        }
    }
}
