import SankofaCore
import SankofaStore
import Vapor

/// The vetting queue: admins see every applicant, focal points those of their own country. An
/// applicant is accepted only once their address is verified (ASVS 2.3.1): acceptance opens the
/// directory's contact routes and the claim of a profile recorded with that address.
struct VettingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.vetting, use: queue)
        routes.post(.vet, use: decide)
    }

    func queue(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeVettingQueue)
        let message = (try? request.query.get(String.self, at: "done")) != nil ? "vetting.done" : nil
        return try await render(request, language, message: message)
    }

    /// The queue with `message` (a catalogue key) above it.
    func render(_ request: Request, _ language: Language, message: String?, status: HTTPStatus = .ok) async throws -> Response {
        let actor = request.actor
        let pending = try await UserStore(database: request.db).pending()
            .filter { AccessPolicy.allows(actor, .vet(applicantCountry: $0.country)) }
        let page = VettingQueuePage(pending: pending, message: message, language: language, request: request)
        return try await request.render("admin/vetting", page, language: language, title: page.heading, section: .admin, status: status)
    }

    struct Decision: FormInput {
        /// "approve" or "reject", the button pressed.
        var decision: String
        /// Required to reject: the applicant is told why.
        var reason: String

        init(_ body: FormBody) {
            decision = body.text("decision")
            reason = FormText.clean(body.text("reason"), limit: 1000)
        }
    }

    func decide(_ request: Request) async throws -> Response {
        let language = try request.language()
        guard let id = request.parameters.get("user").flatMap(UUID.init(uuidString:)),
              let applicant = try await UserStore(database: request.db).find(id: id), applicant.accountStatus == .pending
        else { throw Abort(.notFound) }
        try await request.require(.vet(applicantCountry: applicant.country))
        let form = try request.form(Decision.self)
        let reason = form.reason
        guard ["approve", "reject"].contains(form.decision), form.decision == "approve" || !reason.isEmpty else {
            throw ParameterError(name: decisionField(form), reason: .value, value: form.decision)
        }
        let approved = form.decision == "approve"
        if approved && applicant.emailVerifiedAt == nil {
            return try await render(request, language, message: "vetting.unverified", status: .conflict)
        }
        let lang = applicant.preferredLanguage
        let mail = Outbox.Mail(
            to: applicant.email,
            subject: request.t(approved ? "mail.approved.subject" : "mail.rejected.subject", lang),
            body: request.t(approved ? "mail.approved.body" : "mail.rejected.body", lang,
                            ["name": applicant.name, "reason": reason, "link": request.application.settings.baseURL + SiteURL.login(lang).path]))
        try await UserStore(database: request.db).decide(
            applicant, approve: approved, reason: reason, by: request.user?.id, at: Date(),
            audit: request.auditEntry(approved ? "vetting.approved" : "vetting.rejected", target: applicant.email, detail: reason),
            mail: mail, now: request.now)
        return request.redirect(to: SiteURL.vetting(language).path + "?done=1", redirectType: .normal)
    }

    private func decisionField(_ form: Decision) -> String {
        ["approve", "reject"].contains(form.decision) ? "reason" : "decision"
    }
}
