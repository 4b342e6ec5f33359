import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `tokens/index` (a member's own tokens: the new token's secret once, the form, the list) and
/// `tokens/admin` (every member's tokens, for admins).
struct TokensPage: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var name: String
        var prefix: String
        var owner: String?
        var scopes: String
        var created: String
        var lastUsed: String
        var expires: String
        var state: String
        /// Where to post the revocation; nil once revoked or expired.
        var revokeHref: String?
    }

    /// The secret of the token just made: shown on this answer only, never again.
    struct NewToken: Encodable, Sendable {
        var name: String
        var secret: String
    }

    var heading: String
    var intro: String
    var created: NewToken?
    var message: String?
    var action: String
    var fields: [FormField]
    var rows: [Row]
    var adminHref: String?
    var accountHref: String
    /// For the admins' list: the page of it, and where it goes back to after a revocation.
    var pagination: Pagination?
    var back: String
    /// The admins' list names each token's owner.
    var showsOwner: Bool { back == "admin" }

    enum CodingKeys: String, CodingKey {
        case heading, intro, created, message, action, fields, rows, adminHref, accountHref, pagination, back, showsOwner
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(heading, forKey: .heading)
        try c.encode(intro, forKey: .intro)
        try c.encodeIfPresent(created, forKey: .created)
        try c.encodeIfPresent(message, forKey: .message)
        try c.encode(action, forKey: .action)
        try c.encode(fields, forKey: .fields)
        try c.encode(rows, forKey: .rows)
        try c.encodeIfPresent(adminHref, forKey: .adminHref)
        try c.encode(accountHref, forKey: .accountHref)
        try c.encodeIfPresent(pagination, forKey: .pagination)
        try c.encode(back, forKey: .back)
        try c.encode(showsOwner, forKey: .showsOwner)
    }

    static func row(_ token: APITokens.Token, owner: Bool, now: Int, language: Language, request: Request) -> Row {
        func day(_ seconds: Int?) -> String? {
            seconds.map { DateFormatting.longDate(Date(timeIntervalSince1970: TimeInterval($0)), language) }
        }
        let state = token.revokedAt != nil ? "tokens.state.revoked" : token.isLive(now: now) ? "tokens.state.live" : "tokens.state.expired"
        return Row(
            name: token.name, prefix: token.prefix + "…", owner: owner ? token.ownerEmail : nil,
            scopes: token.scopes.map(\.rawValue).joined(separator: ", "),
            created: day(token.createdAt) ?? "", lastUsed: day(token.lastUsedAt) ?? request.t("tokens.never", language),
            expires: day(token.expiresAt) ?? request.t("tokens.noExpiry", language), state: request.t(state, language),
            revokeHref: token.isLive(now: now) ? SiteURL.apiTokenRevoke(language, id: token.id).path : nil)
    }

    /// The creation form's fields, with what was typed and the errors (catalog keys) by field.
    static func fields(name: String, scopes: Set<String>, expires: String, errors: FormErrors, actor: Actor,
                       language: Language, request: Request) -> [FormField] {
        var scopeField = FormField(
            "scopes", label: request.t("tokens.field.scopes", language), hint: request.t("tokens.field.scopes.hint", language),
            choices: APITokenScope.allCases.filter { AccessPolicy.allows(actor, .indicators(.grantTokenScope($0))) }.map {
                .init(value: $0.rawValue, label: request.t($0.labelKey, language), selected: scopes.contains($0.rawValue))
            })
        scopeField.multiple = true
        scopeField.isCheckboxes = true
        var fields = [
            FormField("name", label: request.t("tokens.field.name", language), value: name, maxLength: 100,
                      hint: request.t("tokens.field.name.hint", language)),
            scopeField,
            FormField("expires", label: request.t("tokens.field.expires", language), value: expires, type: "date",
                      required: false, maxLength: 10, hint: request.t("tokens.field.expires.hint", language)),
        ]
        errors.apply(to: &fields, request, language)
        return fields
    }
}
