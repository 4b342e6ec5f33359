import SankofaCore
import SankofaStore
import Vapor

/// Staff's management of the forum's categories (`manageCategories`: editors and admins): the
/// ordered list, a new category, editing one in six languages, moving, deleting an empty one.
/// Working groups' categories are their owners' (`GroupCategoryController`) and never appear here.
struct CategoryAdminController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.forumCategories, use: list)
        routes.get(.forumCategoryNew, use: newForm)
        routes.post(.forumCategoryNew, use: create)
        routes.get(.forumCategoryEdit, use: editForm)
        routes.post(.forumCategoryEdit, use: update)
        routes.post(.forumCategoryMove, use: move)
        routes.post(.forumCategoryDelete, use: delete)
    }

    static let doneCodes: Set<String> = ["created", "saved", "moved", "deleted"]

    func list(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.forum(.manageCategories))
        let done = (try? request.query.get(String.self, at: "done")).flatMap { Self.doneCodes.contains($0) ? "forum.admin.done.\($0)" : nil }
        return try await render(request, language, message: done.map { request.t($0, language) })
    }

    func render(_ request: Request, _ language: Language, message: String? = nil, error: String? = nil,
                status: HTTPStatus = .ok) async throws -> Response {
        let categories = try await ForumCategoryAdmin(database: request.db).list()
        let page = CategoryAdminList(categories, links: .forum(language, request), message: message, error: error, request: request, language: language)
        return try await request.render("forum/admin/categories", page, language: language, title: page.heading, section: .forum, status: status)
    }

    /// A forum category of the path's `:category` (a group's is not managed here: a 404).
    func category(_ request: Request) async throws -> ForumCategoryAdmin.Category {
        try await request.require(.forum(.manageCategories))
        guard let slug = request.parameters.get("category"), let category = try await ForumCategoryAdmin(database: request.db).find(slug: slug),
              category.draft.groupID == nil else { throw Abort(.notFound) }
        return category
    }

    func newForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.forum(.manageCategories))
        return try await renderForm(request, language, CategoryForm(), newTarget(language, request))
    }

    func create(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.forum(.manageCategories))
        let form = try request.form(CategoryForm.self)
        var errors = FormErrors()
        guard let draft = form.draft(groupID: nil, errors: &errors) else {
            return try await renderForm(request, language, form, newTarget(language, request), errors: errors, status: .unprocessableEntity)
        }
        do {
            _ = try await ForumCategoryAdmin(database: request.db).create(
                draft, audit: request.auditEntry("forum.category.created", target: "", detail: Self.detail(draft)), now: request.now)
        } catch ForumCategoryAdmin.Refusal.slugTaken {
            errors.check(false, "slug", "forum.admin.error.slugTaken")
            return try await renderForm(request, language, form, newTarget(language, request), errors: errors, status: .conflict)
        }
        return request.redirect(to: SiteURL.forumCategories(language).path + "?done=created", redirectType: .normal)
    }

    func editForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let category = try await category(request)
        return try await renderForm(request, language, CategoryForm(category), editTarget(language, request, category.slug))
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        let category = try await category(request)
        let form = try request.form(CategoryForm.self)
        var errors = FormErrors()
        let target = editTarget(language, request, category.slug)
        guard var draft = form.draft(groupID: nil, errors: &errors) else {
            return try await renderForm(request, language, form, target, errors: errors, status: .unprocessableEntity)
        }
        if draft.slug.isEmpty { draft.slug = category.slug }
        do {
            try await ForumCategoryAdmin(database: request.db).update(
                category, to: draft, audit: request.auditEntry("forum.category.updated", target: "category:\(category.slug)", detail: Self.detail(draft)))
        } catch ForumCategoryAdmin.Refusal.slugTaken {
            errors.check(false, "slug", "forum.admin.error.slugTaken")
            return try await renderForm(request, language, form, target, errors: errors, status: .conflict)
        }
        return request.redirect(to: SiteURL.forumCategories(language).path + "?done=saved", redirectType: .normal)
    }

    struct Move: FormInput {
        var direction: String
        var position: Int?
        init(_ body: FormBody) {
            direction = body.text("direction")
            position = Int(body.text("position").trimmingCharacters(in: .whitespaces)).flatMap { (1...10_000).contains($0) ? $0 : nil }
        }
    }

    func move(_ request: Request) async throws -> Response {
        let language = try request.language()
        let category = try await category(request)
        let form = try request.form(Move.self)
        let store = ForumCategoryAdmin(database: request.db)
        let audit = request.auditEntry("forum.category.moved", target: "category:\(category.slug)",
                                       detail: form.position.map { "position \($0)" } ?? form.direction)
        switch (form.direction, form.position) {
        case ("up", _), ("down", _): try await store.move(category, up: form.direction == "up", audit: audit)
        case (_, let position?): try await store.place(category, at: position, audit: audit)
        default: return try await render(request, language, error: request.t("forum.admin.error.position", language), status: .unprocessableEntity)
        }
        return request.redirect(to: SiteURL.forumCategories(language).path + "?done=moved", redirectType: .normal)
    }

    func delete(_ request: Request) async throws -> Response {
        let language = try request.language()
        let category = try await category(request)
        do {
            try await ForumCategoryAdmin(database: request.db).delete(
                category, audit: request.auditEntry("forum.category.deleted", target: "category:\(category.slug)"))
        } catch ForumCategoryAdmin.Refusal.hasThreads {
            return try await render(request, language, error: request.t("forum.admin.error.hasThreads", language), status: .conflict)
        }
        return request.redirect(to: SiteURL.forumCategories(language).path + "?done=deleted", redirectType: .normal)
    }

    static func detail(_ draft: ForumCategoryAdmin.Draft) -> String {
        "\(draft.kind.rawValue)\(draft.topic.map { ":\($0)" } ?? "") \(draft.visibility.rawValue) [\(draft.texts.keys.map(\.rawValue).sorted().joined(separator: ","))]"
    }

    func renderForm(_ request: Request, _ language: Language, _ form: CategoryForm, _ target: SectionedForm.Target,
                    errors: FormErrors = .init(), status: HTTPStatus = .ok) async throws -> Response {
        let texts = SectionedForm.Texts(intro: "forum.admin.form.intro", submit: "form.save", view: "forum.admin.back", section: .forum)
        let page = SectionedForm(target, texts, sections: form.sections(request, language, forGroup: false), errors: errors, offer: nil,
                                 request, language)
        return try await request.render(SectionedForm.template, page, language: language, title: target.heading, section: .forum, status: status)
    }

    func newTarget(_ language: Language, _ request: Request) -> SectionedForm.Target {
        .init(heading: request.t("forum.admin.new", language), action: SiteURL.forumCategoryNew(language).path,
              viewHref: SiteURL.forumCategories(language).path)
    }

    func editTarget(_ language: Language, _ request: Request, _ slug: String) -> SectionedForm.Target {
        .init(heading: request.t("forum.admin.edit", language), action: SiteURL.forumCategoryEdit(language, slug: slug).path,
              viewHref: SiteURL.forumCategories(language).path)
    }
}
