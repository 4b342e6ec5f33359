import SankofaCore
import SankofaStore
import Vapor

/// `/{lang}/exchanges/:exchange/reports/:side`: one side's outcome report, read by staff and the
/// people involved, filed and changed by that side's people, its countries' focal points and staff
/// (``CooperationPermission/fileOutcomeReport(_:_:)``), once the exchange was held.
struct OutcomeReportController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.outcomeReport, use: show)
        routes.post(.outcomeReport, use: file)
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await request.reportAccess()
        let notice = request.query[String.self, at: "done"] == "filed" ? request.t("report.filed", language) : nil
        return try await render(request, language, access, form: nil, errors: FormErrors(), notice: notice)
    }

    func file(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await request.reportAccess()
        try await request.requireFiling(access)
        guard access.context.takesReports else {
            return try await render(request, language, access, form: nil, errors: FormErrors(),
                                    message: request.t("report.notHeld", language), status: .conflict)
        }
        let form = try request.form(OutcomeReportForm.self)
        var errors = form.choiceErrors()
        let report = form.report(themes: access.context.themes)
        if errors.isEmpty {
            do {
                _ = try await OutcomeReports(database: request.db).file(
                    report, exchangeID: access.exchange.id, side: access.side,
                    by: request.reportWriter("report.filed", exchange: access.exchange.id), now: request.now)
                let target = SiteURL.outcomeReport(language, exchange: access.exchange.id, side: access.side).path
                return request.redirect(to: target + "?done=filed", redirectType: .normal)
            } catch OutcomeReports.FileError.invalid(let issues) {
                errors.check(issues, field: { Self.formField(of: $0, in: form) })
            } catch OutcomeReports.FileError.notReportable {
                throw Abort(.notFound)
            }
        }
        return try await render(request, language, access, form: form, errors: errors, status: .unprocessableEntity)
    }

    /// The form's name for an issue's field: the report's n-th adaptation is the n-th filled row.
    static func formField(of field: String, in form: OutcomeReportForm) -> String {
        let parts = field.split(separator: ".")
        guard parts.count == 3, parts[0] == "adaptations", let index = Int(parts[1]) else { return field }
        let rows = form.adaptations.indices.filter { !form.adaptations[$0].isBlank }
        return "adaptation.\(index < rows.count ? rows[index] : index).\(parts[2])"
    }

    func render(_ request: Request, _ language: Language, _ access: ReportAccess, form: OutcomeReportForm?, errors: FormErrors,
                notice: String? = nil, message: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let page = OutcomeReportPage(access, form: form, errors: errors, linkedPractices: access.context.practices,
                                     notice: notice, message: message, request, language)
        return try await request.render(OutcomeReportPage.template, page, language: language, title: page.heading, section: .exchanges, status: status)
    }
}
