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

/// Personal access tokens: made on the account page (secret shown once, only its hash kept,
/// audited), used as `Authorization: Bearer` on the API within their scopes, refused once
/// revoked or expired or when the owner is disabled, and rate-limited per token; the tokens
/// pages walked for owner, another member, an admin and a visitor.
@Suite("API tokens")
struct APITokenTests {
    static var secretPattern: Regex<Substring> { /skf_[A-Za-z0-9_-]{43}/ }

    /// Signs `email` in and makes a token with `scopes`; returns the browser and the secret.
    static func token(_ app: Application, _ email: String, name: String = "Reporting script", scopes: [APITokenScope],
                      expires: String = "") async throws -> (Browser, String) {
        let browser = Browser(app)
        try await browser.signIn(email)
        #expect(try await browser.get("/en/account/tokens").status == .ok)
        let response = try await browser.post("/en/account/tokens", pairs: [("name", name), ("expires", expires)]
                                              + scopes.map { ("scopes[]", $0.rawValue) })
        #expect(response.status == .created, "\(response.text.prefix(300))")
        let secret = try #require(response.text.firstMatch(of: secretPattern)).output
        return (browser, String(secret))
    }

    static func api(_ app: Application, _ path: String, secret: String?) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let secret { headers.add(name: .authorization, value: "Bearer \(secret)") }
        return try await app.get(path, headers: headers)
    }

    @Test("Made once shown, hashed at rest, audited, last use recorded without a write per request", arguments: TestEngine.all)
    func createdShownOnceAndHashed(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .records(Fixtures.small)) { app in
            try await TestUsers.make(app, "partner@example.org")
            let (browser, secret) = try await Self.token(app, "partner@example.org", scopes: [.publicRead])
            #expect(APITokenSecret.isWellFormed(secret))
            // Shown once: the list after it names the token by prefix only.
            let list = try await browser.get("/en/account/tokens")
            #expect(list.text.contains("Reporting script") && list.text.contains(String(secret.prefix(12))))
            #expect(!list.text.contains(secret))

            // At rest, the database holds no secret: only its SHA-256, and the prefix.
            let sql = app.db as! any SQLDatabase
            let row = try #require(try await sql.raw("SELECT * FROM api_tokens").first())
            #expect(try row.decode(column: "secret_hash", as: String.self) == Tokens.digest(secret))
            #expect(try row.decode(column: "prefix", as: String.self) == String(secret.prefix(12)))
            for table in ["api_tokens", "audit_log", "sessions", "rate_limits"] {
                for stored in try await sql.raw("SELECT * FROM \(unsafeRaw: table)").all() {
                    for column in stored.allColumns {
                        let value = (try? stored.decode(column: column, as: String?.self)) ?? nil
                        #expect(value?.contains(String(secret.dropFirst(12))) != true, "\(table).\(column) holds the secret")
                    }
                }
            }
            let audit = try await AuditLog(database: app.db).entries(action: "token.create")
            #expect(audit.count == 1 && audit[0].actorEmail == "partner@example.org" && audit[0].detail.contains("public:read"))

            // The secret reads the API; last use comes with the limiter's flush, not the request.
            let userID = try #require(try await UserStore(database: app.db).find(email: "partner@example.org")?.id)
            #expect(try await Self.api(app, "/api/v1/practices", secret: secret).status == .ok)
            #expect(try await APITokens(database: app.db).list(userID: userID).first?.lastUsedAt == nil)
            try await app.apiRateLimiter.flush(on: app.db, now: Int(Date().timeIntervalSince1970))
            #expect(try await APITokens(database: app.db).list(userID: userID).first?.lastUsedAt != nil)
        }
    }

    @Test("Bad forms: translated errors, 422, nothing made; no CSRF token, 403; pending accounts cannot", arguments: TestEngine.all)
    func validation(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "partner@example.org")
            try await TestUsers.make(app, "applicant@example.org", roles: [], status: .pending)
            let browser = Browser(app)
            try await browser.signIn("partner@example.org")
            try await browser.get("/fr/account/tokens")
            let cases: [([(String, String)], String)] = [
                ([("name", ""), ("scopes[]", "public:read")], "Donnez un nom au jeton."),
                ([("name", "x")], "Choisissez au moins un périmètre dans la liste."),
                ([("name", "x"), ("scopes[]", "admin:write")], "Choisissez au moins un périmètre dans la liste."),
                ([("name", "x"), ("scopes[]", "public:read"), ("expires", "31/12/2030")], "Indiquez l’expiration sous forme de date"),
                ([("name", "x"), ("scopes[]", "public:read"), ("expires", "2001-01-01")], "L’expiration doit être postérieure"),
                ([("name", String(repeating: "n", count: 101)), ("scopes[]", "public:read")], "Le nom compte au plus 100 caractères."),
            ]
            for (form, message) in cases {
                let response = try await browser.post("/fr/account/tokens", pairs: form)
                #expect(response.status == .unprocessableEntity, "\(form)")
                #expect(response.text.contains(message), "\(form)")
                #expect(response.text.firstMatch(of: Self.secretPattern) == nil)
            }
            #expect(try await browser.post("/fr/account/tokens", ["name": "x", "scopes[]": "public:read"], omitToken: true).status == .forbidden)
            #expect(try await APITokens(database: app.db).count() == 0)

            let applicant = Browser(app)
            try await applicant.signIn("applicant@example.org")
            #expect(try await applicant.get("/en/account/tokens").status == .forbidden)
            #expect(try await applicant.post("/en/account/tokens", ["name": "x", "scopes[]": "public:read"]).status == .forbidden)
            #expect(try await APITokens(database: app.db).count() == 0)
        }
    }

    @Test("Scopes: public:read reads as a visitor, directory:read as a vetted member (never staff) while the owner is one; refusals are 401 JSON",
          arguments: TestEngine.all)
    func scopesAndRefusals(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            // Biography for members, organisation for staff, the rest public.
            try await DirectoryFixtures.save(app, DirectoryFixtures.expert("open-profile", fields: [.biography: .members, .organisation: .staff]))
            let admin = try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin])
            try await TestUsers.make(app, "partner@example.org")
            let (_, publicToken) = try await Self.token(app, "partner@example.org", scopes: [.publicRead])
            let (_, directoryToken) = try await Self.token(app, "partner@example.org", name: "Directory sync", scopes: [.directoryRead])
            let (_, adminToken) = try await Self.token(app, "admin@example.org", scopes: [.directoryRead, .publicRead])

            func biography(_ secret: String?) async throws -> (HTTPStatus, Bool, Bool) {
                let response = try await Self.api(app, "/api/v1/experts/open-profile", secret: secret)
                return (response.status, response.text.contains("biographymark"), response.text.contains("organisationmark"))
            }
            #expect(try await biography(nil) == (.ok, false, false))
            #expect(try await biography(publicToken) == (.ok, false, false))
            #expect(try await biography(directoryToken) == (.ok, true, false))
            #expect(try await biography(adminToken) == (.ok, true, false), "a token reads as a member, not as its owner's staff role")
            #expect(admin.id != nil)

            // Not a member any more (roles withdrawn): the directory scope reads as a visitor.
            let partner = try #require(try await UserStore(database: app.db).find(email: "partner@example.org"))
            partner.roles = []
            try await partner.save(on: app.db)
            #expect(try await biography(directoryToken) == (.ok, false, false))
            // Disabled: every token of the account is refused.
            partner.status = AccountStatus.disabled.rawValue
            try await partner.save(on: app.db)
            let disabled = try await Self.api(app, "/api/v1/practices", secret: publicToken)
            #expect(disabled.status == .unauthorized && disabled.headers.first(name: .wwwAuthenticate)?.hasPrefix("Bearer") == true)
            #expect(disabled.headers.contentType?.subType == "json" && disabled.text.contains("\"status\":401"))

            // Unknown, malformed, expired: 401 too; a token never writes.
            #expect(try await Self.api(app, "/api/v1/practices", secret: "skf_" + String(repeating: "A", count: 43)).status == .unauthorized)
            #expect(try await Self.api(app, "/api/v1/practices", secret: "not-a-token").status == .unauthorized)
            let sql = app.db as! any SQLDatabase
            try await sql.raw("UPDATE api_tokens SET expires_at = \(bind: Int(Date().timeIntervalSince1970) - 1) WHERE user_id = \(bind: admin.id!)").run()
            #expect(try await Self.api(app, "/api/v1/practices", secret: adminToken).status == .unauthorized)
            try await sql.raw("UPDATE api_tokens SET expires_at = NULL WHERE user_id = \(bind: admin.id!)").run()
            #expect(try await Self.api(app, "/api/v1/practices", secret: adminToken).status == .ok)
            var headers = HTTPHeaders()
            headers.add(name: .authorization, value: "Bearer \(adminToken)")
            var write: TestingHTTPResponse?
            try await app.testing().test(.POST, "/api/v1/practices", headers: headers) { write = $0 }
            // No API route takes a write (the router answers 405); were one added, the token is refused (403).
            #expect([.forbidden, .methodNotAllowed].contains(write?.status))
        }
    }

    @Test("Rate limits: 429 with Retry-After and RateLimit-* per address and per token; shared between nodes through the database",
          arguments: TestEngine.all)
    func rateLimits(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "partner@example.org")
            let (_, secret) = try await Self.token(app, "partner@example.org", scopes: [.publicRead])
            app.apiRateLimiter.limits = APIRateLimits(anonymous: 3, token: 5, window: 3600)
            for n in 1...3 {
                let response = try await Self.api(app, "/api/v1/practices", secret: nil)
                #expect(response.status == .ok && response.headers.first(name: "RateLimit-Remaining") == String(3 - n))
                #expect(response.headers.first(name: "RateLimit-Limit") == "3")
            }
            let refused = try await Self.api(app, "/api/v1/practices", secret: nil)
            #expect(refused.status == .tooManyRequests && refused.text.contains("\"status\":429"))
            #expect(Int(refused.headers.first(name: .retryAfter) ?? "") ?? 0 > 0)
            #expect(refused.headers.first(name: "RateLimit-Remaining") == "0")
            // The token has its own, higher, count.
            for _ in 1...5 { #expect(try await Self.api(app, "/api/v1/practices", secret: secret).status == .ok) }
            #expect(try await Self.api(app, "/api/v1/practices", secret: secret).status == .tooManyRequests)
            // Not the HTML pages.
            #expect(try await app.get("/en/practices").status == .ok)

            // Two nodes: this one's counts reach the database on its flush, one row a bucket; a
            // second node that has counted the same address learns the total on its own flush.
            let now = Int(Date().timeIntervalSince1970)
            try await app.apiRateLimiter.flush(on: app.db, now: now)
            let sql = app.db as! any SQLDatabase
            let rows = try await sql.raw("SELECT bucket, hits FROM rate_limits WHERE bucket LIKE 'api:%' ORDER BY bucket").all()
            #expect(try rows.map { try $0.decode(column: "hits", as: Int.self) } == [3, 5], "one row a bucket, not a row a request")
            let other = APIRateLimiter(limits: APIRateLimits(anonymous: 4, token: 5, window: 3600))
            #expect(other.hit("api:source:unknown", now: now)?.allowed == true)
            try await other.flush(on: app.db, now: now)
            #expect(other.hit("api:source:unknown", now: now)?.allowed == false, "3 here + 1 there = the limit of 4")
        }
    }

    @Test("Object × role: owner, another member, an admin, a visitor list and revoke a token", arguments: TestEngine.all)
    func objectByRole(engine: TestEngine) async throws {
        try await withTestApp(engine, data: .empty) { app in
            try await TestUsers.make(app, "owner@example.org")
            try await TestUsers.make(app, "other@example.org")
            try await TestUsers.make(app, "admin@example.org", roles: [.member, .admin])
            let (owner, secret) = try await Self.token(app, "owner@example.org", name: "Owner's sync", scopes: [.publicRead])
            let (_, second) = try await Self.token(app, "owner@example.org", name: "Owner's second", scopes: [.publicRead])
            let tokens = try await APITokens(database: app.db).all(limit: 10, offset: 0)
            let first = try #require(tokens.first { $0.name == "Owner's sync" }), other = try #require(tokens.first { $0.name == "Owner's second" })
            let members = Browser(app)
            try await members.signIn("other@example.org")
            let admin = Browser(app)
            try await admin.signIn("admin@example.org")
            let visitor = Browser(app)
            try await visitor.get("/en/account/login")

            // Lists: one's own on the account page; everyone's on the admins' page.
            #expect(try await owner.get("/en/account/tokens").text.contains("Owner&#39;s sync"))
            #expect(!(try await members.get("/en/account/tokens").text.contains("Owner&#39;s sync")))
            #expect(!(try await admin.get("/en/account/tokens").text.contains("Owner&#39;s sync")))
            let everyone = try await admin.get("/en/admin/tokens")
            #expect(everyone.status == .ok && everyone.text.contains("Owner&#39;s sync") && everyone.text.contains("owner@example.org"))
            #expect(!everyone.text.contains(secret))
            #expect(try await members.get("/en/admin/tokens").status == .forbidden)
            #expect(try await owner.get("/en/admin/tokens").status == .forbidden)
            #expect(try await visitor.get("/en/admin/tokens").headers.first(name: .location) == "/en/account/login")
            #expect(try await visitor.get("/en/account/tokens").headers.first(name: .location) == "/en/account/login")

            // Revoking: another member gets a 404 and nothing changes; a visitor is sent to sign in.
            #expect(try await members.post("/en/account/tokens/\(first.id)/revoke", [:]).status == .notFound)
            #expect(try await visitor.post("/en/account/tokens/\(first.id)/revoke", [:]).headers.first(name: .location) == "/en/account/login")
            #expect(try await Self.api(app, "/api/v1/practices", secret: secret).status == .ok)
            // The owner revokes one, an admin the other; each refused at once, each an audit line.
            let revoked = try await owner.post("/en/account/tokens/\(first.id)/revoke", ["back": "own"])
            #expect(revoked.status == .seeOther && revoked.headers.first(name: .location) == "/en/account/tokens")
            #expect(try await Self.api(app, "/api/v1/practices", secret: secret).status == .unauthorized)
            let byAdmin = try await admin.post("/en/account/tokens/\(other.id)/revoke", ["back": "admin"])
            #expect(byAdmin.status == .seeOther && byAdmin.headers.first(name: .location) == "/en/admin/tokens")
            #expect(try await Self.api(app, "/api/v1/practices", secret: second).status == .unauthorized)
            let lines = try await AuditLog(database: app.db).entries(action: "token.revoke")
            #expect(Set(lines.compactMap(\.actorEmail)) == ["owner@example.org", "admin@example.org"])
            #expect(lines.allSatisfy { !$0.detail.contains(secret) && !$0.detail.contains(second) })
            // Revoked tokens stay listed, marked, without a revoke button.
            let list = try await owner.get("/en/account/tokens").text
            #expect(list.contains("Revoked") && !list.contains("/en/account/tokens/\(first.id)/revoke"))
            // Revoking twice changes nothing and writes no second line.
            #expect(try await owner.post("/en/account/tokens/\(first.id)/revoke", [:]).status == .seeOther)
            #expect(try await AuditLog(database: app.db).entries(action: "token.revoke").count == 2)
        }
    }
}
