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

struct HomePage: Encodable, Sendable {
    struct Figure: Encodable, Sendable { var value: String; var label: String }
    struct Entry: Encodable, Sendable { var label: String; var count: String; var href: String }

    var heading: String
    var lead: String
    var figures: [Figure]
    var newest: [PracticeCard]
    var regions: [Entry]
    var pillars: [Entry]
    var catalogueHref: String
    var directory: [Entry] = []

    init(result: PracticePage, language: Language, request: Request) {
        let catalogs = request.application.catalogs
        heading = request.t("home.heading", language)
        lead = request.t("home.lead", language)
        let countries = (result.facets[.country] ?? []).count
        let regions = (result.facets[.region] ?? []).filter { $0.value != Region.partner.rawValue }
        func figure(_ key: String, _ count: Int) -> Figure {
            // The number stands out on its own; the label is the plural noun that agrees with it.
            Figure(value: NumberFormatting.integer(count, language), label: catalogs.plural(key, count: count, language))
        }
        figures = [
            figure("home.figure.practices", result.total),
            figure("home.figure.countries", countries),
            figure("home.figure.regions", regions.count),
            figure("home.figure.languages", Language.allCases.count),
        ]
        newest = result.practices.map { PracticeCard($0, language, request) }
        let base = SiteURL.practices(language).path
        let regionCounts = Dictionary(uniqueKeysWithValues: regions.map { ($0.value, $0.count) })
        self.regions = Region.southern.map {
            Entry(label: request.t($0.labelKey, language), count: NumberFormatting.integer(regionCounts[$0.rawValue] ?? 0, language),
                  href: "\(base)?region=\($0.rawValue)")
        }
        let pillarCounts = Dictionary(uniqueKeysWithValues: (result.facets[.pillar] ?? []).map { ($0.value, $0.count) })
        pillars = Pillar.allCases.map {
            Entry(label: "\($0.roman). \(request.t($0.labelKey, language))",
                  count: NumberFormatting.integer(pillarCounts[String($0.rawValue)] ?? 0, language),
                  href: "\(base)?pillar=\($0.rawValue)")
        }
        catalogueHref = base
    }
}
