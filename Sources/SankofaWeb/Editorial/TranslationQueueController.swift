import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// `/{lang}/translate?target=xx&kind=practices|centres|courses`: the translators' queue.
/// Published practices, centres and courses not yet ended that have no text in the target
/// language (by default the page's), the longest waiting (courses: the soonest) first, each
/// linked to its translation form; the other languages and kinds with how many wait in each.
struct TranslationQueueController: RouteCollection {
    static let perPage = 50

    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "translate", use: queue)
    }

    struct Page: Encodable, Sendable {
        /// `partial` says, when it is, that a text in the target language exists but lacks fields.
        struct Item: Encodable, Sendable {
            var title: String; var lang: String; var dir: String; var original: String; var href: String; var partial: String? = nil
        }
        var heading: String
        var intro: String
        var languages: [Layout.Link]
        /// Practices, centres, courses: each with how many wait in the target language.
        var kinds: [Layout.Link]
        var summary: String
        var items: [Item]
        var empty: String?
        var previousHref: String?
        var nextHref: String?
    }

    /// What the queue lists: `kind` in the address, practices when absent.
    enum Kind: String, CaseIterable, Sendable {
        case practices, centres, courses
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
        let kind: Kind
        if let raw = query.first("kind") {
            guard let chosen = Kind(rawValue: raw) else { throw ParameterError(name: "kind", reason: .value, value: raw) }
            kind = chosen
        } else {
            kind = .practices
        }
        let page = try DirectoryListing.page(query)
        let offset = (page - 1) * Self.perPage
        let practices = PracticeStore(database: request.db), directory = CentreStore(database: request.db)
        let centres = try await directory.translatableCentres()
        let courses = try await directory.translatableCourses(today: ISODay.format(Date()))
        let counts: [Kind: [Language: Int]] = [
            .practices: try await practices.untranslatedCounts(), .centres: centres.waitingCounts(), .courses: courses.waitingCounts(),
        ]
        let waiting = counts[kind]?[target] ?? 0
        let items: [Page.Item]
        switch kind {
        case .practices:
            items = try await practices.untranslated(into: target, limit: Self.perPage, offset: offset).map {
                Self.item($0.title, $0.originalLanguage, SiteURL.translate(language, slug: $0.slug, target: target), request, language,
                          partial: $0.partial)
            }
        case .centres, .courses:
            let entries = (kind == .centres ? centres : courses).filter { $0.waits(for: target) }.dropFirst(offset).prefix(Self.perPage)
            let translate = kind == .centres ? DirectoryTranslateController.Kind.centre : .course
            items = entries.map {
                Self.item($0.title, $0.originalLanguage, DirectoryTranslateController.url(translate, language, slug: $0.slug, target: target),
                          request, language, partial: $0.isPartial(in: target))
            }
        }
        let base = SiteURL.translationQueue(language).path
        func href(_ target: Language, _ kind: Kind, page: Int = 1) -> String {
            base + "?" + QueryParameters.encode([("target", target.rawValue)] + (kind == .practices ? [] : [("kind", kind.rawValue)])
                + (page > 1 ? [("page", String(page))] : []))
        }
        let view = Page(
            heading: request.t("translationQueue.heading", language),
            intro: request.t("translationQueue.intro", language),
            languages: Language.displayOrder.map {
                Layout.Link(href: href($0, kind), label: "\($0.nativeName) (\(NumberFormatting.integer(counts[kind]?[$0] ?? 0, language)))",
                            lang: $0.rawValue, current: $0 == target)
            },
            kinds: Kind.allCases.map {
                let label = request.t("translationQueue.kind.\($0.rawValue)", language)
                return Layout.Link(href: href(target, $0), label: "\(label) (\(NumberFormatting.integer(counts[$0]?[target] ?? 0, language)))",
                                   current: $0 == kind)
            },
            summary: request.application.catalogs.plural("translationQueue.count.\(kind.rawValue)", count: waiting, language,
                                                          ["language": target.name(in: language)]),
            items: items,
            empty: items.isEmpty ? request.t("translationQueue.empty", language) : nil,
            previousHref: page > 1 ? href(target, kind, page: page - 1) : nil,
            nextHref: page * Self.perPage < waiting ? href(target, kind, page: page + 1) : nil)
        return try await request.render("editorial/translations", view, language: language, title: view.heading, section: "translate")
    }

    static func item(_ title: String, _ original: Language, _ url: SiteURL, _ request: Request, _ language: Language,
                     partial: Bool) -> Page.Item {
        Page.Item(title: title, lang: original.rawValue, dir: original.direction,
                  original: request.t("translationQueue.original", language, ["language": original.name(in: language)]), href: url.path,
                  partial: partial ? request.t("translationQueue.partial", language) : nil)
    }
}
