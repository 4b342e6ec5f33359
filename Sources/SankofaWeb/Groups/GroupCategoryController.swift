import SankofaCore
import SankofaStore
import Vapor

/// A working group's own categories, made by those who manage the group (its owners, and staff
/// who may see it): general categories that only the group's active members read.
struct GroupCategoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.groupCategoryNew, use: newForm)
        routes.post(.groupCategoryNew, use: create)
    }

    func manageable(_ request: Request) async throws -> GroupAccess {
        try await request.requireForumMember()
        let access = try await request.visibleGroup()
        try await request.require(.forum(.manageGroup(role: access.role, state: access.state)))
        return access
    }

    func newForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await manageable(request)
        return try await render(request, language, access, CategoryForm())
    }

    func create(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await manageable(request)
        let form = try request.form(CategoryForm.self)
        var errors = FormErrors()
        guard let draft = form.draft(groupID: access.group.id, errors: &errors) else {
            return try await render(request, language, access, form, errors: errors, status: .unprocessableEntity)
        }
        _ = try await ForumCategoryAdmin(database: request.db).create(
            draft, audit: request.auditEntry("group.category.created", target: "", detail: "group:\(access.group.slug)"), now: request.now)
        return request.redirect(to: SiteURL.group(language, slug: access.group.slug).path + "?done=category", redirectType: .normal)
    }

    func render(_ request: Request, _ language: Language, _ access: GroupAccess, _ form: CategoryForm,
                errors: FormErrors = .init(), status: HTTPStatus = .ok) async throws -> Response {
        let target = SectionedForm.Target(heading: request.t("group.category.new", language),
                                          action: SiteURL.groupCategoryNew(language, slug: access.group.slug).path,
                                          viewHref: SiteURL.group(language, slug: access.group.slug).path)
        let texts = SectionedForm.Texts(intro: "group.category.intro", submit: "form.save", view: "group.back", section: .groups)
        let page = SectionedForm(target, texts, sections: form.sections(request, language, forGroup: true), errors: errors, offer: nil,
                                 request, language)
        return try await request.render(SectionedForm.template, page, language: language, title: target.heading, section: .groups, status: status)
    }
}
