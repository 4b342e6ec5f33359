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
        routes.get(.translationQueue, use: queue)
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
        let practices = PracticeStore(database: request.db)
        let centres = try await CentreStore(database: request.db).translatable()
        let courses = try await CourseStore(database: request.db).translatable(today: ISODay.format(Date()))
        let counts: [Kind: [Language: Int]] = [
            .practices: try await practices.untranslatedCounts(), .centres: centres.waitingCounts(), .courses: courses.waitingCounts(),
        ]
        let waiting = counts[kind]?[target] ?? 0
        let items: [TranslationQueue.Item]
        switch kind {
        case .practices:
            items = try await practices.untranslated(into: target, limit: Self.perPage, offset: offset).map {
                .init($0.title, $0.originalLanguage, SiteURL.translate(language, slug: $0.slug, target: target), partial: $0.partial,
                      request, language)
            }
        case .centres, .courses:
            let entries = (kind == .centres ? centres : courses).filter { $0.waits(for: target) }.dropFirst(offset).prefix(Self.perPage)
            let translate = kind == .centres ? DirectoryTranslateController.Kind.centre : .course
            items = entries.map {
                .init($0.title, $0.originalLanguage, DirectoryTranslateController.url(translate, language, slug: $0.slug, target: target),
                      partial: $0.isPartial(in: target), request, language)
            }
        }
        let base = SiteURL.translationQueue(language).path
        func selection(_ target: Language, _ kind: Kind) -> QueryParameters {
            QueryParameters(pairs: [("target", target.rawValue)] + (kind == .practices ? [] : [("kind", kind.rawValue)]))
        }
        func href(_ target: Language, _ kind: Kind) -> String { base + "?" + QueryParameters.encode(selection(target, kind).pairs) }
        let view = TranslationQueue(
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
            pagination: Pagination(page: page, perPage: Self.perPage, total: waiting, base: base, query: selection(target, kind),
                                   language: language, request: request))
        return try await request.render("editorial/translations", view, language: language, title: view.heading, section: .translate)
    }
}
