import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// `/` sends readers to their language; `/{lang}/` is the home page.
struct HomeController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.root, use: redirect)
        routes.get(.home, use: home)
    }

    /// The browser's preferred language (q-values honoured), English when none of ours.
    func redirect(_ request: Request) -> Response {
        let language = AcceptLanguage.preferred(request.headers.first(name: .acceptLanguage))
        let response = request.redirect(to: SiteURL.home(language).path, redirectType: .normal)
        response.headers.replaceOrAdd(name: .vary, value: "Accept-Language")
        return response
    }

    func home(_ request: Request) async throws -> Response {
        let language = try request.language()
        let result = try await PracticeQuery(filter: PracticeFilter(), sort: .newest, language: language, perPage: 3)
            .run(on: request.db)
        var page = HomePage(result: result, language: language, request: request)
        // The people and the training behind the practices: what each reader may see of them.
        let experts = try await ExpertDirectory.count(for: request.actor, on: request.db)
        let centres = try await CentreStore(database: request.db).count()
        let upcoming = try await CourseStore(database: request.db).count(endingOnOrAfter: ISODay.format(Date()))
        page.directory = [
            .init(label: request.t("experts.heading", language), count: NumberFormatting.integer(experts, language), href: SiteURL.experts(language).path),
            .init(label: request.t("centres.heading", language), count: NumberFormatting.integer(centres, language), href: SiteURL.centres(language).path),
            .init(label: request.t("courses.calendar", language), count: NumberFormatting.integer(upcoming, language), href: SiteURL.coursesCalendar(language).path),
        ]
        return try await request.render("home/index", page, language: language, title: request.t("site.name", language))
    }
}
