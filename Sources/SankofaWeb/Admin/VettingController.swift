import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// The vetting queue: admins see every applicant, focal points those of their own country.
struct VettingController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "admin", "vetting", use: queue)
        routes.post(":lang", "admin", "vetting", ":user", use: decide)
    }

    struct QueuePage: Encodable, Sendable {
        struct Applicant: Encodable, Sendable {
            var id: String
            var name: String
            var facts: [PracticeShow.Fact]
            var motivation: String
            var waiting: String
            var action: String
        }
        var heading: String
        var summary: String
        var applicants: [Applicant]
        var csrf: String
        var message: String?
    }

    func queue(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeVettingQueue)
        let actor = request.actor
        let pending = try await UserModel.query(on: request.db)
            .filter(\.$status == AccountStatus.pending.rawValue).sort(\.$createdAt).all()
            .filter { AccessPolicy.allows(actor, .vet(applicantCountry: $0.country)) }
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        let catalogs = request.application.catalogs
        let page = QueuePage(
            heading: t("vetting.heading"),
            summary: catalogs.plural("vetting.count", count: pending.count, language),
            applicants: pending.map { user in
                let days = max(0, (request.now - Int(user.createdAt?.timeIntervalSince1970 ?? 0)) / 86_400)
                return .init(
                    id: user.id?.uuidString ?? "", name: user.name,
                    facts: [
                        .init(label: t("account.email"), values: [user.email + (user.emailVerifiedAt == nil ? " (\(t("account.email.unverified")))" : "")]),
                        .init(label: t("account.country"), values: [Countries.name(of: user.country, in: language)]),
                        .init(label: t("account.organisation"), values: [user.organisation + " · " + t(OrganisationType(rawValue: user.organisationType)?.labelKey ?? "")]),
                        .init(label: t("account.position"), values: [user.position]),
                    ],
                    motivation: user.motivation,
                    waiting: catalogs.plural("vetting.waiting", count: days, language),
                    action: SiteURL.vet(language, user: user.id?.uuidString ?? "").path)
            },
            csrf: try await request.csrfToken(),
            message: (try? request.query.get(String.self, at: "done")).map { _ in t("vetting.done") })
        return try await request.render("admin/vetting", page, language: language, title: page.heading, section: "admin")
    }

    struct Decision: Content {
        var decision: String?
        var reason: String?
    }

    func decide(_ request: Request) async throws -> Response {
        let language = try request.language()
        guard let id = request.parameters.get("user").flatMap(UUID.init(uuidString:)),
              let applicant = try await UserModel.find(id, on: request.db), applicant.accountStatus == .pending
        else { throw Abort(.notFound) }
        try await request.require(.vet(applicantCountry: applicant.country))
        let form = (try? request.content.decode(Decision.self)) ?? Decision()
        let reason = FormText.clean(form.reason, limit: 1000)
        guard let decision = form.decision, ["approve", "reject"].contains(decision), decision == "approve" || !reason.isEmpty else {
            throw ParameterError(name: decisionField(form), reason: .value, value: form.decision ?? "")
        }
        let approved = decision == "approve"
        applicant.status = (approved ? AccountStatus.active : .rejected).rawValue
        if approved && !applicant.roles.contains(Role.member.rawValue) { applicant.roles.append(Role.member.rawValue) }
        applicant.vettedAt = Date()
        applicant.vettedBy = request.user?.id
        applicant.decisionReason = reason.isEmpty ? nil : reason
        try await request.db.transaction { tx in
            try await applicant.save(on: tx)
            // A change of privilege ends the applicant's sessions: the next sign-in gets a new id.
            try await SessionStore(database: tx).deleteAll(of: id)
            try await AuditLog(database: tx).record(request.auditEntry(approved ? "vetting.approved" : "vetting.rejected",
                                                                       target: applicant.email, detail: reason))
            let lang = applicant.preferredLanguage
            try await Outbox(database: tx).queue(
                to: applicant.email,
                subject: request.t(approved ? "mail.approved.subject" : "mail.rejected.subject", lang),
                body: request.t(approved ? "mail.approved.body" : "mail.rejected.body", lang,
                                ["name": applicant.name, "reason": reason, "link": request.application.settings.baseURL + SiteURL.login(lang).path]),
                now: request.now)
        }
        return request.redirect(to: SiteURL.vetting(language).path + "?done=1", redirectType: .normal)
    }

    private func decisionField(_ form: Decision) -> String {
        ["approve", "reject"].contains(form.decision ?? "") ? "reason" : "decision"
    }
}
