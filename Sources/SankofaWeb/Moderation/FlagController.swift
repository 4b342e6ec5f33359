import SankofaCore
import SankofaStore
import Vapor

/// A member flags a post for the moderators: a reason and, if they wish, a note. Once per member
/// and post; at most ``PostingLimits/flagsPerDay`` a day (``ForumTrust``). The author is not told.
struct FlagController: RouteCollection {
    static let noteLimit = 1_000

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.forumPostFlag, use: form)
        routes.post(.forumPostFlag, use: flag)
    }

    /// The post, if the reader may flag it: members first (a visitor to the login page), then a
    /// 404 for a post they may not read, hidden ones included unless they may read those.
    func target(_ request: Request) async throws -> ForumLookup.PostAccess {
        try await request.require(.forum(.flag(.visitors, inGroup: false)))
        let reader = try await request.forumReader()
        guard let id = request.parameters.get("post").flatMap(Int.init),
              let post = try await ForumLookup(database: request.db).post(id) else { throw Abort(.notFound) }
        let thread = post.thread, inGroup = reader.inGroup(thread.groupID)
        guard AccessPolicy.allows(request.actor, .forum(.flag(thread.visibility, inGroup: inGroup))),
              !post.hidden || AccessPolicy.allows(request.actor, .forum(.readHiddenPost(thread.visibility, inGroup: inGroup,
                                                                                         authorID: post.authorID?.uuidString)))
        else { throw Abort(.notFound) }
        return post
    }

    struct FlagForm: FormInput {
        var reason: FlagReason?
        var note: String
        init(_ body: FormBody) {
            reason = FlagReason(rawValue: body.text("reason"))
            note = FormText.clean(body.text("note"), limit: FlagController.noteLimit)
        }
    }

    func page(_ request: Request, _ language: Language, _ post: ForumLookup.PostAccess, form: FlagForm? = nil,
              errors: FormErrors = .init(), message: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        var fields = message == nil ? [
            FormField("reason", label: request.t("moderation.flag.reason", language),
                      choices: FlagReason.allCases.map { .init(value: $0.rawValue, label: request.t($0.labelKey, language),
                                                               selected: form?.reason == $0) }),
            FormField("note", label: request.t("moderation.flag.note", language), value: form?.note ?? "", required: false,
                      maxLength: Self.noteLimit, hint: request.t("moderation.flag.noteHint", language), textArea: true),
        ] : []
        errors.apply(to: &fields, request, language)
        let content = AccountFormPage(
            heading: request.t("moderation.flag.heading", language, ["number": String(post.number), "thread": post.thread.title]),
            intro: request.t("moderation.flag.intro", language), action: SiteURL.forumPostFlag(language, post: post.postID).path,
            fields: fields, submit: request.t("moderation.flag.submit", language), message: message, links: [])
        return try await request.render("account/form", content, language: language, title: content.heading, section: .forum, status: status)
    }

    func form(_ request: Request) async throws -> Response {
        let language = try request.language()
        let post = try await target(request)
        if let user = request.user?.id, try await ForumFlags(database: request.db).hasFlagged(postID: post.postID, flaggerID: user) {
            return try await page(request, language, post, message: request.t("moderation.flag.already", language))
        }
        return try await page(request, language, post)
    }

    func flag(_ request: Request) async throws -> Response {
        let language = try request.language()
        let post = try await target(request)
        guard let userID = request.user?.id else { throw Abort(.forbidden) }
        let form = try request.form(FlagForm.self)
        var errors = FormErrors()
        errors.check(form.reason != nil, "reason", "error.required")
        errors.check(form.note.count <= Self.noteLimit, "note", "error.tooLong")
        guard errors.isEmpty, let reason = form.reason else {
            return try await page(request, language, post, form: form, errors: errors, status: .unprocessableEntity)
        }
        let flags = ForumFlags(database: request.db)
        if try await flags.hasFlagged(postID: post.postID, flaggerID: userID) {
            return try await page(request, language, post, message: request.t("moderation.flag.already", language))
        }
        try await ForumTrust(database: request.db).checkFlag(userID: userID, now: request.now)
        let added = try await flags.flag(postID: post.postID, flaggerID: userID, reason: reason, note: form.note, now: request.now)
        return try await page(request, language, post,
                              message: request.t(added ? "moderation.flag.thanks" : "moderation.flag.already", language))
    }
}
