import SankofaCore
import SankofaStore
import Vapor

/// `/{lang}/exchanges/:exchange/reports/:side/follow-up`: about six months after a report that
/// announced adaptations, what was actually adopted. Read and filed by whoever may read and file
/// the report; a report without adaptations has no follow-up (404).
struct FollowUpController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.outcomeFollowUp, use: show)
        routes.post(.outcomeFollowUp, use: file)
    }

    func reported(_ request: Request) async throws -> (ReportAccess, OutcomeReports.Filed) {
        let access = try await request.reportAccess()
        guard let report = access.filed, !report.report.adaptations.isEmpty else { throw Abort(.notFound) }
        return (access, report)
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (access, report) = try await reported(request)
        let notice = request.query[String.self, at: "done"] == "filed" ? request.t("followUp.filed", language) : nil
        return try await render(request, language, access, report, form: nil, errors: FormErrors(), notice: notice)
    }

    func file(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (access, report) = try await reported(request)
        try await request.requireFiling(access)
        let form = try request.form(FollowUpForm.self)
        let count = report.report.adaptations.count
        var errors = form.choiceErrors(adaptations: count)
        if errors.isEmpty {
            do {
                try await FollowUps(database: request.db).file(form.followUp(adaptations: count), of: report,
                                                                by: request.reportWriter("report.followUp.filed", exchange: access.exchange.id),
                                                                now: request.now)
                let target = SiteURL.outcomeFollowUp(language, exchange: access.exchange.id, side: access.side).path
                return request.redirect(to: target + "?done=filed", redirectType: .normal)
            } catch OutcomeReports.FileError.invalid(let issues) {
                errors.check(issues, field: { $0.replacingOccurrences(of: "outcomes.", with: "outcome.") })
            }
        }
        return try await render(request, language, access, report, form: form, errors: errors, status: .unprocessableEntity)
    }

    func render(_ request: Request, _ language: Language, _ access: ReportAccess, _ report: OutcomeReports.Filed, form: FollowUpForm?,
                errors: FormErrors, notice: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let followUp = try await FollowUps(database: request.db).followUp(reportID: report.id)
        let page = FollowUpPage(access, report: report, followUp: followUp, form: form, errors: errors, notice: notice, request, language)
        return try await request.render(FollowUpPage.template, page, language: language, title: page.heading, section: .exchanges, status: status)
    }
}
