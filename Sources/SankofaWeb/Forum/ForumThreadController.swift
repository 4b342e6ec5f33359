import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// Reading a thread: its pages of posts, a post's permanent link, a post's earlier versions.
/// A thread the reader may not read is a 404 everywhere, as if it did not exist.
struct ForumThreadController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.forumThread, use: show)
        routes.get(.forumPost, use: permalink)
        routes.get(.forumPostHistory, use: history)
    }

    /// The thread `:thread`, when the reader may read it.
    static func thread(_ request: Request) async throws -> ForumLookup.ThreadAccess {
        let reader = try await request.forumReader()
        guard let thread = try await ForumLookup(database: request.db).thread(try request.forumID("thread")),
              reader.reads(thread.visibility, groupID: thread.groupID) else { throw Abort(.notFound) }
        return thread
    }

    /// The post `:post`, when the reader may read its thread.
    static func post(_ request: Request) async throws -> ForumLookup.PostAccess {
        let reader = try await request.forumReader()
        guard let post = try await ForumLookup(database: request.db).post(try request.forumID("post")),
              reader.reads(post.thread.visibility, groupID: post.thread.groupID) else { throw Abort(.notFound) }
        return post
    }

    /// Where post `number` of `thread` is: its page and anchor.
    static func location(_ language: Language, thread: Int, number: Int) -> String {
        let page = ForumPosts.page(of: number)
        return SiteURL.forumThread(language, thread: thread).path + (page > 1 ? "?page=\(page)" : "") + "#post-\(number)"
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        let thread = try await Self.thread(request)
        let member = try await request.forumMember()
        let query = try QueryParameters(request)
        let reads = ForumReads(database: request.db)
        // A member coming back is taken to the first post they have not read.
        if query.first("page") == nil, let member, let place = try await reads.place(of: member.userID, in: thread.threadID),
           place < thread.postCount {
            let page = ForumPosts.page(of: place + 1)
            return request.redirect(to: SiteURL.forumThread(language, thread: thread.threadID).path + "?page=\(page)#post-\(place + 1)")
        }
        let page = min(max(1, query.first("page").flatMap(Int.init) ?? 1), 100_000)
        let posts = try await ForumPosts(database: request.db).page(of: thread.threadID, page: page)
        guard !posts.isEmpty else { throw Abort(.notFound) }
        if let member, let last = posts.last { try await reads.markRead(member.userID, thread: thread.threadID, upTo: last.number) }
        let renderer = try await ForumPostRenderer.load(posts, thread: thread, request, language)
        let categories = ForumCategories(database: request.db)
        let reader = try await request.forumReader()
        let category = try await categories.find(id: thread.categoryID, for: reader, language: language)
        let base = SiteURL.forumThread(language, thread: thread.threadID).path
        var view = ForumThreadPage(
            heading: thread.title, lang: thread.language.rawValue, dir: thread.language.direction,
            category: category?.name ?? thread.categorySlug, categoryHref: SiteURL.forumCategory(language, slug: thread.categorySlug).path,
            states: [thread.pinned ? "forum.state.pinned" : nil, thread.locked ? "forum.state.locked" : nil,
                     thread.closed ? "forum.state.closed" : nil].compactMap { $0.map { request.t($0, language) } },
            posts: posts.map(renderer.view),
            pagination: Pagination(page: page, perPage: ForumPosts.perPage, total: thread.postCount, base: base,
                                   query: QueryParameters(pairs: page > 1 ? [("page", String(page))] : []), language: language, request: request))
        try await replyForm(&view, request, language, thread: thread, member: member, last: page >= view.pagination.pageCount)
        if AccessPolicy.allows(request.actor, .forum(.moderate(thread.visibility, inGroup: renderer.reader.inGroup(thread.groupID),
                                                               groupRole: renderer.reader.role(in: thread.groupID)))) {
            view.moderateHref = SiteURL.forumThreadModerate(language, thread: thread.threadID).path
        }
        view.watch = try await ForumWatchButton.thread(request, language, thread.threadID)
        return try await request.render("forum/thread", view, language: language, title: thread.title, section: .forum)
    }

    /// The reply form under the last page, or why there is none.
    private func replyForm(_ view: inout ForumThreadPage, _ request: Request, _ language: Language,
                           thread: ForumLookup.ThreadAccess, member: ForumMembers.Member?, last: Bool) async throws {
        guard last else { return }
        let actor = request.actor
        guard actor.isMember, let member else {
            if !actor.isSignedIn { view.signInHref = SiteURL.login(language).path }
            return
        }
        let reader = try await request.forumReader()
        let silenced = member.isSilenced(now: request.now)
        guard AccessPolicy.allows(actor, .forum(.reply(thread.visibility, inGroup: reader.inGroup(thread.groupID),
                                                       silenced: silenced, threadOpen: thread.isOpen))) else {
            let until = DateFormatting.dateTime(Date(timeIntervalSince1970: TimeInterval(member.silencedUntil ?? 0)), language)
            view.replyNote = request.t(silenced ? "forum.error.silenced" : "forum.thread.closedNote", language, ["until": until])
            return
        }
        view.reply = ForumPostForm(
            heading: request.t("forum.reply.heading", language), action: SiteURL.forumReply(language, thread: thread.threadID).path,
            fields: ForumPostForm.fields(request, language, body: "", postLanguage: language.rawValue, errors: .init()),
            hidden: [], submit: request.t("forum.reply.submit", language), backHref: "", back: "")
    }

    func permalink(_ request: Request) async throws -> Response {
        let language = try request.language()
        let post = try await Self.post(request)
        return request.redirect(to: Self.location(language, thread: post.thread.threadID, number: post.number))
    }

    func history(_ request: Request) async throws -> Response {
        let language = try request.language()
        let post = try await Self.post(request)
        let reader = try await request.forumReader()
        try await request.require(.forum(.seeEditHistory(post.thread.visibility, inGroup: reader.inGroup(post.thread.groupID))))
        let posts = ForumPosts(database: request.db)
        guard let current = try await posts.find(post.postID) else { throw Abort(.notFound) }
        let revisions = try await posts.revisions(of: post.postID)
        let editors = try await ForumMembers(database: request.db).named(revisions.compactMap(\.editedBy))
        let page = ForumHistoryPage(
            heading: request.t("forum.history.heading", language, ["number": NumberFormatting.integer(post.number, language),
                                                                   "title": post.thread.title]),
            postHref: SiteURL.forumPost(language, post: post.postID).path,
            current: .init(label: request.t("forum.history.current", language), body: current.body,
                           lang: current.language.rawValue, dir: current.language.direction),
            revisions: revisions.map { revision in
                ForumHistoryPage.Version(
                    label: request.t("forum.history.revision", language, [
                        "number": NumberFormatting.integer(revision.revision, language),
                        "date": DateFormatting.dateTime(Date(timeIntervalSince1970: TimeInterval(revision.editedAt)), language),
                        "editor": revision.editedBy.flatMap { editors[$0]?.displayName } ?? "—",
                    ]),
                    body: revision.body, lang: current.language.rawValue, dir: current.language.direction)
            })
        return try await request.render("forum/history", page, language: language, title: page.heading, section: .forum)
    }
}

/// `forum/history`: a post's versions, the current one first, each as its writer typed it
/// (Markdown source, escaped), for the moderators.
struct ForumHistoryPage: Encodable, Sendable {
    struct Version: Encodable, Sendable { var label: String; var body: String; var lang: String; var dir: String }
    var heading: String
    var postHref: String
    var current: Version
    var revisions: [Version]
}
