import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `/unsubscribe/:token`: the link every forum mail carries in its body and its
/// `List-Unsubscribe` header. GET shows a page with a button; POST (the button, or a mail
/// program's one-click POST of RFC 8058, with no session and no CSRF token) turns the member's
/// forum mail off. The token is signed (UnsubscribeToken): a forged or altered one is a 404 and
/// changes nothing.
struct UnsubscribeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.unsubscribe, use: show)
        routes.post(.unsubscribe, use: unsubscribe).userInfo[AnySendableHashable(CSRFMiddleware.exemptKey)] = true
    }

    /// The member the link names, and their language.
    private func member(_ request: Request) async throws -> (id: UUID, language: Language, token: String) {
        let token = request.parameters.get("token") ?? ""
        let secret = try await SiteSecrets(database: request.db).value(named: "unsubscribe")
        guard let userID = UnsubscribeToken.verify(token, secret: secret),
              let user = try await UserStore(database: request.db).find(id: userID) else { throw Abort(.notFound) }
        return (userID, user.preferredLanguage, token)
    }

    func show(_ request: Request) async throws -> Response {
        let (_, language, token) = try await member(request)
        return try await page(request, language, text: "notification.unsubscribe.ask", action: SiteURL.unsubscribe(token: token).path)
    }

    func unsubscribe(_ request: Request) async throws -> Response {
        let (userID, language, _) = try await member(request)
        try await Notifications(database: request.db).setEmailMode(.off, for: userID)
        return try await page(request, language, text: "notification.unsubscribe.done", action: nil)
    }

    private func page(_ request: Request, _ language: Language, text: String, action: String?) async throws -> Response {
        let view = UnsubscribePage(
            lang: language.rawValue, dir: language.direction,
            stylesheet: SiteURL.stylesheet(fingerprint: request.application.stylesheet.fingerprint).path,
            title: request.t("notification.unsubscribe.heading", language), text: request.t(text, language), action: action,
            submit: request.t("notification.unsubscribe.submit", language),
            settingsHref: SiteURL.notificationSettings(language).path, settingsLabel: request.t("notification.settings.heading", language))
        let response = try await request.view.render("notifications/unsubscribe", view).get().encodeResponse(for: request)
        response.headers.replaceOrAdd(name: .contentLanguage, value: language.rawValue)
        return response
    }
}
