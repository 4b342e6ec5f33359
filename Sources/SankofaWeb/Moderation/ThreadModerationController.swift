import SankofaCore
import SankofaStore
import Vapor

/// A moderator's actions on a thread: lock or unlock it (replies from moderators only), pin or
/// unpin it, close or reopen it, or move it to another category it may go to: between categories
/// open to visitors or members, or within one working group. Never into or out of a group: that
/// would publish a private discussion, or swallow a public one.
struct ThreadModerationController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.forumThreadModerate, use: form)
        routes.post(.forumThreadModerate, use: act)
    }

    /// The actions a thread's state allows, then "move".
    static func actions(_ thread: ForumLookup.ThreadAccess) -> [String] {
        let states: [ForumModeration.ThreadState] = [thread.locked ? .unlock : .lock, thread.pinned ? .unpin : .pin,
                                                     thread.closed ? .reopen : .close]
        return states.map(\.rawValue) + ["move"]
    }

    /// The categories the thread may move to: those the reader may moderate, on the same side of
    /// every group's wall as the thread's.
    func destinations(_ request: Request, _ language: Language, _ thread: ForumLookup.ThreadAccess) async throws -> [ForumCategories.Category] {
        let reader = try await request.forumReader()
        return try await ForumCategories(database: request.db).list(for: reader, language: language).filter { category in
            category.id != thread.categoryID
                && ForumModeration.mayMove(from: (thread.visibility, thread.groupID), to: (category.visibility, category.groupID))
                && AccessPolicy.allows(request.actor, .forum(.moderate(category.visibility, inGroup: reader.inGroup(category.groupID),
                                                                       groupRole: reader.role(in: category.groupID))))
        }
    }

    struct ActionForm: FormInput {
        var action: String
        var category: Int?
        var reason: String
        init(_ body: FormBody) {
            action = body.text("action")
            category = Int(body.text("category"))
            reason = FormText.clean(body.text("reason"), limit: ModerationAccess.reasonLimit)
        }
    }

    func page(_ request: Request, _ language: Language, _ thread: ForumLookup.ThreadAccess, form: ActionForm? = nil,
              errors: FormErrors = .init(), message: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let destinations = try await destinations(request, language, thread)
        var fields = [
            FormField("action", label: request.t("moderation.action.label", language),
                      choices: Self.actions(thread).map { .init(value: $0, label: request.t("moderation.thread.\($0)", language),
                                                                selected: form?.action == $0) }),
            FormField("category", label: request.t("moderation.thread.category", language), required: false,
                      hint: request.t("moderation.thread.categoryHint", language),
                      choices: [.init(value: "", label: "—", selected: form?.category == nil)]
                        + destinations.map { .init(value: String($0.id), label: $0.name, selected: form?.category == $0.id) }),
            FormField("reason", label: request.t("moderation.reason.label", language), value: form?.reason ?? "",
                      maxLength: ModerationAccess.reasonLimit),
        ]
        errors.apply(to: &fields, request, language)
        var state: [String] = []
        if thread.locked { state.append(request.t("moderation.thread.isLocked", language)) }
        if thread.pinned { state.append(request.t("moderation.thread.isPinned", language)) }
        if thread.closed { state.append(request.t("moderation.thread.isClosed", language)) }
        let content = AccountFormPage(
            heading: request.t("moderation.thread.heading", language, ["thread": thread.title]),
            intro: state.isEmpty ? request.t("moderation.thread.intro", language) : state.joined(separator: " · "),
            action: SiteURL.forumThreadModerate(language, thread: thread.threadID).path, fields: fields,
            submit: request.t("moderation.submit", language), message: message,
            links: [.init(href: SiteURL.moderation(language).path, label: request.t("moderation.queue.heading", language))])
        return try await request.render("account/form", content, language: language, title: content.heading, section: .forum, status: status)
    }

    func form(_ request: Request) async throws -> Response {
        let language = try request.language()
        return try await page(request, language, try await ModerationAccess.thread(request))
    }

    func act(_ request: Request) async throws -> Response {
        let language = try request.language()
        let thread = try await ModerationAccess.thread(request)
        let form = try request.form(ActionForm.self)
        var errors = FormErrors()
        errors.check(Self.actions(thread).contains(form.action) || ForumModeration.ThreadState(rawValue: form.action) != nil,
                     "action", "error.required")
        errors.check(!form.reason.isEmpty, "reason", "moderation.reason.required")
        errors.check(form.reason.count <= ModerationAccess.reasonLimit, "reason", "error.tooLong")
        errors.check(form.action != "move" || form.category != nil, "category", "moderation.thread.categoryRequired")
        guard errors.isEmpty else {
            return try await page(request, language, thread, form: form, errors: errors, status: .unprocessableEntity)
        }
        let moderation = ForumModeration(database: request.db)
        let target = "thread:\(thread.threadID)"
        do {
            if form.action == "move", let categoryID = form.category {
                try await move(request, language, thread, to: categoryID, form)
            } else if let state = ForumModeration.ThreadState(rawValue: form.action) {
                try await moderation.setState(thread, state, ModerationAccess.act(request, "thread.\(state.rawValue)", target: target,
                                                                                  reason: form.reason))
            }
        } catch ForumModeration.Refusal.unchanged {
            return try await page(request, language, thread, form: form, message: request.t("moderation.unchanged", language), status: .conflict)
        } catch ForumModeration.Refusal.acrossGroups {
            errors.check(false, "category", "moderation.thread.acrossGroups")
            return try await page(request, language, thread, form: form, errors: errors, status: .unprocessableEntity)
        }
        guard let updated = try await ForumLookup(database: request.db).thread(thread.threadID) else { throw Abort(.notFound) }
        return try await page(request, language, updated, message: request.t("moderation.done.thread", language))
    }

    /// The destination is looked up as the reader sees it (a category they may not read does not
    /// exist for them); the store refuses a move across a group's wall whatever the form said.
    func move(_ request: Request, _ language: Language, _ thread: ForumLookup.ThreadAccess, to categoryID: Int, _ form: ActionForm) async throws {
        let reader = try await request.forumReader()
        guard let category = try await ForumCategories(database: request.db).find(id: categoryID, for: reader, language: language),
              AccessPolicy.allows(request.actor, .forum(.moderate(category.visibility, inGroup: reader.inGroup(category.groupID),
                                                                 groupRole: reader.role(in: category.groupID))))
        else { throw ForumModeration.Refusal.acrossGroups }
        try await ForumModeration(database: request.db).move(
            thread, to: (category.id, category.visibility, category.groupID),
            ModerationAccess.act(request, "thread.moved", target: "thread:\(thread.threadID)",
                                 reason: "\(form.reason) (\(thread.categorySlug) → \(category.slug))"))
    }
}
