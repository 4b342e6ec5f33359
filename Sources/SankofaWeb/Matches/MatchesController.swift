import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// A request's explained matches: the ranked list and the picked ones (GET), picking one (POST),
/// inviting a picked expert or centre (POST …/:match/invite). The request must be readable (else
/// 404); the list and its forms are for its managers (``CooperationPermission/manageMatches``), the
/// picked ones also for its requester (``CooperationPermission/seeInvitations``); anyone else who
/// may read the request is refused with a 403.
struct MatchesController: RouteCollection {
    /// The candidates of the latest data version, shared by this application's requests.
    let cache = MatchCandidates.Cache()

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.requestMatches, use: show)
        routes.post(.requestMatches, use: pick)
        routes.post(.requestMatchInvite, use: invite)
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await request.readableRequest()
        let manages = access.allows(.manageMatches(access.facts.status, access.standing))
        guard manages || access.allows(.seeInvitations(access.facts.status, access.standing)) else {
            try await request.recordDenial(detail: "seeInvitations \(access.facts.id)")
            throw Abort(.forbidden)
        }
        return try await render(request, language, access, manages: manages)
    }

    func render(_ request: Request, _ language: Language, _ access: RequestAccess, manages: Bool, error: String? = nil,
                status: HTTPStatus = .ok) async throws -> Response {
        let audience = AccessPolicy.audience(access.actor)
        var ranked: [ScoredMatch] = []
        if manages, let detail = try await Requests(database: request.db).detail(access.facts.id) {
            ranked = try await candidates(request).rank(MatchNeed(detail.record, today: ISODay.format(Date())), audience: audience)
        }
        let store = RequestMatches(database: request.db)
        let picked = try await store.list(request: access.facts.id)
        let targets = try await store.targets(ranked.map { ($0.kind, $0.target) } + picked.map { ($0.kind, $0.target) },
                                              audience: audience, language: language)
        let page = MatchesPage.model(request, language, access: access, ranked: ranked, picked: picked, targets: targets,
                                     manages: manages, error: error)
        return try await request.render("matches/list", page, language: language, title: "\(page.title): \(access.facts.title)",
                                        section: .requests, status: status)
    }

    func candidates(_ request: Request) -> MatchCandidates { MatchCandidates(database: request.db, cache: cache) }

    /// The managers' access to the path's request; 404 when unreadable, 403 when not theirs to manage.
    func managed(_ request: Request) async throws -> RequestAccess {
        let access = try await request.readableRequest()
        guard access.allows(.manageMatches(access.facts.status, access.standing)) else {
            try await request.recordDenial(detail: "manageMatches \(access.facts.id)")
            throw Abort(.forbidden)
        }
        return access
    }

    struct PickForm: FormInput {
        var kind: MatchKind?
        var target: String
        init(_ body: FormBody) {
            kind = MatchKind(rawValue: body.text("kind"))
            target = String(body.text("target").prefix(120))
        }
    }

    /// Picks a candidate, scored again here with what the directory holds now (the form's values
    /// name it, never its score); one the reader could not be shown is refused with a 422.
    func pick(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await managed(request)
        let form = try request.form(PickForm.self)
        guard let detail = try await Requests(database: request.db).detail(access.facts.id) else { throw Abort(.notFound) }
        let need = MatchNeed(detail.record, today: ISODay.format(Date()))
        let groups = try await candidates(request).candidates(for: AccessPolicy.audience(access.actor), today: need.today)
        guard let kind = form.kind,
              let candidate = groups.lazy.flatMap({ $0 }).first(where: { $0.kind == kind && $0.target == form.target }),
              let scored = MatchScoring.score(need, candidate) else {
            return try await render(request, language, access, manages: true, error: request.t("match.error.unknown", language),
                                    status: .unprocessableEntity)
        }
        try await RequestMatches(database: request.db).pick(scored, request: access.facts.id, by: access.userID, now: request.now)
        return request.redirect(to: SiteURL.requestMatches(language, request: access.facts.id).path + "?done=picked", redirectType: .normal)
    }

    struct InviteForm: FormInput {
        var message: String
        init(_ body: FormBody) { message = body.text("message").trimmingCharacters(in: .whitespacesAndNewlines) }
    }

    /// Invites the account that answers for a picked expert or centre. One without an account
    /// cannot be invited online (422, said on the page); the message is required and bounded.
    func invite(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await managed(request)
        guard let id = request.parameters.get("match").flatMap(Int.init), id > 0,
              let match = try await RequestMatches(database: request.db).match(id), match.requestID == access.facts.id else {
            throw Abort(.notFound)
        }
        let form = try request.form(InviteForm.self)
        func refuse(_ key: String, _ status: HTTPStatus = .unprocessableEntity) async throws -> Response {
            try await render(request, language, access, manages: true, error: request.t(key, language), status: status)
        }
        guard match.kind.isInvitable else { return try await refuse("match.error.notInvitable") }
        guard match.state == .picked else { return try await refuse("match.error.alreadyInvited", .conflict) }
        if form.message.isEmpty { return try await refuse("match.error.messageRequired") }
        if form.message.count > RequestMatches.maxMessage { return try await refuse("match.error.messageTooLong") }
        let store = RequestMatches(database: request.db)
        let target = try await store.targets([(match.kind, match.target)], audience: AccessPolicy.audience(access.actor), language: language)
            .values.first
        guard let invitee = target?.inviteeID else { return try await refuse("match.error.noAccount") }
        guard try await store.invite(id, inviteeID: invitee, message: form.message, by: access.userID, now: request.now) else {
            return try await refuse("match.error.alreadyInvited", .conflict)
        }
        return request.redirect(to: SiteURL.requestMatches(language, request: access.facts.id).path + "?done=invited", redirectType: .normal)
    }
}
