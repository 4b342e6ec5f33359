import SankofaCore
import Vapor

/// Translating a Centre of Excellence or a course field by field, beside the original, as
/// practices are translated (``TranslationFlow``, same template). Open to translators and
/// editors, and to whoever may edit the record (editors for centres; the focal points who
/// offer courses for their country). A saved translation is public and searchable at once:
/// centres and courses are not reviewed content.
struct DirectoryTranslateController: RouteCollection {
    enum Kind: String, CaseIterable, Sendable {
        case centre = "centres", course = "courses"

        /// The kind's name in catalog keys and audit actions (`centre.view`, `course.translated`).
        var singular: String { self == .centre ? "centre" : "course" }
    }

    static func fields(_ kind: Kind) -> [TranslationFlow.Record.Field] {
        switch kind {
        case .centre:
            [.init(name: "name", label: "centre.name", limit: DirectoryValidation.maxName, textArea: false),
             .init(name: "description", label: "centre.description", limit: DirectoryValidation.maxText, textArea: true)]
        case .course:
            [.init(name: "title", label: "course.title", limit: DirectoryValidation.maxName, textArea: false),
             .init(name: "description", label: "course.description", limit: DirectoryValidation.maxText, textArea: true),
             .init(name: "eligibility", label: "course.eligibility", limit: DirectoryValidation.maxText, textArea: true),
             .init(name: "howToApply", label: "course.howToApply", limit: DirectoryValidation.maxText, textArea: true)]
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        for kind in Kind.allCases {
            let route: SiteURL.Route = kind == .centre ? .translateCentre : .translateCourse
            routes.get(route) { try await form(kind, $0) }
            routes.post(route) { try await save(kind, $0) }
        }
    }

    static func flow(_ kind: Kind) -> TranslationFlow { TranslationFlow(load: { try await load(kind, $0) }) }

    func form(_ kind: Kind, _ request: Request) async throws -> Response { try await Self.flow(kind).form(request) }

    func save(_ kind: Kind, _ request: Request) async throws -> Response { try await Self.flow(kind).save(request) }

    static func url(_ kind: Kind, _ language: Language, slug: String, target: Language) -> SiteURL {
        kind == .centre ? .translateCentre(language, slug: slug, target: target) : .translateCourse(language, slug: slug, target: target)
    }

    /// The "Translate" link of a centre's or course's page, for those who may use it: into the
    /// page's language, unless the record is written in it.
    static func tool(_ kind: Kind, slug: String, original: Language, country: String, _ request: Request,
                     _ language: Language) -> Layout.Link? {
        guard mayTranslate(request.actor, kind, country: country) else { return nil }
        let target = language != original ? language : (language == .en ? Language.fr : .en)
        return Layout.Link(href: url(kind, language, slug: slug, target: target).path, label: request.t("translate.link", language))
    }

    /// Who may translate this record: translators, and whoever may edit it.
    static func mayTranslate(_ actor: Actor, _ kind: Kind, country: String) -> Bool {
        AccessPolicy.allows(actor, .translate)
            || AccessPolicy.allows(actor, kind == .centre ? .manageDirectory : .offerCourse(country: country))
    }
}
