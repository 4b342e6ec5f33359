import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// Writing in the forum: a new thread, a reply (perhaps quoting a post), an edit. Each form is
/// refused as the access policy says: a thread the writer may not read is a 404, a permission
/// they lack a 403 (visitors are sent to sign in), a silenced member is told so, in their language.
struct ForumPostingController: RouteCollection {
    /// Long posts in Arabic or Chinese are percent-encoded at up to 9 bytes a character: the
    /// limit lets a post of 1 MB reach the form, which refuses it with its text kept.
    static let bodyLimit: ByteCount = "12mb"

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.forumNewThread, use: Self.tellingSilenced(newThread))
        routes.on(.POST, SiteURL.Route.forumNewThread.pathComponents, body: .collect(maxSize: Self.bodyLimit), use: Self.tellingSilenced(startThread))
            .bodyLimit(.files)
        routes.get(.forumReply, use: Self.tellingSilenced(replyForm))
        routes.on(.POST, SiteURL.Route.forumReply.pathComponents, body: .collect(maxSize: Self.bodyLimit), use: Self.tellingSilenced(reply))
            .bodyLimit(.files)
        routes.get(.forumPostEdit, use: Self.tellingSilenced(editForm))
        routes.on(.POST, SiteURL.Route.forumPostEdit.pathComponents, body: .collect(maxSize: Self.bodyLimit), use: Self.tellingSilenced(edit))
            .bodyLimit(.bytes(Self.bodyLimit.value))
    }

    /// A silenced member may not write until the silence ends.
    struct Silenced: Error { var until: Int }

    /// `handler`, with a silenced member's refusal shown as a page that says so and until when (403).
    static func tellingSilenced(_ handler: @escaping @Sendable (Request) async throws -> Response) -> @Sendable (Request) async throws -> Response {
        { request in
            do {
                return try await handler(request)
            } catch let silenced as Silenced {
                let language = try request.language()
                let until = DateFormatting.dateTime(Date(timeIntervalSince1970: TimeInterval(silenced.until)), language)
                let content = ErrorPagesMiddleware.Content(
                    status: 403, heading: request.t("error.forbidden.title", language),
                    message: request.t("forum.error.silenced", language, ["until": until]),
                    homeHref: SiteURL.forum(language).path, practicesHref: SiteURL.practices(language).path)
                return try await request.render("errors/error", content, language: language, title: content.heading, status: .forbidden)
            }
        }
    }

    /// Asks the policy with the member's silence and without: a member refused only for being
    /// silenced gets a page that says so (403); any other refusal is the usual one.
    static func require(_ request: Request, _ permission: (Bool) -> ForumPermission) async throws -> ForumMembers.Member {
        let member = try await request.forumMember()
        let silenced = member?.isSilenced(now: request.now) ?? false
        if silenced, let member, AccessPolicy.allows(request.actor, .forum(permission(false))) {
            throw Silenced(until: member.silencedUntil ?? request.now)
        }
        try await request.require(.forum(permission(silenced)))
        guard let member else { throw Abort(.forbidden) }
        return member
    }

    // MARK: starting a thread

    func newThread(_ request: Request) async throws -> Response {
        let language = try request.language()
        let category = try await Self.category(request, slug: request.parameters.get("category"), language)
        let reader = try await request.forumReader()
        _ = try await Self.require(request, { .startThread(category.visibility, inGroup: reader.inGroup(category.groupID), silenced: $0) })
        return try await threadPage(request, language, category: category, input: nil, errors: .init())
    }

    func startThread(_ request: Request) async throws -> Response {
        let language = try request.language()
        let input = try request.form(ForumPostForm.Input.self)
        let category = try await Self.category(request, slug: input.category.isEmpty ? request.parameters.get("category") : input.category, language)
        let reader = try await request.forumReader()
        let member = try await Self.require(request, { .startThread(category.visibility, inGroup: reader.inGroup(category.groupID), silenced: $0) })
        let errors = input.errors(title: true)
        guard errors.isEmpty, let postLanguage = Language(rawValue: input.language) else {
            return try await threadPage(request, language, category: category, input: input, errors: errors, status: .badRequest)
        }
        // Files and posting limits once the form is right, so a typo costs nothing of the limits.
        let uploads = try ForumUploads.check(try FormBody(request), maxBytes: request.application.settings.attachmentMaxBytes)
        try await ForumTrust(database: request.db).checkPost(userID: member.userID, links: ForumMarkdown.links(in: input.body).count, now: request.now)
        let (threadID, _) = try await request.db.atomically { tx in
            let ids = try await ForumPosts(database: tx).startThread(
                .init(categoryID: category.id, title: input.title, language: postLanguage, body: input.body, authorID: member.userID), now: request.now)
            try await ForumAttachments(database: tx).add(uploads, postID: ids.postID, uploaderID: member.userID, now: request.now)
            return ids
        }
        return request.redirect(to: SiteURL.forumThread(language, thread: threadID).path)
    }

    /// A category the reader may read, by slug; a 404 otherwise.
    static func category(_ request: Request, slug: String?, _ language: Language) async throws -> ForumCategories.Category {
        guard let slug, Slug.isValid(slug), let category = try await ForumCategories(database: request.db)
            .find(slug: slug, for: try await request.forumReader(), language: language) else { throw Abort(.notFound) }
        return category
    }

    private func threadPage(_ request: Request, _ language: Language, category: ForumCategories.Category,
                            input: ForumPostForm.Input?, errors: FormErrors, status: HTTPStatus = .ok) async throws -> Response {
        let reader = try await request.forumReader()
        let all = try await ForumCategories(database: request.db).list(for: reader, language: language)
        let choices = all.filter {
            AccessPolicy.allows(request.actor, .forum(.startThread($0.visibility, inGroup: reader.inGroup($0.groupID), silenced: false)))
        }.map { FormField.Choice(value: $0.slug, label: $0.name, selected: $0.id == category.id) }
        let form = ForumPostForm(
            heading: request.t("forum.new.heading", language, ["category": category.name]),
            intro: request.t("forum.new.intro", language),
            action: SiteURL.forumNewThread(language, slug: category.slug).path,
            fields: ForumPostForm.fields(request, language, title: input?.title ?? "", body: input?.body ?? "",
                                         postLanguage: input?.language ?? language.rawValue, errors: errors, categories: choices),
            hidden: [], submit: request.t("forum.new.submit", language),
            message: errors.isEmpty ? nil : request.t("forum.error.form", language),
            backHref: SiteURL.forumCategory(language, slug: category.slug).path, back: request.t("forum.back.category", language),
            files: AttachmentField(request, language))
        return try await request.render("forum/form", form, language: language, title: form.heading, section: .forum, status: status)
    }
}
