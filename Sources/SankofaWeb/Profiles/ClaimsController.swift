import SankofaCore
import SankofaStore
import Vapor

/// The members' claims of profiles editors made: the queue, for staff and the focal points of
/// each profile's country, and the decision on one, of which the member is told by e-mail.
struct ClaimsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.claims, use: queue)
        routes.post(.decideClaim, use: decide)
    }

    func queue(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeClaimQueue)
        return try await render(request, language, message: (try? request.query.get(String.self, at: "done")) != nil ? "claims.done" : nil)
    }

    /// The claims the reader may decide on, with `message` (a catalogue key) above them.
    func render(_ request: Request, _ language: Language, message: String?, status: HTTPStatus = .ok) async throws -> Response {
        let actor = request.actor
        let claims = try await ProfileClaims(database: request.db).all().filter { AccessPolicy.allows(actor, .confirmClaim(profileCountry: $0.country)) }
        let page = ClaimQueuePage(claims: claims, message: message, language: language, request: request)
        return try await request.render("admin/claims", page, language: language, title: page.heading, section: .admin, status: status)
    }

    struct Decision: FormInput {
        /// "confirm" or "decline", the button pressed.
        var decision: String
        init(_ body: FormBody) { decision = body.text("decision") }
    }

    /// A claim of a profile of another country, like one that does not exist, is a 404.
    func decide(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.seeClaimQueue)
        let claims = ProfileClaims(database: request.db)
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug), let claim = try await claims.find(slug: slug),
              AccessPolicy.allows(request.actor, .confirmClaim(profileCountry: claim.country))
        else { throw Abort(.notFound) }
        let decision = try request.form(Decision.self).decision
        guard ["confirm", "decline"].contains(decision) else { throw ParameterError(name: "decision", reason: .value, value: decision) }
        let confirm = decision == "confirm"
        if confirm, try await !stillHolds(claim, request) {
            return try await render(request, language, message: "claims.stale", status: .conflict)
        }
        let lang = Language(rawValue: claim.userLanguage) ?? .en
        let mail = Outbox.Mail(
            to: claim.userEmail, subject: request.t(confirm ? "mail.claimConfirmed.subject" : "mail.claimDeclined.subject", lang),
            body: request.t(confirm ? "mail.claimConfirmed.body" : "mail.claimDeclined.body", lang, [
                "name": claim.userName, "profile": claim.profileName,
                "link": request.application.settings.baseURL + SiteURL.profileEdit(lang).path]))
        try await claims.decide(claim, confirm: confirm, audit: request.auditEntry(confirm ? "expert.claimed" : "expert.claim_declined",
                                                                                 target: claim.slug, detail: claim.userEmail),
                                mail: mail, now: request.now)
        return request.redirect(to: SiteURL.claims(language).path + "?done=1", redirectType: .normal)
    }

    /// What the claim rested on, still true: the member's account active with its address verified
    /// (it may have changed since), the profile still without an owner and recorded with that
    /// address, and the member without a profile of their own meanwhile.
    func stillHolds(_ claim: ProfileClaims.Claim, _ request: Request) async throws -> Bool {
        guard let member = try await UserStore(database: request.db).find(id: claim.userID),
              member.accountStatus == .active, member.emailVerifiedAt != nil else { return false }
        let experts = ExpertStore(database: request.db)
        guard try await experts.claimable(email: member.email)?.id == claim.expertID else { return false }
        return try await experts.find(owner: claim.userID) == nil
    }
}
