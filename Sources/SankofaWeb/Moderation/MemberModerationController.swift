import SankofaCore
import SankofaStore
import Vapor

/// Silencing a member for a time (a day, a week, a month, or to a chosen date), with a reason the
/// member is told; lifting it earlier. Moderators and admins only (``ForumPermission/moderateMembers``).
struct MemberModerationController: RouteCollection {
    enum Duration: String, CaseIterable, Sendable {
        case day, week, month, custom

        var seconds: Int? {
            switch self {
            case .day: 24 * 3600
            case .week: 7 * 24 * 3600
            case .month: 30 * 24 * 3600
            case .custom: nil
            }
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.moderationMember, use: form)
        routes.post(.moderationMember, use: act)
    }

    func member(_ request: Request) async throws -> ForumModeration.Member {
        try await request.require(.forum(.moderateMembers))
        guard let id = request.parameters.get("user").flatMap(UUID.init(uuidString:)),
              let member = try await ForumModeration(database: request.db).member(id) else { throw Abort(.notFound) }
        return member
    }

    struct SilenceForm: FormInput {
        var action: String
        var duration: Duration?
        var until: String
        var reason: String
        init(_ body: FormBody) {
            action = body.text("action")
            duration = Duration(rawValue: body.text("duration"))
            until = FormText.clean(body.text("until"), limit: 10)
            reason = FormText.clean(body.text("reason"), limit: ModerationAccess.reasonLimit)
        }
    }

    func page(_ request: Request, _ language: Language, _ member: ForumModeration.Member, form: SilenceForm? = nil,
              errors: FormErrors = .init(), message: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let silenced = member.silencedUntil.map { $0 > request.now } ?? false
        let actions = silenced ? ["unsilence", "silence"] : ["silence"]
        var fields = [
            FormField("action", label: request.t("moderation.action.label", language),
                      choices: actions.map { .init(value: $0, label: request.t("moderation.member.\($0)", language), selected: form?.action == $0) }),
            FormField("duration", label: request.t("moderation.member.duration", language), required: false,
                      choices: Duration.allCases.map { .init(value: $0.rawValue, label: request.t("moderation.member.duration.\($0.rawValue)", language),
                                                             selected: form?.duration == $0) }),
            FormField("until", label: request.t("moderation.member.until", language), value: form?.until ?? "", type: "date",
                      required: false, maxLength: 10, hint: request.t("moderation.member.untilHint", language)),
            FormField("reason", label: request.t("moderation.reason.label", language), value: form?.reason ?? "",
                      maxLength: ModerationAccess.reasonLimit),
        ]
        errors.apply(to: &fields, request, language)
        let state = silenced
            ? request.t("moderation.member.silencedUntil", language, ["date": ISODay.format(Date(timeIntervalSince1970: Double(member.silencedUntil ?? 0))),
                                                                      "reason": member.silenceReason ?? ""])
            : request.t("moderation.member.notSilenced", language)
        let content = AccountFormPage(
            heading: request.t("moderation.member.heading", language, ["name": member.displayName, "handle": member.handle]),
            intro: state, action: SiteURL.moderationMember(language, user: member.userID.uuidString).path, fields: fields,
            submit: request.t("moderation.submit", language), message: message,
            links: [.init(href: SiteURL.moderation(language).path, label: request.t("moderation.queue.heading", language))])
        return try await request.render("account/form", content, language: language, title: content.heading, section: .forum, status: status)
    }

    func form(_ request: Request) async throws -> Response {
        try await page(request, try request.language(), try await member(request))
    }

    func act(_ request: Request) async throws -> Response {
        let language = try request.language()
        let member = try await member(request)
        let form = try request.form(SilenceForm.self)
        var errors = FormErrors()
        errors.check(["silence", "unsilence"].contains(form.action), "action", "error.required")
        errors.check(!form.reason.isEmpty, "reason", "moderation.reason.required")
        errors.check(form.reason.count <= ModerationAccess.reasonLimit, "reason", "error.tooLong")
        var until: Int?
        if form.action == "silence" {
            errors.check(form.duration != nil, "duration", "error.required")
            if let seconds = form.duration?.seconds {
                until = request.now + seconds
            } else if form.duration == .custom {
                // The chosen day's end (UTC): "until 12 March" includes 12 March.
                until = ISODay.parse(form.until).map { Int($0.timeIntervalSince1970) + 24 * 3600 }
                errors.check(until.map { $0 > request.now } ?? false, "until", "moderation.member.untilInvalid")
            }
        }
        guard errors.isEmpty else {
            return try await page(request, language, member, form: form, errors: errors, status: .unprocessableEntity)
        }
        let action = until == nil ? "member.unsilenced" : "member.silenced"
        try await ForumModeration(database: request.db).silence(
            member.userID, until: until, ModerationAccess.act(request, action, target: "member:\(member.userID)", reason: form.reason))
        guard let updated = try await ForumModeration(database: request.db).member(member.userID) else { throw Abort(.notFound) }
        return try await page(request, language, updated, message: request.t("moderation.done.\(action)", language))
    }
}
