import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `/{lang}/account/notifications`: the member's e-mail mode (each notification at once, a daily
/// or weekly digest, or none). In-app notifications appear whatever the mode.
struct NotificationSettingsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.notificationSettings, use: show)
        routes.post(.notificationSettings, use: save)
    }

    struct ModeForm: FormInput {
        var mode: EmailMode?
        init(_ body: FormBody) { mode = EmailMode(rawValue: body.text("mode")) }
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        let userID = try await NotificationsController.member(request)
        _ = try await request.forumMember()
        let mode = try await Notifications(database: request.db).emailMode(of: userID) ?? .immediate
        return try await render(request, language, mode: mode, message: nil)
    }

    func save(_ request: Request) async throws -> Response {
        let language = try request.language()
        let userID = try await NotificationsController.member(request)
        guard let mode = try request.form(ModeForm.self).mode else {
            let current = try await Notifications(database: request.db).emailMode(of: userID) ?? .immediate
            return try await render(request, language, mode: current, message: "notification.settings.invalid", status: .unprocessableEntity)
        }
        _ = try await request.forumMember()
        try await Notifications(database: request.db).setEmailMode(mode, for: userID)
        return try await render(request, language, mode: mode, message: "notification.settings.saved")
    }

    func render(_ request: Request, _ language: Language, mode: EmailMode, message: String?, status: HTTPStatus = .ok) async throws -> Response {
        let view = NotificationSettingsPage(
            heading: request.t("notification.settings.heading", language), intro: request.t("notification.settings.intro", language),
            action: SiteURL.notificationSettings(language).path,
            choices: EmailMode.allCases.map { .init(value: $0.rawValue, label: request.t($0.labelKey, language), checked: $0 == mode) },
            message: message.map { request.t($0, language) }, listHref: SiteURL.notifications(language).path)
        return try await request.render("notifications/settings", view, language: language, title: view.heading, section: .account, status: status)
    }
}
