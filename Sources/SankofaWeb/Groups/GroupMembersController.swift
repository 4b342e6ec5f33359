import SankofaCore
import SankofaStore
import Vapor

/// A group's members page, the invitation form, and the owners' actions on a person (answer a
/// request, withdraw an invitation, remove, promote, demote). Outsiders get a 404, as for a
/// group that does not exist; refusals by the group's rules come back on the page, translated.
struct GroupMembersController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.groupMembers, use: show)
        routes.post(.groupMembers, use: invite)
        routes.post(.groupMember, use: act)
    }

    /// The group, for its active members and those who manage or may invite to it.
    func members(_ request: Request) async throws -> GroupAccess {
        try await request.requireForumMember()
        let access = try await request.visibleGroup()
        guard access.isActiveMember || access.mayManage || access.mayInvite else { throw Abort(.notFound) }
        return access
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await members(request)
        return try await render(request, language, access, message: GroupMessages.done(request).map { request.t($0, language) })
    }

    func render(_ request: Request, _ language: Language, _ access: GroupAccess, message: String? = nil, error: String? = nil,
                invitee: String = "", status: HTTPStatus = .ok) async throws -> Response {
        let members = try await ForumGroups(database: request.db).members(of: access.group.id)
        let page = GroupMembersPage(access, members: members, message: message, error: error, invitee: invitee, request: request, language: language)
        return try await request.render("groups/members", page, language: language, title: "\(page.heading) · \(access.group.name)",
                                        section: .groups, status: status)
    }

    struct Invitation: FormInput {
        var invitee: String
        init(_ body: FormBody) { invitee = FormText.clean(body.text("invitee"), limit: 320) }
    }

    func invite(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await members(request)
        try await request.require(.forum(.inviteToGroup(role: access.role, state: access.state)))
        let form = try request.form(Invitation.self)
        let store = ForumGroups(database: request.db)
        do {
            guard let invitee = try await store.invitee(named: form.invitee), let id = invitee.id else { throw ForumGroupError.unknownInvitee }
            try await store.invite(id, to: access.group, by: access.userID,
                                   audit: request.auditEntry("group.invited", target: "group:\(access.group.slug)", detail: invitee.email),
                                   now: request.now)
        } catch let refusal as ForumGroupError {
            return try await render(request, language, access, error: request.t(refusal.message.key, language), invitee: form.invitee,
                                    status: refusal.message.status == .notFound ? .unprocessableEntity : refusal.message.status)
        }
        return request.redirect(to: SiteURL.groupMembers(language, slug: access.group.slug).path + "?done=invited", redirectType: .normal)
    }

    struct Action: FormInput {
        var action: String
        init(_ body: FormBody) { action = body.text("action") }
    }

    func act(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await members(request)
        try await request.require(.forum(.manageGroup(role: access.role, state: access.state)))
        guard let user = request.parameters.get("user").flatMap(UUID.init(uuidString:)) else { throw Abort(.notFound) }
        let action = try request.form(Action.self).action
        let store = ForumGroups(database: request.db), group = access.group, now = request.now
        func audit(_ name: String) -> AuditLog.Entry {
            request.auditEntry("group.\(name)", target: "group:\(group.slug)", detail: "user: \(user.uuidString)")
        }
        let done: String
        do {
            switch action {
            case "accept", "decline":
                try await store.answerRequest(of: user, to: group, accept: action == "accept", by: access.userID,
                                              audit: audit(action == "accept" ? "request.accepted" : "request.declined"), now: now)
                done = action == "accept" ? "accepted" : "declined"
            case "remove":
                try await store.remove(user, from: group, audit: audit("removed"))
                done = "removed"
            case "promote", "demote":
                try await store.setRole(action == "promote" ? .owner : .member, of: user, in: group, audit: audit(action == "promote" ? "promoted" : "demoted"))
                done = "role"
            default:
                return try await render(request, language, access, error: request.t("error.choice", language), status: .unprocessableEntity)
            }
        } catch let refusal as ForumGroupError {
            return try await render(request, language, access, error: request.t(refusal.message.key, language), status: refusal.message.status)
        }
        return request.redirect(to: SiteURL.groupMembers(language, slug: group.slug).path + "?done=\(done)", redirectType: .normal)
    }
}
