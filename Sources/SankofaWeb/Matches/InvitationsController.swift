import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// A person's invitations to requests: the list, one invitation, and its answer. An invitation is
/// its invitee's alone: anyone else gets a 404, as for one that does not exist.
struct InvitationsController: RouteCollection {
    static let perPage = 20

    func boot(routes: any RoutesBuilder) throws {
        routes.get(.invitations, use: list)
        routes.get(.invitation, use: show)
        routes.post(.invitation, use: answer)
    }

    func list(_ request: Request) async throws -> Response {
        let language = try request.language()
        let userID = try await request.requireRequestsMember()
        let page = max(1, min(request.query[Int.self, at: "page"] ?? 1, 10_000))
        let result = try await RequestMatches(database: request.db).invitations(of: userID, limit: Self.perPage, offset: (page - 1) * Self.perPage)
        var rows: [InvitationsPage.Row] = []
        for invitation in result.rows {
            let facts = invitation.request
            // The title only where the invitee may read the request; otherwise its country.
            let readable = mayRead(request, invitation, userID: userID)
            let label = readable ? facts.title
                : request.t("invitation.fromCountry", language, ["country": Countries.name(of: facts.beneficiaryCountry, in: language)])
            let labelLanguage = readable ? facts.language : language
            rows.append(.init(href: SiteURL.invitation(language, match: invitation.match.id).path, label: label, lang: labelLanguage.rawValue,
                              dir: labelLanguage.direction, state: request.t(invitation.match.state.labelKey, language),
                              invitedOn: invitation.match.invitedAt.map { MatchesPage.date($0, language) } ?? "",
                              waiting: invitation.match.state == .invited))
        }
        let model = InvitationsPage(title: request.t("invitation.list.title", language), rows: rows,
                                    pagination: Pagination(page: page, perPage: Self.perPage, total: result.total,
                                                           base: SiteURL.invitations(language).path, query: try QueryParameters(request),
                                                           language: language, request: request))
        return try await request.render("matches/invitations", model, language: language, title: model.title, section: .requests)
    }

    /// Whether the invitee may read the request itself (its visibility reaches invited experts and
    /// centres, or they are its managers anyway), as the request's own page decides. Whether they
    /// stand invited came with the invitation (no query per row of the list).
    func mayRead(_ request: Request, _ invitation: RequestMatches.Invitation, userID: UUID) -> Bool {
        let facts = invitation.request
        let standing = RequestLookup.standing(of: request.actor, userID: userID, request: facts, isInvited: invitation.isInvited)
        return AccessPolicy.allows(request.actor, .cooperation(.readRequest(facts.visibility, facts.status, standing)))
    }

    /// The path's invitation when it is the reader's, with its request's record.
    func invitation(_ request: Request) async throws -> (RequestMatches.Invitation, RequestRecord, UUID) {
        let userID = try await request.requireRequestsMember()
        guard let id = request.parameters.get("match").flatMap(Int.init), id > 0,
              let match = try await RequestMatches(database: request.db).match(id),
              AccessPolicy.allows(request.actor, .cooperation(.answerInvitation(isInvitee: match.inviteeID == userID))),
              let detail = try await Requests(database: request.db).detail(match.requestID) else {
            throw Abort(.notFound)
        }
        let standing = try await RequestLookup(database: request.db).standing(of: request.actor, userID: userID, request: detail.facts)
        return (RequestMatches.Invitation(match: match, request: detail.facts, isInvited: standing.isInvited), detail.record, userID)
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (invitation, record, userID) = try await invitation(request)
        return try await render(request, language, invitation, record, userID: userID)
    }

    func render(_ request: Request, _ language: Language, _ invitation: RequestMatches.Invitation, _ record: RequestRecord, userID: UUID,
                error: String? = nil, reason: String = "", status: HTTPStatus = .ok) async throws -> Response {
        let readable = mayRead(request, invitation, userID: userID)
        let model = InvitationPage.model(request, language, invitation: invitation, record: record, readable: readable,
                                         error: error, reason: reason)
        return try await request.render("matches/invitation", model, language: language, title: model.title, section: .requests, status: status)
    }

    struct AnswerForm: FormInput {
        var answer: RequestMatches.Answer?
        var reason: String
        init(_ body: FormBody) {
            answer = switch body.text("answer") { case "accept": .accepted; case "decline": .declined; default: nil }
            reason = body.text("reason").trimmingCharacters(in: .whitespacesAndNewlines)
        }
    }

    /// Accept or decline; a decline needs its reason. Answered already: a 409 with the page.
    func answer(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (invitation, record, userID) = try await invitation(request)
        let form = try request.form(AnswerForm.self)
        func refuse(_ key: String, _ status: HTTPStatus = .unprocessableEntity) async throws -> Response {
            try await render(request, language, invitation, record, userID: userID, error: request.t(key, language),
                             reason: String(form.reason.prefix(RequestMatches.maxReason)), status: status)
        }
        guard invitation.match.state == .invited else { return try await refuse("invitation.error.answered", .conflict) }
        // A request closed (or sent back to draft) since the invitation takes no more answers.
        guard RequestMatches.answerable.contains(invitation.request.status) else {
            return try await refuse("invitation.error.requestClosed", .conflict)
        }
        guard let answer = form.answer else { return try await refuse("invitation.error.choice") }
        if answer == .declined && form.reason.isEmpty { return try await refuse("invitation.error.reasonRequired") }
        if form.reason.count > RequestMatches.maxReason { return try await refuse("invitation.error.reasonTooLong") }
        guard try await RequestMatches(database: request.db).answer(invitation.match.id, answer, reason: form.reason, inviteeID: userID,
                                                                    now: request.now) else {
            return try await refuse("invitation.error.answered", .conflict)
        }
        let done = answer == .accepted ? "accepted" : "declined"
        return request.redirect(to: SiteURL.invitation(language, match: invitation.match.id).path + "?done=\(done)", redirectType: .normal)
    }
}
