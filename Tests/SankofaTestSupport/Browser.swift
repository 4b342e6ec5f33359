import Foundation
import SankofaCore
import SankofaStore
import SankofaWeb
import Vapor
import VaporTesting

/// A browser for tests: keeps the session cookie, reads the CSRF token of the last page, and
/// posts forms from the site's own origin, as a person's browser would.
public final class Browser: @unchecked Sendable {
    public let app: Application
    public var cookie: String?
    public var csrf: String?
    public var origin: String? = "http://127.0.0.1:8080"

    public init(_ app: Application) {
        self.app = app
    }

    @discardableResult
    public func get(_ path: String) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: cookie) }
        let response = try await app.get(path, headers: headers)
        remember(response)
        return response
    }

    @discardableResult
    public func post(_ path: String, _ form: [String: String], csrf token: String? = nil, omitToken: Bool = false) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: cookie) }
        if let origin { headers.add(name: .origin, value: origin) }
        headers.contentType = .urlEncodedForm
        var fields = form
        if !omitToken { fields["csrf"] = token ?? csrf ?? "" }
        let body = QueryParametersEncoding.encode(fields)
        var result: TestingHTTPResponse?
        try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: body)) { result = $0 }
        remember(result!)
        return result!
    }

    /// Posts ordered pairs, for forms with repeated names (`themes[]=youth&themes[]=gender`).
    @discardableResult
    public func post(_ path: String, pairs: [(String, String)]) async throws -> TestingHTTPResponse {
        var headers = HTTPHeaders()
        if let cookie { headers.add(name: .cookie, value: cookie) }
        if let origin { headers.add(name: .origin, value: origin) }
        headers.contentType = .urlEncodedForm
        let body = (pairs + [("csrf", csrf ?? "")]).map { QueryParametersEncoding.encode([$0.0: $0.1]) }.joined(separator: "&")
        var result: TestingHTTPResponse?
        try await app.testing().test(.POST, path, headers: headers, body: ByteBuffer(string: body)) { result = $0 }
        remember(result!)
        return result!
    }

    func remember(_ response: TestingHTTPResponse) {
        for header in response.headers[.setCookie] {
            let pair = header.split(separator: ";")[0]
            if pair.hasSuffix("=") { cookie = nil } else { cookie = String(pair) }
        }
        if let range = response.body.string.range(of: "name=\"csrf\" value=\"") {
            let rest = response.body.string[range.upperBound...]
            csrf = rest.firstIndex(of: "\"").map { String(rest[..<$0]) }
        }
    }

    /// Signs in through the login form.
    @discardableResult
    public func signIn(_ email: String, _ password: String = TestUsers.password) async throws -> TestingHTTPResponse {
        try await get("/en/account/login")
        let response = try await post("/en/account/login", ["email": email.lowercased(), "password": password])
        guard response.headers.first(name: .location) == "/en/account/two-factor/verify" else { return response }
        // Accounts made with a second factor share one key; the code is computed as a phone would.
        try await get("/en/account/two-factor/verify")
        let code = TOTP.code(secret: TestUsers.totpSecret, step: TOTP.currentStep(at: Int(Date().timeIntervalSince1970)))!
        return try await post("/en/account/two-factor/verify", ["code": code])
    }
}

public enum QueryParametersEncoding {
    public static func encode(_ fields: [String: String]) -> String {
        var allowed = CharacterSet.alphanumerics
        allowed.insert(charactersIn: "-._~")
        return fields.sorted { $0.key < $1.key }.map { key, value in
            "\(key.addingPercentEncoding(withAllowedCharacters: allowed)!)=\(value.addingPercentEncoding(withAllowedCharacters: allowed)!)"
        }.joined(separator: "&")
    }
}

/// Accounts made straight in the database, one per role, sharing one password hashed once.
public enum TestUsers {
    public static let password = "correct horse battery staple"
    public static let totpSecret = "JBSWY3DPEHPK3PXPJBSWY3DPEHPK3PXP"
    static let hash = try! Passwords.hash(password, cost: 12)

    @discardableResult
    public static func make(_ app: Application, _ email: String, roles: [Role] = [.member], status: AccountStatus = .active,
                            country: String = "KE", twoFactor: Bool? = nil) async throws -> UserModel {
        let user = UserModel()
        user.email = email.lowercased()
        user.name = email.split(separator: "@")[0].capitalized
        user.country = country
        user.organisation = "Test organisation"
        user.organisationType = OrganisationType.government.rawValue
        user.position = "Officer"
        user.motivation = "Testing"
        user.language = Language.en.rawValue
        user.status = status.rawValue
        user.roles = roles.map(\.rawValue)
        user.passwordHash = hash
        // Roles that require a second factor get one unless the test says otherwise.
        if twoFactor ?? roles.contains(where: \.requiresTwoFactor) { user.totpSecret = totpSecret }
        try await user.create(on: app.db)
        return user
    }
}
