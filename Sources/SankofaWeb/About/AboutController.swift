import SankofaCore
import Vapor

/// What the platform is, who runs it, what it measures, and who can do what.
struct AboutController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.about, use: about)
    }

    func about(_ request: Request) async throws -> Response {
        let language = try request.language()
        func t(_ key: String) -> String { request.t(key, language) }
        let page = AboutPage(
            heading: t("about.heading"),
            blocks: [
                .init(heading: t("about.mission.heading"), paragraphs: [t("about.mission.p1"), t("about.mission.p2")]),
                .init(heading: t("about.catalogue.heading"), paragraphs: [t("about.catalogue.p1"), t("about.catalogue.p2")]),
                .init(heading: t("about.membership.heading"), paragraphs: [t("about.membership.p1")]),
            ],
            outcomes: [t("about.outcome.1"), t("about.outcome.2"), t("about.outcome.3")],
            outcomesHeading: t("about.outcomes.heading"),
            languagesHeading: t("about.languages.heading"),
            languages: Language.displayOrder.map { "\($0.nativeName) (\($0.name(in: language)))" }
        )
        return try await request.render("about/index", page, language: language, title: page.heading, section: .about)
    }
}
