import Foundation
import SankofaCore
import SankofaStore
import Testing
import Vapor
import VaporTesting
import SankofaTestSupport
@testable import SankofaWeb

@Suite("Served over HTTPS")
struct HTTPSSettingsTests {
    @Test("ASVS 3.4.1 Secure and 3.4.4 __Host- cookie; 14.4.5 HSTS, over HTTPS")
    func cookieAndHeadersOverHTTPS() async throws {
        let app = try await Application.make(.testing)
        do {
            try await configure(app, AppSettings(database: .sqliteMemory, baseURL: "https://sankofa.example.org", autoMigrate: true, pageCache: false))
            let response = try await app.get("/en/account/login")
            let cookie = try #require(response.headers[.setCookie].first)
            #expect(cookie.hasPrefix("__Host-sankofa_session="))
            #expect(cookie.contains("Secure") && cookie.contains("HttpOnly") && cookie.contains("Path=/"))
            #expect(!cookie.contains("Domain="))
            #expect(response.headers.first(name: "Strict-Transport-Security")?.contains("max-age=") == true)
        } catch {
            try await app.asyncShutdown()
            throw error
        }
        try await app.asyncShutdown()
    }

    /// Hostile text in every field of the application form is shown escaped to the people who vet it.
    @Test(arguments: TestEngine.all)
    func registrationPayloadsAreEscapedOnTheVettingPage(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin])
            let payload = "<script>alert(1)</script>\"><img src=x onerror=alert(1)>"
            let browser = Browser(app)
            try await browser.get("/en/account/register")
            try await browser.post("/en/account/register", [
                "name": payload, "email": "x@example.org", "password": "a long enough passphrase", "country": "KE",
                "organisation": payload, "organisationType": "ngo", "position": payload, "motivation": payload, "language": "en",
            ])
            try await browser.post("/en/account/register", [
                "name": payload, "email": "x@example.org", "password": "a long enough passphrase", "country": "KE",
                "organisation": payload, "organisationType": "civilSociety", "position": payload, "motivation": payload, "language": "en",
            ])
            let admin = Browser(app)
            try await admin.signIn("admin@example.org")
            let queue = try await admin.get("/en/admin/vetting")
            #expect(queue.text.contains(escapeHTML(payload)))
            #expect(!queue.text.contains("<script>alert") && !queue.text.contains("<img src=x"))
            let users = try await admin.get("/en/admin/users")
            #expect(users.text.contains(escapeHTML(payload)) && !users.text.contains("<script>alert"))
        }
    }
}
