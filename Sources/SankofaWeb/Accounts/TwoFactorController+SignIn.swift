import SankofaCore
import SankofaStore
import Vapor

/// The second step of sign-in: a current code or an unused recovery code, each accepted once,
/// even when two requests bring it at the same moment (the stores spend them conditionally).
extension TwoFactorController {
    func verifyForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        guard request.currentSession?.record.twoFactorPending == true else {
            return request.redirect(to: SiteURL.login(language).path, redirectType: .normal)
        }
        return try await renderVerify(request, language, message: nil)
    }

    func renderVerify(_ request: Request, _ language: Language, message: String?, status: HTTPStatus = .ok) async throws -> Response {
        let page = TwoFactorVerifyPage(heading: request.t("twofactor.verify.heading", language), intro: request.t("twofactor.verify.intro", language),
                                       action: SiteURL.twoFactorVerify(language).path, message: message)
        return try await request.render("account/two-factor-verify", page, language: language, title: page.heading, section: .account,
                                        status: status, opensSession: true)
    }

    struct CodeForm: FormInput {
        var code: String
        init(_ body: FormBody) { code = FormText.clean(body.text("code"), limit: 40) }
    }

    func verify(_ request: Request) async throws -> Response {
        let language = try request.language()
        guard let session = request.currentSession, session.record.twoFactorPending, let user = session.user,
              let id = user.id, let secret = user.totpSecret
        else { return request.redirect(to: SiteURL.login(language).path, redirectType: .normal) }
        try await Limits.check(request, "2fa:\(id.uuidString)", Self.limit)
        let code = try request.form(CodeForm.self).code
        let recoveryCodes = RecoveryCodes(database: request.db)
        if let step = TOTP.verify(code, secret: secret, at: request.now, lastUsed: user.totpLastStep),
           try await UserStore(database: request.db).acceptTwoFactorStep(user, step: step) {
            // A current code, spent by this request.
        } else if let hash = try await RecoveryCode.match(code, among: try await recoveryCodes.unused(for: id), request),
                  try await recoveryCodes.consume(hash, for: id, now: request.now) {
            try await AuditLog(database: request.db).record(request.auditEntry("2fa.recovery_used", target: user.email, user: user))
        } else {
            try await AuditLog(database: request.db).record(request.auditEntry("2fa.failure", target: user.email, user: user))
            return try await renderVerify(request, language, message: request.t("twofactor.wrongCode", language), status: .unauthorized)
        }
        try await request.startSession(user: user)
        try await AuditLog(database: request.db).record(request.auditEntry("login.success", target: user.email, detail: "2fa", user: user))
        return request.redirect(to: SiteURL.account(language).path, redirectType: .normal)
    }
}
