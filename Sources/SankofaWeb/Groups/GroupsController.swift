import SankofaCore
import SankofaStore
import Vapor

/// Working groups: the list, a new group, a group's page. Membership changes are in
/// `GroupMembershipController`, the owners' page in `GroupMembersController`.
struct GroupsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.groups, use: list)
        routes.get(.groupNew, use: newForm)
        routes.post(.groupNew, use: create)
        routes.get(.group, use: show)
    }

    func list(_ request: Request) async throws -> Response {
        let language = try request.language()
        let reader = try await request.forumReader()
        let summaries = try await ForumGroups(database: request.db).visible(to: reader)
        let page = GroupList(summaries, reader: reader, message: GroupMessages.done(request), request: request, language: language)
        return try await request.render("groups/list", page, language: language, title: page.heading, section: .groups)
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await request.visibleGroup()
        return try await render(request, language, access, message: GroupMessages.done(request).map { request.t($0, language) })
    }

    /// The group's page, its discussions and members read only for its active members.
    func render(_ request: Request, _ language: Language, _ access: GroupAccess, message: String?,
                status: HTTPStatus = .ok) async throws -> Response {
        let store = ForumGroups(database: request.db)
        var content = GroupShow.Content()
        if access.isActiveMember {
            content.categories = try await store.categories(of: access.group.id, in: language)
            content.threads = try await store.latestThreads(of: access.group.id)
            content.members = try await store.members(of: access.group.id)
        }
        let page = GroupShow(access, content, message: message, request: request, language: language)
        return try await request.render("groups/show", page, language: language, title: access.group.name, section: .groups, status: status)
    }

    func newForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.forum(.createGroup))
        return try await renderForm(request, language, GroupForm(language: language), errors: FormErrors())
    }

    func create(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.forum(.createGroup))
        let form = try request.form(GroupForm.self)
        let errors = form.errors()
        guard errors.isEmpty, let creator = request.user?.id else {
            return try await renderForm(request, language, form, errors: errors, status: .unprocessableEntity)
        }
        let new = ForumGroups.New(name: form.name, purpose: form.purpose, language: Language(rawValue: form.language) ?? language,
                                  listed: form.visibility == "listed")
        let group = try await ForumGroups(database: request.db).create(
            new, creator: creator, audit: request.auditEntry("group.created", target: "", detail: "\(form.visibility): \(form.name)"),
            now: request.now)
        return request.redirect(to: SiteURL.group(language, slug: group.slug).path, redirectType: .normal)
    }

    func renderForm(_ request: Request, _ language: Language, _ form: GroupForm, errors: FormErrors,
                    status: HTTPStatus = .ok) async throws -> Response {
        let target = SectionedForm.Target(heading: request.t("group.new", language), action: SiteURL.groupNew(language).path,
                                          viewHref: SiteURL.groups(language).path)
        let texts = SectionedForm.Texts(intro: "group.new.intro", submit: "group.create", view: "group.list.back", section: .groups)
        let page = SectionedForm(target, texts, sections: [form.section(request, language)], errors: errors, offer: nil, request, language)
        return try await request.render(SectionedForm.template, page, language: language, title: target.heading, section: .groups, status: status)
    }
}

/// The confirmations the group pages show after a change (`?done=invited`): only known codes,
/// so the query cannot put text of its own on the page.
enum GroupMessages {
    static let codes: Set<String> = ["invited", "requested", "joined", "declined", "left", "removed", "role", "accepted", "category", "edited", "withdrawn"]

    /// The catalogue key of the confirmation the query names, if any.
    static func done(_ request: Request) -> String? {
        guard let code = try? request.query.get(String.self, at: "done"), codes.contains(code) else { return nil }
        return "group.done.\(code)"
    }
}
