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
        var pagination: Pagination
    }

    /// Courses a calendar page shows, and the most the feed holds (from a month back, the soonest first).
    static let calendarPerPage = 50
    static let feedLimit = 500

    /// The courses not yet over, the soonest first, a page at a time.
    func calendar(_ request: Request) async throws -> Response {
        let language = try request.language()
        let number = try DirectoryListing.page(try QueryParameters(request))
        let today = ISODay.format(Date())
        let store = CourseStore(database: request.db)
        let total = try await store.count(endingOnOrAfter: today)
        let upcoming = try await store.ending(onOrAfter: today, limit: Self.calendarPerPage, offset: (number - 1) * Self.calendarPerPage).map(\.record)
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
                                    .init(href: SiteURL.courses(language).path, label: request.t("courses.all", language))],
                            pagination: Pagination(page: number, perPage: Self.calendarPerPage, total: total, base: SiteURL.coursesCalendar(language).path,
                                                   query: QueryParameters(pairs: []), language: language, request: request))
        return try await request.render("courses/calendar", page, language: language, title: page.heading, section: .courses)
    }

    /// The courses ending a month ago or later, the soonest ``feedLimit`` first, as all-day events
    /// in the feed's language (falling back to the original): what a subscriber's calendar needs,
    /// never the whole past.
    func feed(_ request: Request) async throws -> Response {
        let language = try request.language()
        let base = request.application.settings.baseURL
        let host = URL(string: base)?.host ?? "sankofa"
        let monthAgo = ISODay.format(Date().addingTimeInterval(-31 * 86_400))
        let courses = try await CourseStore(database: request.db).ending(onOrAfter: monthAgo, limit: Self.feedLimit)
        let events = courses.map { stored -> ICalendar.Event in
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
