import SankofaCore
import SankofaStore
import Vapor

/// A working group's own categories, managed by those who manage the group from inside it (its
/// owners; staff only once they belong to it: what a group holds stays in it) under the staff's rules: named in six languages, ordered with positions
/// renumbered, deleted only when empty. They are general categories only the group's active
/// members read. Outsiders of a hidden group get a 404, members who do not manage it a 403.
struct GroupCategoryController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.groupCategories, use: list)
        routes.get(.groupCategoryNew, use: newForm)
        routes.post(.groupCategoryNew, use: create)
        routes.get(.groupCategoryEdit, use: editForm)
        routes.post(.groupCategoryEdit, use: update)
        routes.post(.groupCategoryMove, use: move)
        routes.post(.groupCategoryDelete, use: delete)
    }

    func manageable(_ request: Request) async throws -> GroupAccess {
        try await request.requireForumMember()
        let access = try await request.visibleGroup()
        try await request.require(.forum(.manageGroup(role: access.role, state: access.state)))
        guard access.managesContent else { throw Abort(.forbidden) }
        return access
    }

    /// The group's category of the path's `:category`; another group's or the forum's is a 404.
    func category(_ request: Request, _ access: GroupAccess) async throws -> ForumCategoryAdmin.Category {
        guard let slug = request.parameters.get("category"), let category = try await ForumCategoryAdmin(database: request.db).find(slug: slug),
              category.draft.groupID == access.group.id else { throw Abort(.notFound) }
        return category
    }

    func audit(_ request: Request, _ action: String, _ access: GroupAccess, _ slug: String, _ detail: String = "") -> AuditLog.Entry {
        request.auditEntry("group.category.\(action)", target: "category:\(slug)",
                           detail: "group:\(access.group.slug)" + (detail.isEmpty ? "" : " \(detail)"))
    }

    func list(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await manageable(request)
        let done = (try? request.query.get(String.self, at: "done")).flatMap {
            CategoryAdminController.doneCodes.contains($0) ? "forum.admin.done.\($0)" : nil
        }
        return try await render(request, language, access, message: done.map { request.t($0, language) })
    }

    func render(_ request: Request, _ language: Language, _ access: GroupAccess, message: String? = nil, error: String? = nil,
                status: HTTPStatus = .ok) async throws -> Response {
        let categories = try await ForumCategoryAdmin(database: request.db).list(groupID: access.group.id)
        let slug = access.group.slug
        let links = CategoryAdminList.Links(
            heading: request.t("group.categories.admin.heading", language), intro: request.t("group.categories.admin.intro", language),
            new: SiteURL.groupCategoryNew(language, slug: slug).path, back: SiteURL.group(language, slug: slug).path,
            edit: { SiteURL.groupCategoryEdit(language, slug: slug, category: $0).path },
            move: { SiteURL.groupCategoryMove(language, slug: slug, category: $0).path },
            delete: { SiteURL.groupCategoryDelete(language, slug: slug, category: $0).path })
        let page = CategoryAdminList(categories, links: links, showsSettings: false, message: message, error: error, request: request,
                                     language: language)
        return try await request.render("forum/admin/categories", page, language: language, title: "\(page.heading) · \(access.group.name)",
                                        section: .groups, status: status)
    }

    func listPath(_ language: Language, _ access: GroupAccess, done: String) -> String {
        SiteURL.groupCategories(language, slug: access.group.slug).path + "?done=\(done)"
    }

    func newForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await manageable(request)
        return try await render(request, language, access, CategoryForm(), newTarget(request, language, access))
    }

    func create(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await manageable(request)
        let form = try request.form(CategoryForm.self)
        var errors = FormErrors()
        guard let draft = form.draft(groupID: access.group.id, errors: &errors) else {
            return try await render(request, language, access, form, newTarget(request, language, access), errors: errors,
                                    status: .unprocessableEntity)
        }
        _ = try await ForumCategoryAdmin(database: request.db).create(draft, audit: audit(request, "created", access, ""), now: request.now)
        return request.redirect(to: SiteURL.group(language, slug: access.group.slug).path + "?done=category", redirectType: .normal)
    }

    func editForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await manageable(request)
        let category = try await category(request, access)
        return try await render(request, language, access, CategoryForm(category), editTarget(request, language, access, category.slug))
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await manageable(request)
        let category = try await category(request, access)
        let form = try request.form(CategoryForm.self)
        var errors = FormErrors()
        // A group's form has no address field: the category keeps its slug.
        guard var draft = form.draft(groupID: access.group.id, errors: &errors) else {
            return try await render(request, language, access, form, editTarget(request, language, access, category.slug), errors: errors,
                                    status: .unprocessableEntity)
        }
        draft.slug = category.slug
        try await ForumCategoryAdmin(database: request.db).update(
            category, to: draft, audit: audit(request, "updated", access, category.slug, "[\(draft.texts.keys.map(\.rawValue).sorted().joined(separator: ","))]"))
        return request.redirect(to: listPath(language, access, done: "saved"), redirectType: .normal)
    }

    func move(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await manageable(request)
        let category = try await category(request, access)
        let form = try request.form(CategoryAdminController.Move.self)
        let store = ForumCategoryAdmin(database: request.db)
        let audit = audit(request, "moved", access, category.slug, form.position.map { "position \($0)" } ?? form.direction)
        switch (form.direction, form.position) {
        case ("up", _), ("down", _): try await store.move(category, up: form.direction == "up", audit: audit)
        case (_, let position?): try await store.place(category, at: position, audit: audit)
        default: return try await render(request, language, access, error: request.t("forum.admin.error.position", language), status: .unprocessableEntity)
        }
        return request.redirect(to: listPath(language, access, done: "moved"), redirectType: .normal)
    }

    func delete(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await manageable(request)
        let category = try await category(request, access)
        do {
            try await ForumCategoryAdmin(database: request.db).delete(category, audit: audit(request, "deleted", access, category.slug))
        } catch ForumCategoryAdmin.Refusal.hasThreads {
            return try await render(request, language, access, error: request.t("forum.admin.error.hasThreads", language), status: .conflict)
        }
        return request.redirect(to: listPath(language, access, done: "deleted"), redirectType: .normal)
    }

    func render(_ request: Request, _ language: Language, _ access: GroupAccess, _ form: CategoryForm, _ target: SectionedForm.Target,
                errors: FormErrors = .init(), status: HTTPStatus = .ok) async throws -> Response {
        let texts = SectionedForm.Texts(intro: "group.category.intro", submit: "form.save", view: "group.categories.admin.back", section: .groups)
        let page = SectionedForm(target, texts, sections: form.sections(request, language, forGroup: true), errors: errors, offer: nil,
                                 request, language)
        return try await request.render(SectionedForm.template, page, language: language, title: target.heading, section: .groups, status: status)
    }

    func newTarget(_ request: Request, _ language: Language, _ access: GroupAccess) -> SectionedForm.Target {
        .init(heading: request.t("group.category.new", language), action: SiteURL.groupCategoryNew(language, slug: access.group.slug).path,
              viewHref: SiteURL.groupCategories(language, slug: access.group.slug).path)
    }

    func editTarget(_ request: Request, _ language: Language, _ access: GroupAccess, _ slug: String) -> SectionedForm.Target {
        .init(heading: request.t("group.category.edit", language),
              action: SiteURL.groupCategoryEdit(language, slug: access.group.slug, category: slug).path,
              viewHref: SiteURL.groupCategories(language, slug: access.group.slug).path)
    }
}
