import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// `/{lang}/translate?target=xx`: the translators' queue. Published practices with no text in the
/// target language (by default the page's), the longest waiting first, each linked to its
/// translation form; the other languages with how many wait in each.
struct TranslationQueueController: RouteCollection {
    static let perPage = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "translate", use: queue)
    }

    struct Page: Encodable, Sendable {
        struct Item: Encodable, Sendable { var title: String; var lang: String; var dir: String; var original: String; var href: String }
        var heading: String
        var intro: String
        var languages: [Layout.Link]
        var summary: String
        var items: [Item]
        var empty: String?
        var previousHref: String?
        var nextHref: String?
    }

    func queue(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.translate)
        let query = try QueryParameters(request)
        let target: Language
        if let raw = query.first("target") {
            guard let chosen = Language(rawValue: raw) else { throw ParameterError(name: "target", reason: .value, value: raw) }
            target = chosen
        } else {
            target = language
        }
        let page = try DirectoryListing.page(query)
        let store = PracticeStore(database: request.db)
        let counts = try await store.untranslatedCounts()
        let waiting = counts[target] ?? 0
        let items = try await store.untranslated(into: target, limit: Self.perPage, offset: (page - 1) * Self.perPage)
        let base = SiteURL.translationQueue(language).path
        func href(_ target: Language, page: Int = 1) -> String {
            base + "?" + QueryParameters.encode([("target", target.rawValue)] + (page > 1 ? [("page", String(page))] : []))
        }
        let view = Page(
            heading: request.t("translationQueue.heading", language),
            intro: request.t("translationQueue.intro", language),
            languages: Language.displayOrder.map {
                Layout.Link(href: href($0), label: "\($0.nativeName) (\(NumberFormatting.integer(counts[$0] ?? 0, language)))",
                            lang: $0.rawValue, current: $0 == target)
            },
            summary: request.application.catalogs.plural("translationQueue.count", count: waiting, language,
                                                          ["language": target.name(in: language)]),
            items: items.map {
                Page.Item(title: $0.title, lang: $0.originalLanguage.rawValue, dir: $0.originalLanguage.direction,
                          original: request.t("translationQueue.original", language, ["language": $0.originalLanguage.name(in: language)]),
                          href: SiteURL.translate(language, slug: $0.slug, target: target).path)
            },
            empty: items.isEmpty ? request.t("translationQueue.empty", language) : nil,
            previousHref: page > 1 ? href(target, page: page - 1) : nil,
            nextHref: page * Self.perPage < waiting ? href(target, page: page + 1) : nil)
        return try await request.render("editorial/translations", view, language: language, title: view.heading, section: "translate")
    }
}
