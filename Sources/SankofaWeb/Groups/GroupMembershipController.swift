import SankofaCore
import SankofaStore
import Vapor

/// What a person does about their own standing with a group: ask to join, answer an invitation,
/// leave. Each is refused as a 404 when the person may not know of the group, and answered with
/// the group's page and a translated message (4xx) when the group's rules refuse it.
struct GroupMembershipController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.post(.groupJoin, use: join)
        routes.post(.groupAnswer, use: answer)
        routes.post(.groupLeave, use: leave)
        routes.post(.groupWithdraw, use: withdraw)
    }

    func join(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.requireForumMember()
        let access = try await request.visibleGroup()
        try await request.require(.forum(.askToJoin(listed: access.group.listed, state: access.state)))
        return try await perform(request, language, access, done: "requested") { store, user in
            try await store.askToJoin(user, group: access.group, audit: request.auditEntry("group.requested", target: "group:\(access.group.slug)"),
                                      now: request.now)
        }
    }

    /// Takes back the person's own request to join (a 404 when there is none: nothing to withdraw).
    func withdraw(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.requireForumMember()
        let access = try await request.visibleGroup()
        guard access.state == .requested else { throw Abort(.notFound) }
        // A group hidden since the request is no longer theirs to see: back to the list then.
        return try await perform(request, language, access, done: "withdrawn", toList: !access.group.listed) { store, user in
            try await store.withdrawRequest(of: user, from: access.group,
                                            audit: request.auditEntry("group.request.withdrawn", target: "group:\(access.group.slug)"))
        }
    }

    struct Answer: FormInput {
        var accept: Bool?
        init(_ body: FormBody) {
            accept = switch body.text("answer") { case "accept": true; case "decline": false; default: nil }
        }
    }

    func answer(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.requireForumMember()
        let access = try await request.visibleGroup()
        guard access.state == .invited else { throw Abort(.notFound) }
        guard let accept = try request.form(Answer.self).accept else {
            return try await GroupsController().render(request, language, access, message: request.t("error.choice", language),
                                                       status: .unprocessableEntity)
        }
        let action = accept ? "group.invitation.accepted" : "group.invitation.declined"
        return try await perform(request, language, access, done: accept ? "joined" : "declined", toList: !accept) { store, user in
            try await store.answerInvitation(of: user, to: access.group, accept: accept,
                                             audit: request.auditEntry(action, target: "group:\(access.group.slug)"), now: request.now)
        }
    }

    struct Leave: FormInput {
        var successor: UUID?
        init(_ body: FormBody) { successor = UUID(uuidString: body.text("successor")) }
    }

    func leave(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.requireForumMember()
        let access = try await request.visibleGroup()
        guard access.state != nil else { throw Abort(.notFound) }
        let successor = try request.form(Leave.self).successor
        return try await perform(request, language, access, done: "left", toList: true) { store, user in
            let detail = successor.map { "successor: \($0.uuidString)" } ?? ""
            try await store.leave(user, group: access.group, successor: successor,
                                  audit: request.auditEntry("group.left", target: "group:\(access.group.slug)", detail: detail))
        }
    }

    /// Runs `change` for the signed-in person, then sends them to the group's page (or the list,
    /// when they no longer belong) with `done`; a refusal by the group's rules shows the group's
    /// page with its reason.
    func perform(_ request: Request, _ language: Language, _ access: GroupAccess, done: String, toList: Bool = false,
                 _ change: (ForumGroups, UUID) async throws -> Void) async throws -> Response {
        guard let user = access.userID else { throw Abort(.unauthorized) }
        do {
            try await change(ForumGroups(database: request.db), user)
        } catch let refusal as ForumGroupError {
            let (key, status) = refusal.message
            // Nothing changed (the refusal rolled the transaction back): the page as it was.
            return try await GroupsController().render(request, language, access, message: request.t(key, language), status: status)
        }
        let page = toList ? SiteURL.groups(language) : SiteURL.group(language, slug: access.group.slug)
        return request.redirect(to: page.path + "?done=\(done)", redirectType: .normal)
    }
}
