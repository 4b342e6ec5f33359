import SankofaCore
import SankofaStore
import Vapor

/// Changing a group's name, purpose, language and listing: those who manage it (its owners, and
/// staff who may know of it). Hiding a listed group takes it off everyone's list at once.
struct GroupEditController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.groupEdit, use: editForm)
        routes.post(.groupEdit, use: update)
    }

    func manageable(_ request: Request) async throws -> GroupAccess {
        try await request.requireForumMember()
        let access = try await request.visibleGroup()
        try await request.require(.forum(.manageGroup(role: access.role, state: access.state)))
        return access
    }

    func editForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await manageable(request)
        return try await render(request, language, access, GroupForm(access.group), errors: FormErrors())
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await manageable(request)
        let form = try request.form(GroupForm.self)
        let errors = form.errors()
        guard errors.isEmpty else { return try await render(request, language, access, form, errors: errors, status: .unprocessableEntity) }
        let group = access.group
        try await ForumGroups(database: request.db).update(
            group, to: .init(name: form.name, purpose: form.purpose, language: Language(rawValue: form.language) ?? group.language,
                             listed: form.visibility == "listed"),
            audit: request.auditEntry("group.updated", target: "group:\(group.slug)", detail: "\(form.visibility): \(form.name)"))
        return request.redirect(to: SiteURL.group(language, slug: group.slug).path + "?done=edited", redirectType: .normal)
    }

    func render(_ request: Request, _ language: Language, _ access: GroupAccess, _ form: GroupForm, errors: FormErrors,
                status: HTTPStatus = .ok) async throws -> Response {
        let slug = access.group.slug
        let target = SectionedForm.Target(heading: request.t("group.edit", language), action: SiteURL.groupEdit(language, slug: slug).path,
                                          viewHref: SiteURL.group(language, slug: slug).path)
        let texts = SectionedForm.Texts(intro: "group.edit.intro", submit: "form.save", view: "group.back", section: .groups)
        let page = SectionedForm(target, texts, sections: [form.section(request, language)], errors: errors, offer: nil, request, language)
        return try await request.render(SectionedForm.template, page, language: language, title: target.heading, section: .groups, status: status)
    }
}
