import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// One post as the thread page shows it: its author, date and language (`lang`/`dir` on the
/// post itself, so an Arabic post reads right to left in a page of any language), its body as
/// Markdown made safe, the cards of its links, and the actions the reader may take on it.
struct ForumPostView: Encodable, Sendable {
    var anchor: String
    var number: String
    var permalink: String
    var author: String
    var date: String
    var isoDate: String
    var lang: String
    var dir: String
    var languageName: String
    var bodyHTML: String?
    /// Shown instead of the body of a post a moderator hid.
    var hiddenNote: String?
    var edited: String?
    var historyHref: String?
    var editHref: String?
    var quoteHref: String?
    var inReplyTo: Layout.Link?
    var cards: [ForumLinkCards.Card]
    var hasCards: Bool { !cards.isEmpty }
    /// The post's files (when the reader may read the post), and the moderation links.
    var attachments: [AttachmentLink] = []
    var hasAttachments: Bool { !attachments.isEmpty }
    var flagHref: String?
    var moderateHref: String?

    enum CodingKeys: String, CodingKey {
        case anchor, number, permalink, author, date, isoDate, lang, dir, languageName, bodyHTML, hiddenNote, edited
        case historyHref, editHref, quoteHref, inReplyTo, cards, hasCards, attachments, hasAttachments, flagHref, moderateHref
    }

    func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(anchor, forKey: .anchor); try c.encode(number, forKey: .number); try c.encode(permalink, forKey: .permalink)
        try c.encode(author, forKey: .author); try c.encode(date, forKey: .date); try c.encode(isoDate, forKey: .isoDate)
        try c.encode(lang, forKey: .lang); try c.encode(dir, forKey: .dir); try c.encode(languageName, forKey: .languageName)
        try c.encodeIfPresent(bodyHTML, forKey: .bodyHTML); try c.encodeIfPresent(hiddenNote, forKey: .hiddenNote)
        try c.encodeIfPresent(edited, forKey: .edited); try c.encodeIfPresent(historyHref, forKey: .historyHref)
        try c.encodeIfPresent(editHref, forKey: .editHref); try c.encodeIfPresent(quoteHref, forKey: .quoteHref)
        try c.encodeIfPresent(inReplyTo, forKey: .inReplyTo); try c.encode(cards, forKey: .cards); try c.encode(hasCards, forKey: .hasCards)
        try c.encode(attachments, forKey: .attachments); try c.encode(hasAttachments, forKey: .hasAttachments)
        try c.encodeIfPresent(flagHref, forKey: .flagHref); try c.encodeIfPresent(moderateHref, forKey: .moderateHref)
    }
}

/// What the views of one page of posts share: names, mentions, permissions.
struct ForumPostRenderer: Sendable {
    let request: Request
    let language: Language
    let thread: ForumLookup.ThreadAccess
    let reader: ForumReader
    let authors: [UUID: ForumMembers.Member]
    let mentioned: [String: ForumMembers.Member]
    let quoted: [Int: ForumPosts.Post]
    let cards: ForumLinkCards
    let attachments: [Int: [ForumAttachments.Summary]]

    /// Reads what `posts` need: their authors, the members they mention, the posts they quote,
    /// the records their links name.
    static func load(_ posts: [ForumPosts.Post], thread: ForumLookup.ThreadAccess, _ request: Request,
                     _ language: Language) async throws -> ForumPostRenderer {
        let db = request.db
        let members = ForumMembers(database: db)
        let handles = posts.flatMap { ForumMarkdown.mentions(in: $0.body) }
        let links = posts.map { $0.hidden ? [] : ForumMarkdown.links(in: $0.body) }
        return ForumPostRenderer(
            request: request, language: language, thread: thread, reader: try await request.forumReader(),
            authors: try await members.named(posts.compactMap(\.authorID)),
            mentioned: try await members.byHandles(handles),
            quoted: try await ForumPosts(database: db).find(posts.compactMap(\.quoteOf)),
            cards: try await ForumLinkCards.load(links, request, language),
            attachments: try await ForumAttachments(database: db).list(postIDs: posts.map(\.id)))
    }

    /// The path a mention of `member` links to: the threads they took part in.
    static func mentionPath(_ handle: String, _ language: Language) -> String {
        SiteURL.forum(language).path + "?by=" + handle
    }

    func view(_ post: ForumPosts.Post) -> ForumPostView {
        let actor = request.actor, inGroup = reader.inGroup(thread.groupID)
        let date = Date(timeIntervalSince1970: TimeInterval(post.createdAt))
        let showsHidden = AccessPolicy.allows(actor, .forum(.readHiddenPost(thread.visibility, inGroup: inGroup, authorID: post.authorID?.uuidString)))
        let readable = !post.hidden || showsHidden
        let language = self.language
        var view = ForumPostView(
            anchor: "post-\(post.number)", number: NumberFormatting.integer(post.number, language),
            permalink: SiteURL.forumPost(language, post: post.id).path,
            author: post.authorID.flatMap { authors[$0]?.displayName } ?? request.t("forum.post.formerMember", language),
            date: DateFormatting.dateTime(date, language), isoDate: ISO8601DateFormatter().string(from: date),
            lang: post.language.rawValue, dir: post.language.direction, languageName: post.language.nativeName,
            bodyHTML: readable ? ForumMarkdown.html(post.body, mentions: { handle in
                mentioned[handle.lowercased()].map { Self.mentionPath($0.handle, language) }
            }) : nil,
            hiddenNote: post.hidden ? request.t(readable ? "forum.post.hiddenShown" : "forum.post.hidden", language) : nil,
            cards: readable ? cards.cards(for: ForumMarkdown.links(in: post.body), request) : [])
        if post.editCount > 0 {
            view.edited = request.t("forum.post.edited", language)
            if AccessPolicy.allows(actor, .forum(.seeEditHistory(thread.visibility, inGroup: inGroup))) {
                view.historyHref = SiteURL.forumPostHistory(language, post: post.id).path
            }
        }
        // The author's silence is the reader's whenever it matters: only an author edits as such.
        let silenced = post.authorID.flatMap { authors[$0] }?.isSilenced(now: request.now) ?? false
        if AccessPolicy.allows(actor, .forum(.editPost(thread.visibility, inGroup: inGroup, authorID: post.authorID?.uuidString,
                                                       silenced: silenced, threadOpen: thread.isOpen))) {
            view.editHref = SiteURL.forumPostEdit(language, post: post.id).path
        }
        if readable, actor.isMember, thread.isOpen || AccessPolicy.isModerator(actor) {
            view.quoteHref = SiteURL.forumReply(language, thread: thread.threadID).path + "?quote=\(post.id)"
        }
        if readable { view.attachments = (attachments[post.id] ?? []).map { AttachmentLink($0, request, language) } }
        if readable, actor.isMember, post.authorID?.uuidString != actor.userID {
            view.flagHref = SiteURL.forumPostFlag(language, post: post.id).path
        }
        if AccessPolicy.allows(actor, .forum(.moderate(thread.visibility, inGroup: inGroup, groupRole: reader.role(in: thread.groupID)))) {
            view.moderateHref = SiteURL.moderationPost(language, post: post.id).path
        }
        if let quoteOf = post.quoteOf, let quoted = quoted[quoteOf] {
            view.inReplyTo = Layout.Link(href: SiteURL.forumPost(language, post: quoted.id).path,
                                         label: request.t("forum.post.inReplyTo", language, ["number": NumberFormatting.integer(quoted.number, language)]))
        }
        return view
    }
}
