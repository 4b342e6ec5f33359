import SankofaCore
import SankofaStore
import Vapor

/// Writing profiles: a member's own (created on first save, which makes them an expert), one an
/// editor makes for a person without an account, and claiming such a profile with a verified
/// account of the same address: the claim waits for an editor's or a focal point's confirmation
/// (`ClaimsController`).
struct ProfileController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.profileEdit, use: ownForm)
        routes.post(.profileEdit, use: saveOwn)
        routes.post(.profileClaim, use: claim)
        routes.get(.expertNew, use: newForm)
        routes.post(.expertNew, use: create)
        routes.get(.expertEdit, use: editForm)
        routes.post(.expertEdit, use: update)
    }

    /// Published practices offered as boxes on the form, at most.
    static let practiceBoxes = 200

    /// A member's own profile; the form starts from their account when there is none yet, and
    /// offers to claim the profile an editor made for their verified address, or says that their
    /// claim waits.
    func ownForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (user, own) = try await owner(request)
        let flow = ProfileFormFlow(request: request, language: language, owner: user)
        if let own {
            return try await flow.show(ProfileForm(record: own.record), ownTarget(request, language, own))
        }
        let start = ExpertRecord(slug: "new", name: user.name, originalLanguage: user.preferredLanguage, country: user.country,
                                 title: user.position, organisation: user.organisation)
        return try await flow.show(ProfileForm(record: start), ownTarget(request, language, nil), offer: try await claimOffer(request, language, user))
    }

    func claimOffer(_ request: Request, _ language: Language, _ user: UserModel) async throws -> SectionedForm.Offer? {
        if let id = user.id, let waiting = try await ProfileClaims(database: request.db).waiting(by: id) {
            return SectionedForm.Offer(action: "", text: request.t("profile.claimWaiting", language, ["name": waiting.profileName]), button: nil)
        }
        guard user.emailVerifiedAt != nil, let claimable = try await ExpertStore(database: request.db).claimable(email: user.email) else { return nil }
        return SectionedForm.Offer(action: SiteURL.profileClaim(language).path,
                                   text: request.t("profile.claimText", language, ["name": claimable.record.name]),
                                   button: request.t("profile.claim", language))
    }

    func saveOwn(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (user, own) = try await owner(request)
        return try await ProfileFormFlow(request: request, language: language, owner: user)
            .submit(ownTarget(request, language, own), editing: own?.record)
    }

    /// A member asks to take over the profile an editor made for them: their verified address
    /// must be the one the editor recorded, and they must not have a profile already. The claim
    /// waits for an editor or a focal point of the profile's country, who are told by e-mail
    /// (ASVS 2.3.5): an address alone does not prove who someone is.
    func claim(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (user, own) = try await owner(request)
        // Nothing to claim without a verified address, with a profile already, or without a match.
        guard user.emailVerifiedAt != nil, own == nil, let userID = user.id,
              let profile = try await ExpertStore(database: request.db).claimable(email: user.email) else { throw Abort(.notFound) }
        let claims = ProfileClaims(database: request.db), base = request.application.settings.baseURL
        let mails = try await claims.confirmers(country: profile.record.country).map { confirmer in
            let lang = confirmer.preferredLanguage
            return Outbox.Mail(to: confirmer.email, subject: request.t("mail.claimRequest.subject", lang),
                               body: request.t("mail.claimRequest.body", lang, [
                                   "name": confirmer.name, "member": user.name, "email": user.email, "profile": profile.record.name,
                                   "link": base + SiteURL.claims(lang).path]))
        }
        try await claims.request(profile.id, by: userID, now: request.now,
                                 audit: request.auditEntry("expert.claim_requested", target: profile.slug, user: user), mails: mails)
        return request.redirect(to: SiteURL.profileEdit(language).path, redirectType: .normal)
    }

    func newForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.manageDirectory)
        let start = ExpertRecord(slug: "new", name: "", originalLanguage: language, country: "")
        return try await ProfileFormFlow(request: request, language: language).show(ProfileForm(record: start), newTarget(request, language))
    }

    func create(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.manageDirectory)
        return try await ProfileFormFlow(request: request, language: language).submit(newTarget(request, language), editing: nil)
    }

    func editForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let expert = try await editable(request)
        return try await ProfileFormFlow(request: request, language: language)
            .show(ProfileForm(record: expert.record), editTarget(request, language, expert))
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        let expert = try await editable(request)
        return try await ProfileFormFlow(request: request, language: language).submit(editTarget(request, language, expert), editing: expert.record)
    }

    /// The signed-in member allowed a profile of their own, and that profile when there is one.
    func owner(_ request: Request) async throws -> (UserModel, StoredExpert?) {
        try await request.require(.ownProfile)
        guard let user = request.user, let userID = user.id else { throw Abort(.unauthorized) }
        return (user, try await ExpertStore(database: request.db).find(owner: userID))
    }

    /// The profile to edit. Whoever may not edit it gets the same 404 as for a profile that does
    /// not exist: a refusal must not tell whether a hidden profile of that name is there.
    func editable(_ request: Request) async throws -> StoredExpert {
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug),
              let expert = try await ExpertStore(database: request.db).find(slug: slug),
              AccessPolicy.allows(request.actor, .editExpert(ownerID: expert.userID?.uuidString))
        else {
            try await request.require(.ownProfile)   // a visitor is sent to sign in, as on every member page
            throw Abort(.notFound)
        }
        return expert
    }

    func ownTarget(_ request: Request, _ language: Language, _ own: StoredExpert?) -> SectionedForm.Target {
        SectionedForm.Target(heading: request.t(own == nil ? "profile.create" : "profile.heading", language),
                             action: SiteURL.profileEdit(language).path, viewHref: own.map { SiteURL.expert(language, slug: $0.slug).path })
    }

    func newTarget(_ request: Request, _ language: Language) -> SectionedForm.Target {
        SectionedForm.Target(heading: request.t("experts.new", language), action: SiteURL.expertNew(language).path)
    }

    func editTarget(_ request: Request, _ language: Language, _ expert: StoredExpert) -> SectionedForm.Target {
        SectionedForm.Target(heading: request.t("profile.editOther", language, ["name": expert.record.name]),
                             action: SiteURL.expertEdit(language, slug: expert.slug).path, viewHref: SiteURL.expert(language, slug: expert.slug).path)
    }
}
