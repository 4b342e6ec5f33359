import SankofaCore
import SankofaStore
import Vapor

/// Links in posts to the site's practices, experts, centres, courses and threads, shown as small
/// cards under the post with the record's title read through its own store, as the reader may
/// see it: an expert's hidden profile, an unpublished practice or a thread of a group the reader
/// is not in gives no card (its title would tell what the link's text may not).
struct ForumLinkCards: Sendable {
    struct Card: Encodable, Sendable {
        var kind: String
        var title: String
        var href: String
        var lang: String?
    }

    /// At most this many cards under one post, and lookups for one page.
    static let perPost = 5
    static let perPage = 40

    private enum Target: Hashable { case practice(String), expert(String), centre(String), course(String), thread(Int), post(Int) }

    private var cards: [Target: Card] = [:]

    /// Reads the records `links` (each post's, in order) point to.
    static func load(_ links: [[String]], _ request: Request, _ language: Language) async throws -> ForumLinkCards {
        var targets: [Target] = []
        for url in links.flatMap({ $0.prefix(perPost) }) {
            if let target = target(url, request), !targets.contains(target), targets.count < perPage { targets.append(target) }
        }
        var result = ForumLinkCards()
        guard !targets.isEmpty else { return result }
        let db = request.db
        let practices = targets.compactMap { if case .practice(let slug) = $0 { slug } else { nil } }
        if !practices.isEmpty {
            for title in try await PracticeStore(database: db).publishedTitles(practices, in: language) {
                result.cards[.practice(title.slug)] = Card(kind: request.t("forum.card.practice", language), title: title.title,
                                                          href: SiteURL.practice(language, slug: title.slug).path, lang: title.language.rawValue)
            }
        }
        let experts = targets.compactMap { if case .expert(let slug) = $0 { slug } else { nil } }
        if !experts.isEmpty {
            for (slug, view) in try await ExpertStore(database: db).views(slugs: experts, reader: ExpertDirectory.reader(request.actor)) {
                result.cards[.expert(slug)] = Card(kind: request.t("forum.card.expert", language), title: view.name,
                                                  href: SiteURL.expert(language, slug: slug).path)
            }
        }
        let reader = try await request.forumReader()
        for target in targets {
            switch target {
            case .centre(let slug):
                guard let centre = try await CentreStore(database: db).find(slug: slug),
                      let name = centre.record.translations.resolve(language, original: centre.record.originalLanguage) else { continue }
                result.cards[target] = Card(kind: request.t("forum.card.centre", language), title: name.value.name,
                                            href: SiteURL.centre(language, slug: slug).path, lang: name.language.rawValue)
            case .course(let slug):
                guard let course = try await CourseStore(database: db).find(slug: slug),
                      let text = course.record.translations.resolve(language, original: course.record.originalLanguage) else { continue }
                result.cards[target] = Card(kind: request.t("forum.card.course", language), title: text.value.title,
                                            href: SiteURL.course(language, slug: slug).path, lang: text.language.rawValue)
            case .thread(let id), .post(let id):
                let lookup = ForumLookup(database: db)
                let thread: ForumLookup.ThreadAccess?
                if case .post = target { thread = try await lookup.post(id)?.thread } else { thread = try await lookup.thread(id) }
                guard let thread, reader.reads(thread.visibility, groupID: thread.groupID) else { continue }
                let href = target == .thread(id) ? SiteURL.forumThread(language, thread: id).path : SiteURL.forumPost(language, post: id).path
                result.cards[target] = Card(kind: request.t("forum.card.thread", language), title: thread.title, href: href,
                                            lang: thread.language.rawValue)
            case .practice, .expert: continue
            }
        }
        return result
    }

    /// The cards of one post's links, in the order they appear.
    func cards(for links: [String], _ request: Request) -> [Card] {
        var seen: Set<Target> = []
        return links.prefix(Self.perPost).compactMap { url in
            guard let target = Self.target(url, request), seen.insert(target).inserted else { return nil }
            return cards[target]
        }
    }

    /// What a link of this site points to: `/{lang}/practices/slug`, the same with the site's
    /// address in front, and so on; nil for anything else.
    private static func target(_ url: String, _ request: Request) -> Target? {
        var path = url
        let base = request.application.settings.baseURL
        if !base.isEmpty, path.hasPrefix(base + "/") { path.removeFirst(base.count) }
        guard path.hasPrefix("/") else { return nil }
        let trimmed = path.split(separator: "#")[0].split(separator: "?")[0]
        let parts = trimmed.split(separator: "/").map(String.init)
        guard parts.count >= 3, Language(rawValue: parts[0]) != nil else { return nil }
        let value = parts[2]
        switch (parts[1], parts.count) {
        case ("practices", 3): return Slug.isValid(value) ? .practice(value) : nil
        case ("experts", 3): return Slug.isValid(value) ? .expert(value) : nil
        case ("centres", 3): return Slug.isValid(value) ? .centre(value) : nil
        case ("courses", 3): return Slug.isValid(value) ? .course(value) : nil
        case ("forum", 4) where parts[2] == "threads": return Int(parts[3]).map(Target.thread)
        case ("forum", 4) where parts[2] == "posts": return Int(parts[3]).map(Target.post)
        default: return nil
        }
    }
}
