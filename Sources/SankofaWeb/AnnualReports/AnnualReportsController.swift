import Fluent
import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import Vapor

/// The annual reports: everyone reads and downloads the published ones; staff
/// (``IndicatorPermission/buildAnnualReport``) build a year in the background, check its files
/// and publish them. Published files are served as they were built, whatever is built later.
struct AnnualReportsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.annualReports, use: list)
        routes.post(.annualReportBuild, use: build)
        routes.get(.annualReportYear, use: year)
        routes.post(.annualReportPublish, use: publish)
        routes.get(.annualReportPreview, use: preview)
        routes.get(.annualReportFile, use: download)
    }

    static let permission = Permission.indicators(.buildAnnualReport)

    /// A refused year: a 400 whose page says which years may be built, in the reader's language.
    struct BadYear: ExplainedRefusal {
        var status: HTTPStatus { .badRequest }
        var titleKey: String { "annualReport.nav" }
        var messageKey: String { "annualReport.error.year" }
        var arguments: [String: String] {
            let years = AnnualReports.years()
            return ["first": String(years.lowerBound), "last": String(years.upperBound)]
        }
        var retryAfterSeconds: Int? { nil }
    }

    struct BuildForm: Content { var year: String? }

    func list(_ request: Request) async throws -> Response {
        try await renderList(request, try request.language(), form: nil, error: nil)
    }

    func renderList(_ request: Request, _ language: Language, form year: String?, error: String?, status: HTTPStatus = .ok) async throws -> Response {
        let reports = AnnualReports(database: request.db)
        let published = try await reports.publishedByYear()
        let years = published.keys.sorted(by: >).map { year -> AnnualReportListPage.Year in
            let files = published[year] ?? []
            let date = files.compactMap(\.publishedAt).max() ?? Date()
            return .init(id: String(year), heading: request.t("annualReport.title", language, ["year": DateFormatting.year(year, language)]),
                         published: request.t("annualReport.publishedOn", language, ["date": DateFormatting.longDate(date, language)]),
                         downloads: AnnualReportDownloads.groups(files, language, request, href: AnnualReportDownloads.published))
        }
        var staff: AnnualReportListPage.Staff?
        if AccessPolicy.allows(request.actor, Self.permission) {
            let drafts = try await reports.draftYears()
            let built = try await reports.builtYears().map { year in
                AnnualReportListPage.Built(
                    href: SiteURL.annualReportYear(language, year: year).path,
                    label: request.t("annualReport.title", language, ["year": DateFormatting.year(year, language)]),
                    status: request.t(drafts.contains(year) ? "annualReport.status.draft" : "annualReport.status.published", language))
            }
            let range = AnnualReports.years()
            staff = .init(action: SiteURL.annualReportBuild(language).path, year: year ?? String(range.upperBound - 1),
                          first: String(range.lowerBound), last: String(range.upperBound), error: error, built: built, hasBuilt: !built.isEmpty)
        }
        let page = AnnualReportListPage(heading: request.t("annualReport.nav", language), lead: request.t("annualReport.lead", language),
                                        years: years, hasYears: !years.isEmpty, staff: staff)
        return try await request.render("annual-reports/list", page, language: language, title: page.heading, status: status)
    }

    /// Starts the year's build and sends the reader to the year's page, which follows it.
    func build(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(Self.permission)
        let form = (try? request.content.decode(BuildForm.self)) ?? BuildForm()
        guard let year = AnnualReports.year(form.year?.trimmingCharacters(in: .whitespaces)) else {
            let range = AnnualReports.years()
            let message = request.t("annualReport.error.year", language, ["first": String(range.lowerBound), "last": String(range.upperBound)])
            return try await renderList(request, language, form: String((form.year ?? "").prefix(10)), error: message, status: .badRequest)
        }
        if await request.application.startAnnualReport(year, by: request.actor.userID.flatMap(UUID.init(uuidString:))) {
            try await AuditLog(database: request.db).record(request.auditEntry("annualReport.build", target: String(year)))
        }
        return request.redirect(to: SiteURL.annualReportYear(language, year: year).path, redirectType: .normal)
    }

    static func year(_ request: Request) throws -> Int {
        guard let year = AnnualReports.year(request.parameters.get("year")) else { throw BadYear() }
        return year
    }

    func year(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(Self.permission)
        return try await renderYear(request, language, try Self.year(request), error: nil)
    }

    func renderYear(_ request: Request, _ language: Language, _ year: Int, error: String?, status: HTTPStatus = .ok) async throws -> Response {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        let reports = AnnualReports(database: request.db)
        let state = await request.application.annualReportBuilds.state(year)
        let draft = try await reports.draft(year), published = try await reports.published(year)
        let building = state?.running == true
        var failures: [String] = []
        if let state, !state.running, !state.failures.isEmpty {
            let files = state.failures.map { $0.split(separator: ":")[0].description }
            failures.append(t("annualReport.failed", ["files": files.joined(separator: ", ")]))
            if state.failures.contains(where: { $0.contains("WeasyPrint is missing") }) { failures.append(t("handbook.error.weasyprint")) }
        }
        let page = AnnualReportYearPage(
            heading: t("annualReport.title", ["year": DateFormatting.year(year, language)]),
            backHref: SiteURL.annualReports(language).path,
            progress: building ? t("annualReport.building", ["done": NumberFormatting.integer(state?.done ?? 0, language),
                                                             "total": NumberFormatting.integer(state?.total ?? 0, language)]) : nil,
            building: building, failures: failures, error: error,
            draftStatus: draft.map(\.builtAt).max().map { t("annualReport.builtOn", ["date": DateFormatting.dateTime($0, language)]) },
            draft: AnnualReportDownloads.groups(draft, language, request) {
                SiteURL.annualReportPreview(language, year: year, file: $0.fileName).path
            },
            hasDraft: !draft.isEmpty, canPublish: !draft.isEmpty && !building,
            publishAction: SiteURL.annualReportPublish(language, year: year).path,
            buildAction: SiteURL.annualReportBuild(language).path, year: String(year),
            publishedStatus: published.compactMap(\.publishedAt).max().map { t("annualReport.publishedOn", ["date": DateFormatting.longDate($0, language)]) },
            published: AnnualReportDownloads.groups(published, language, request, href: AnnualReportDownloads.published),
            hasPublished: !published.isEmpty)
        let response = try await request.render("annual-reports/year", page, language: language, title: page.heading, status: status)
        // No script: while the files are being built the page asks the browser to reload it.
        if building { response.headers.replaceOrAdd(name: "Refresh", value: "3") }
        return response
    }

    func publish(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(Self.permission)
        let year = try Self.year(request)
        let running = await request.application.annualReportBuilds.state(year)?.running == true
        do {
            guard !running else { throw AnnualReportError.nothingToPublish }
            try await AnnualReports(database: request.db).publish(year, by: request.actor.userID.flatMap(UUID.init(uuidString:)))
        } catch AnnualReportError.nothingToPublish {
            return try await renderYear(request, language, year, error: request.t("annualReport.error.nothingToPublish", language),
                                        status: .unprocessableEntity)
        }
        try await AuditLog(database: request.db).record(request.auditEntry("annualReport.publish", target: String(year)))
        return request.redirect(to: SiteURL.annualReportYear(language, year: year).path, redirectType: .normal)
    }

    /// A file of the unpublished build, for staff to check; never cached.
    func preview(_ request: Request) async throws -> Response {
        _ = try request.language()
        try await request.require(Self.permission)
        let year = try Self.year(request)
        let files = try await AnnualReports(database: request.db).draft(year)
        return try await serve(request, files, cache: "no-store", disposition: "inline")
    }

    /// A published file: only names the table lists are served, the last published revision's bytes.
    func download(_ request: Request) async throws -> Response {
        guard let year = AnnualReports.year(request.parameters.get("year")) else { throw Abort(.notFound) }
        let files = try await AnnualReports(database: request.db).published(year)
        return try await serve(request, files, cache: "public, max-age=3600", disposition: "attachment")
    }

    func serve(_ request: Request, _ files: [AnnualReportFile], cache: String, disposition: String) async throws -> Response {
        guard let name = request.parameters.get("file"), let file = files.first(where: { $0.fileName == name }),
              let format = AnnualReportFormat(rawValue: file.format),
              let content = try await AnnualReports(database: request.db).content(file) else { throw Abort(.notFound) }
        let response = Response(status: .ok, body: .init(data: content))
        response.headers.replaceOrAdd(name: .contentType, value: format.book.contentType)
        response.headers.replaceOrAdd(name: .contentDisposition, value: "\(disposition); filename=\"\(file.fileName)\"")
        response.headers.replaceOrAdd(name: .cacheControl, value: cache)
        return response
    }
}
