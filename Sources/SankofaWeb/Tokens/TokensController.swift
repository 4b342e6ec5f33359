import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// A member's personal access tokens for the API (`/{lang}/account/tokens`): made with a name,
/// read scopes and an optional expiry, the secret shown once and stored only as its SHA-256,
/// listed with prefix, scopes and last use, revocable; admins list and revoke everyone's
/// (`/{lang}/admin/tokens`). Every creation and revocation is an audit line; no secret is ever
/// logged. Permissions: `.indicators(.manageOwnTokens / .grantTokenScope / .manageAllTokens)`.
struct TokensController: RouteCollection {
    static let adminPerPage = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.apiTokens, use: list)
        routes.post(.apiTokens, use: create)
        routes.post(.apiTokenRevoke, use: revoke)
        routes.get(.adminAPITokens, use: admin)
    }

    func list(_ request: Request) async throws -> Response {
        try await request.require(.indicators(.manageOwnTokens))
        return try await page(request, fields: nil)
    }

    func create(_ request: Request) async throws -> Response {
        try await request.require(.indicators(.manageOwnTokens))
        let language = try request.language()
        guard let user = request.user, let userID = user.id else { throw Abort(.unauthorized) }
        let form = try FormBody(request)
        let name = form.text("name").trimmingCharacters(in: .whitespacesAndNewlines)
        let raw = Set(form.values("scopes[]"))
        let scopes = APITokenScope.allCases.filter { raw.contains($0.rawValue) }
        let expiresText = form.text("expires").trimmingCharacters(in: .whitespaces)
        let today = ISODay.format(Date(timeIntervalSince1970: TimeInterval(request.now)))
        let expiry = expiresText.isEmpty ? nil : ISODay.parse(expiresText)

        var errors = FormErrors()
        errors.check(!name.isEmpty, "name", "tokens.error.name")
        errors.check(name.count <= 100, "name", "tokens.error.nameLength")
        errors.check(!scopes.isEmpty && scopes.count == raw.count, "scopes", "tokens.error.scopes")
        errors.check(scopes.allSatisfy { AccessPolicy.allows(request.actor, .indicators(.grantTokenScope($0))) }, "scopes", "tokens.error.scopeRefused")
        errors.check(expiresText.isEmpty || expiry != nil, "expires", "tokens.error.expires")
        // An expiry from tomorrow to five years ahead: a token that never works, or works for
        // ever under an expiry, is a mistake.
        errors.check(expiresText.isEmpty || expiry == nil || (expiresText > today && expiresText <= Self.latestExpiry(today)),
                     "expires", "tokens.error.expiresRange")
        guard errors.isEmpty else {
            let fields = TokensPage.fields(name: name, scopes: raw, expires: expiresText, errors: errors, actor: request.actor,
                                           language: language, request: request)
            return try await page(request, fields: fields, message: request.t("tokens.error.form", language), status: .unprocessableEntity)
        }

        let secret = APITokenSecret.generate()
        // Expires at the end of the chosen day, UTC.
        let expiresAt = expiry.map { Int($0.timeIntervalSince1970) + 86_400 }
        let id = try await APITokens(database: request.db).create(
            userID: userID, name: name, prefix: APITokenSecret.prefix(of: secret), secretHash: APITokenSecret.hash(secret),
            scopes: scopes, expiresAt: expiresAt, now: request.now)
        try await AuditLog(database: request.db).record(request.auditEntry(
            "token.create", target: "token:\(id)",
            detail: "name=\(name); scopes=\(scopes.map(\.rawValue).joined(separator: " ")); prefix=\(APITokenSecret.prefix(of: secret)); expires=\(expiresText.isEmpty ? "never" : expiresText)"))
        return try await page(request, fields: nil, created: .init(name: name, secret: secret), status: .created)
    }

    func revoke(_ request: Request) async throws -> Response {
        try await request.require(.indicators(.manageOwnTokens))
        let language = try request.language()
        guard let user = request.user, let userID = user.id else { throw Abort(.unauthorized) }
        let store = APITokens(database: request.db)
        // Another member's token is a 404 to anyone but an admin: no telling whose ids exist.
        guard let id = request.parameters.get("token").flatMap(Int.init), let token = try await store.find(id: id),
              token.userID == userID || AccessPolicy.allows(request.actor, .indicators(.manageAllTokens))
        else { throw Abort(.notFound) }
        if try await store.revoke(id: id, by: userID, now: request.now) {
            try await AuditLog(database: request.db).record(request.auditEntry(
                "token.revoke", target: "token:\(id)", detail: "name=\(token.name); owner=\(token.ownerEmail); prefix=\(token.prefix)"))
        }
        let form = try FormBody(request)
        let back = form.text("back") == "admin" && AccessPolicy.allows(request.actor, .indicators(.manageAllTokens))
            ? SiteURL.adminAPITokens(language).path : SiteURL.apiTokens(language).path
        return request.redirect(to: back, redirectType: .normal)
    }

    func admin(_ request: Request) async throws -> Response {
        try await request.require(.indicators(.manageAllTokens))
        let language = try request.language()
        let query = try QueryParameters(request)
        let number = try DirectoryListing.page(query)
        let store = APITokens(database: request.db)
        let total = try await store.count()
        let tokens = try await store.all(limit: Self.adminPerPage, offset: (number - 1) * Self.adminPerPage)
        let page = TokensPage(
            heading: request.t("tokens.admin.heading", language), intro: request.t("tokens.admin.intro", language), created: nil,
            message: nil, action: "", fields: [],
            rows: tokens.map { TokensPage.row($0, owner: true, now: request.now, language: language, request: request) },
            adminHref: nil, accountHref: SiteURL.apiTokens(language).path,
            pagination: Pagination(page: number, perPage: Self.adminPerPage, total: total, base: SiteURL.adminAPITokens(language).path,
                                   query: QueryParameters(pairs: []), language: language, request: request),
            back: "admin")
        return try await request.render("tokens/admin", page, language: language, title: page.heading, section: .admin)
    }

    /// The member's page: the form (empty, or as sent with its errors), their tokens, and the
    /// secret of the token just made.
    func page(_ request: Request, fields: [FormField]?, message: String? = nil, created: TokensPage.NewToken? = nil,
              status: HTTPStatus = .ok) async throws -> Response {
        let language = try request.language()
        guard let userID = request.user?.id else { throw Abort(.unauthorized) }
        let tokens = try await APITokens(database: request.db).list(userID: userID)
        let page = TokensPage(
            heading: request.t("tokens.heading", language), intro: request.t("tokens.intro", language), created: created,
            message: message, action: SiteURL.apiTokens(language).path,
            fields: fields ?? TokensPage.fields(name: "", scopes: [], expires: "", errors: FormErrors(), actor: request.actor,
                                                language: language, request: request),
            rows: tokens.map { TokensPage.row($0, owner: false, now: request.now, language: language, request: request) },
            adminHref: AccessPolicy.allows(request.actor, .indicators(.manageAllTokens)) ? SiteURL.adminAPITokens(language).path : nil,
            accountHref: SiteURL.account(language).path, pagination: nil, back: "own")
        return try await request.render("tokens/index", page, language: language, title: page.heading, section: .account, status: status)
    }

    /// Five years after `today` (an ISO day), as an ISO day.
    static func latestExpiry(_ today: String) -> String {
        guard let year = Int(today.prefix(4)) else { return today }
        return String(year + 5) + today.dropFirst(4)
    }
}
