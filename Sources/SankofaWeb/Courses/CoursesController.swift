import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// Courses offered by centres and countries: list with facets (past ones stay as history), a
/// page per course, a calendar of upcoming courses, and an iCal feed to subscribe to.
struct CoursesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.courses, use: list)
        routes.get(.coursesCalendar, use: calendar)
        routes.get(.coursesFeed, use: feed)
        routes.get(.course, use: show)
    }

    /// Upcoming and ongoing first, soonest first; then the past, latest first (the store orders them so).
    func list(_ request: Request) async throws -> Response {
        let language = try request.language()
        let query = try QueryParameters(request)
        let selection = try DirectoryListing.selection(query, CourseFacets.all), number = try DirectoryListing.page(query)
        let result = try await CourseStore(database: request.db).directory(selection, page: number, perPage: DirectoryListing.perPage)
        var page = DirectoryListing(
            result: result, selection: selection, page: number, facets: CourseFacets.all, query: query,
            base: SiteURL.courses(language).path, heading: request.t("courses.heading", language), countKey: "courses.count",
            emptyKey: "courses.empty", language: language, request: request
        ) { DirectoryCard(course: $0, language, request) }
        page.intro = request.t("courses.intro", language)
        page.links = [
            Layout.Link(href: SiteURL.coursesCalendar(language).path, label: request.t("courses.calendar", language)),
            Layout.Link(href: SiteURL.coursesFeed(language).path, label: request.t("courses.feed", language)),
            Layout.Link(href: SiteURL.centres(language).path, label: request.t("centres.heading", language)),
        ]
        if AccessPolicy.allows(request.actor, .offerCourse(country: nil)) {
            page.links.append(Layout.Link(href: SiteURL.courseNew(language).path, label: request.t("course.new", language)))
        }
        return try await request.render("directory/list", page, language: language, title: page.heading, section: .courses)
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug), let course = try await CourseStore(database: request.db).find(slug: slug) else {
            throw Abort(.notFound)
        }
        let centre = try await course.record.centre.asyncFlatMap { try await CentreStore(database: request.db).find(slug: $0) }
        var page = CourseShow(course.record, centre: centre?.record, language: language, request: request)
        if AccessPolicy.allows(request.actor, .offerCourse(country: course.record.country)) {
            page.tools.append(.init(href: SiteURL.courseEdit(language, slug: slug).path, label: request.t("course.edit", language)))
        }
        if let translate = DirectoryTranslateController.tool(.course, slug: slug, original: course.record.originalLanguage, country: course.record.country,
                                                              request, language) {
            page.tools.append(translate)
        }
        return try await request.render("courses/show", page, language: language, title: page.title, section: .courses)
    }

    struct Calendar: Encodable, Sendable {
        struct Month: Encodable, Sendable { var heading: String; var cards: [DirectoryCard] }
        var heading: String
        var intro: String
        var months: [Month]
        var emptyMessage: String?
        var links: [Layout.Link]
    }

    func calendar(_ request: Request) async throws -> Response {
        let language = try request.language()
        let today = ISODay.format(Date())
        let upcoming = try await CourseStore(database: request.db).upcoming(today: today).map(\.record)
        var months: [Calendar.Month] = []
        for course in upcoming {
            let key = String(course.startDate.prefix(7))
            let heading = ISODay.parse(key + "-01").map { DateFormatting.monthYear($0, language) } ?? key
            if months.last?.heading != heading { months.append(.init(heading: heading, cards: [])) }
            months[months.count - 1].cards.append(DirectoryCard(course: course, language, request))
        }
        let page = Calendar(heading: request.t("courses.calendar", language), intro: request.t("courses.calendarIntro", language),
                            months: months, emptyMessage: months.isEmpty ? request.t("courses.noneUpcoming", language) : nil,
                            links: [.init(href: SiteURL.coursesFeed(language).path, label: request.t("courses.feed", language)),
                                    .init(href: SiteURL.courses(language).path, label: request.t("courses.all", language))])
        return try await request.render("courses/calendar", page, language: language, title: page.heading, section: .courses)
    }

    /// Every course as an all-day event in the feed's language (falling back to the original).
    func feed(_ request: Request) async throws -> Response {
        let language = try request.language()
        let base = request.application.settings.baseURL
        let host = URL(string: base)?.host ?? "sankofa"
        let events = try await CourseStore(database: request.db).all().map { stored -> ICalendar.Event in
            let course = stored.record
            let text = course.translations.resolve(language, original: course.originalLanguage)
            let shownIn = text?.language ?? course.originalLanguage
            return ICalendar.Event(
                uid: "\(course.slug)@\(host)", start: course.startDate, end: course.endDate,
                summary: text?.value.title ?? course.slug, description: text?.value.description ?? "",
                location: [course.location, Countries.name(of: course.country, in: language)].compactMap { $0 }.joined(separator: ", "),
                url: base + SiteURL.course(language, slug: course.slug).path, language: shownIn)
        }
        let calendar = ICalendar(name: "Sankofa – " + request.t("courses.heading", language), events: events, stamp: ISODay.format(Date()))
        var headers = HTTPHeaders()
        headers.contentType = HTTPMediaType(type: "text", subType: "calendar", parameters: ["charset": "utf-8"])
        headers.replaceOrAdd(name: .contentDisposition, value: "inline; filename=\"sankofa-courses-\(language.rawValue).ics\"")
        return Response(status: .ok, headers: headers, body: .init(string: calendar.render()))
    }
}
