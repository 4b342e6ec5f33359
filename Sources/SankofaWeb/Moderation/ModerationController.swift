import SankofaCore
import SankofaStore
import Vapor

/// The moderators' queue and their actions on one post: hide, restore, agree with its flags
/// (hides it) or disagree (dismisses them). Every action needs a reason, which the audit log keeps
/// and the author is told (``ForumModeration``).
struct ModerationController: RouteCollection {
    static let perPage = 20

    enum PostAction: String, CaseIterable, Sendable {
        case hide, restore, agree, disagree
    }

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.moderation, use: queue)
        routes.get(.moderationPost, use: post)
        routes.post(.moderationPost, use: act)
    }

    func queue(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (scope, _) = try await ModerationAccess.scope(request)
        let query = try QueryParameters(request)
        let page = max(1, query.first("page").flatMap(Int.init) ?? 1)
        let (entries, total) = try await ForumFlags(database: request.db).queue(scope, limit: Self.perPage, offset: (page - 1) * Self.perPage)
        let canSilence = AccessPolicy.allows(request.actor, .forum(.moderateMembers))
        let content = ModerationQueue(
            heading: request.t("moderation.queue.heading", language), intro: request.t("moderation.queue.intro", language),
            empty: entries.isEmpty ? request.t("moderation.queue.empty", language) : nil, message: nil,
            items: entries.map { ModerationQueue.item($0, request, language, canSilence: canSilence) },
            pagination: Pagination(page: page, perPage: Self.perPage, total: total, base: SiteURL.moderation(language).path,
                                   query: query, language: language, request: request))
        return try await request.render("moderation/queue", content, language: language, title: content.heading, section: .forum)
    }

    func post(_ request: Request) async throws -> Response {
        let language = try request.language()
        let post = try await ModerationAccess.post(request)
        return try await page(request, language, post)
    }

    func page(_ request: Request, _ language: Language, _ post: ForumLookup.PostAccess, message: String? = nil, error: String? = nil,
              reason: String = "", status: HTTPStatus = .ok) async throws -> Response {
        let entries = try await ForumFlags(database: request.db).items(postIDs: [post.postID])
        let canSilence = AccessPolicy.allows(request.actor, .forum(.moderateMembers))
        let content = ModerationQueue(
            heading: request.t("moderation.post.title", language), intro: request.t("moderation.post.intro", language),
            empty: nil, message: message,
            items: entries.map { ModerationQueue.item($0, request, language, canSilence: canSilence, error: error, reason: reason) },
            pagination: nil)
        return try await request.render("moderation/queue", content, language: language, title: content.heading, section: .forum,
                                        status: status)
    }

    struct ActionForm: FormInput {
        var action: PostAction?
        var reason: String
        init(_ body: FormBody) {
            action = PostAction(rawValue: body.text("action"))
            reason = FormText.clean(body.text("reason"), limit: ModerationAccess.reasonLimit)
        }
    }

    func act(_ request: Request) async throws -> Response {
        let language = try request.language()
        let post = try await ModerationAccess.post(request)
        let form = try request.form(ActionForm.self)
        guard let action = form.action else { throw Abort(.badRequest) }
        guard !form.reason.isEmpty, form.reason.count <= ModerationAccess.reasonLimit else {
            let key = form.reason.isEmpty ? "moderation.reason.required" : "error.tooLong"
            return try await page(request, language, post, error: request.t(key, language), reason: form.reason, status: .unprocessableEntity)
        }
        let moderation = ForumModeration(database: request.db)
        let target = "post:\(post.postID)"
        do {
            switch action {
            case .hide, .agree:
                try await moderation.setHidden(post, hidden: true, ModerationAccess.act(request, "post.hidden", target: target, reason: form.reason))
            case .restore:
                try await moderation.setHidden(post, hidden: false, ModerationAccess.act(request, "post.restored", target: target, reason: form.reason))
            case .disagree:
                try await moderation.dismissFlags(post, ModerationAccess.act(request, "flags.dismissed", target: target, reason: form.reason))
            }
        } catch ForumModeration.Refusal.unchanged {
            return try await page(request, language, post, message: request.t("moderation.unchanged", language), status: .conflict)
        }
        guard let updated = try await ForumLookup(database: request.db).post(post.postID) else { throw Abort(.notFound) }
        return try await page(request, language, updated, message: request.t("moderation.done.\(action.rawValue)", language))
    }
}
