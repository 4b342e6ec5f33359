import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// Replying to a thread (perhaps quoting one of its posts) and editing a post.
extension ForumPostingController {
    func replyForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let thread = try await ForumThreadController.thread(request)
        try await requireReply(request, thread, language)
        var body = "", quote: Int?
        if let id = try QueryParameters(request).first("quote").flatMap(Int.init),
           let quoted = try await ForumPosts(database: request.db).find(id), quoted.threadID == thread.threadID, !quoted.hidden {
            let author = try await quoted.authorID.asyncFlatMap { try await ForumMembers(database: request.db).find($0) }
            body = Self.quotation(quoted, author: author?.displayName ?? request.t("forum.post.formerMember", language), request, language)
            quote = id
        }
        return try await replyPage(request, language, thread: thread, body: body, postLanguage: language.rawValue, quote: quote, errors: .init())
    }

    func reply(_ request: Request) async throws -> Response {
        let language = try request.language()
        let thread = try await ForumThreadController.thread(request)
        let member = try await requireReply(request, thread, language)
        let input = try request.form(ForumPostForm.Input.self)
        let errors = input.errors(title: false)
        guard errors.isEmpty, let postLanguage = Language(rawValue: input.language) else {
            return try await replyPage(request, language, thread: thread, body: input.body, postLanguage: input.language,
                                       quote: input.quote, errors: errors, status: .badRequest)
        }
        let uploads = try ForumUploads.check(try FormBody(request), maxBytes: request.application.settings.attachmentMaxBytes)
        try await ForumTrust(database: request.db).checkPost(userID: member.userID, links: ForumMarkdown.links(in: input.body).count, now: request.now)
        do {
            let (_, number) = try await request.db.atomically { tx in
                let reply = try await ForumPosts(database: tx).reply(
                    to: thread.threadID, body: input.body, language: postLanguage, authorID: member.userID, quoteOf: input.quote, now: request.now)
                try await ForumAttachments(database: tx).add(uploads, postID: reply.postID, uploaderID: member.userID, now: request.now)
                return reply
            }
            return request.redirect(to: ForumThreadController.location(language, thread: thread.threadID, number: number))
        } catch ForumError.badQuote {
            throw Abort(.badRequest)
        }
    }

    @discardableResult
    private func requireReply(_ request: Request, _ thread: ForumLookup.ThreadAccess, _ language: Language) async throws -> ForumMembers.Member {
        let reader = try await request.forumReader()
        return try await Self.require(request, {
            .reply(thread.visibility, inGroup: reader.inGroup(thread.groupID), silenced: $0, threadOpen: thread.isOpen)
        })
    }

    /// The quoted post as a Markdown quotation whose first line links to it.
    static func quotation(_ post: ForumPosts.Post, author: String, _ request: Request, _ language: Language) -> String {
        let link = request.t("forum.quote.wrote", language, ["name": author.replacingOccurrences(of: "]", with: ""),
                                                            "href": SiteURL.forumPost(language, post: post.id).path])
        let lines = post.body.split(separator: "\n", omittingEmptySubsequences: false).map { "> \($0)" }
        return "> \(link)\n>\n" + lines.joined(separator: "\n") + "\n\n"
    }

    private func replyPage(_ request: Request, _ language: Language, thread: ForumLookup.ThreadAccess, body: String,
                           postLanguage: String, quote: Int?, errors: FormErrors, status: HTTPStatus = .ok) async throws -> Response {
        let form = ForumPostForm(
            heading: request.t("forum.reply.headingTo", language, ["title": thread.title]),
            action: SiteURL.forumReply(language, thread: thread.threadID).path,
            fields: ForumPostForm.fields(request, language, body: body, postLanguage: postLanguage, errors: errors),
            hidden: quote.map { [.init(name: "quote", value: String($0))] } ?? [], submit: request.t("forum.reply.submit", language),
            message: errors.isEmpty ? nil : request.t("forum.error.form", language),
            backHref: SiteURL.forumThread(language, thread: thread.threadID).path, back: request.t("forum.back.thread", language),
            files: AttachmentField(request, language))
        return try await request.render("forum/form", form, language: language, title: form.heading, section: .forum, status: status)
    }

    // MARK: editing

    func editForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await requireEdit(request, language)
        guard let post = try await ForumPosts(database: request.db).find(access.postID) else { throw Abort(.notFound) }
        return try await editPage(request, language, access: access, title: access.number == 1 ? access.thread.title : nil, body: post.body,
                                  postLanguage: post.language.rawValue, errors: .init())
    }

    func edit(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await requireEdit(request, language)
        let input = try request.form(ForumPostForm.Input.self)
        // The first post's form carries the thread's title too.
        let opensThread = access.number == 1
        let errors = input.errors(title: opensThread)
        guard errors.isEmpty, let postLanguage = Language(rawValue: input.language), let user = request.user, let editor = user.id else {
            return try await editPage(request, language, access: access, title: opensThread ? input.title : nil, body: input.body,
                                      postLanguage: input.language, errors: errors, status: .badRequest)
        }
        try await ForumPosts(database: request.db).edit(access.postID, body: input.body, language: postLanguage,
                                                        title: opensThread ? input.title : nil, editorID: editor, now: request.now)
        return request.redirect(to: ForumThreadController.location(language, thread: access.thread.threadID, number: access.number))
    }

    private func requireEdit(_ request: Request, _ language: Language) async throws -> ForumLookup.PostAccess {
        let access = try await ForumThreadController.post(request)
        let reader = try await request.forumReader()
        try await Self.require(request, {
            .editPost(access.thread.visibility, inGroup: reader.inGroup(access.thread.groupID), authorID: access.authorID?.uuidString,
                      silenced: $0, threadOpen: access.thread.isOpen)
        })
        return access
    }

    private func editPage(_ request: Request, _ language: Language, access: ForumLookup.PostAccess, title: String?, body: String, postLanguage: String,
                          errors: FormErrors, status: HTTPStatus = .ok) async throws -> Response {
        let form = ForumPostForm(
            heading: request.t("forum.edit.heading", language, ["title": access.thread.title]),
            intro: request.t("forum.edit.intro", language),
            action: SiteURL.forumPostEdit(language, post: access.postID).path,
            fields: ForumPostForm.fields(request, language, title: title, body: body, postLanguage: postLanguage, errors: errors),
            hidden: [], submit: request.t("forum.edit.submit", language),
            message: errors.isEmpty ? nil : request.t("forum.error.form", language),
            backHref: SiteURL.forumPost(language, post: access.postID).path, back: request.t("forum.back.thread", language))
        return try await request.render("forum/form", form, language: language, title: form.heading, section: .forum, status: status)
    }
}
