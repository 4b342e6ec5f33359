import SankofaCore
import SankofaStore
import Vapor

/// Members write practices: a new one, their list, and editing a draft; "save draft" keeps it
/// private, "submit" sends it to the editors' queue.
struct SubmitController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.submit, use: newForm)
        routes.post(.submit, use: create)
        routes.get(.myPractices, use: mine)
        routes.get(.myPractice, use: editForm)
        routes.post(.myPractice, use: update)
    }

    func render(_ request: Request, _ language: Language, _ form: PracticeForm, _ errors: FormErrors, action: String,
                heading: String, comments: [Comments.Comment] = [], status: HTTPStatus = .ok) async throws -> Response {
        let page = PracticeEditor(form, errors, heading: heading, action: action, comments: comments,
                                  request, language)
        return try await request.render("editorial/form", page, language: language, title: heading, section: .submit, status: status)
    }

    func newForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.submitPractice)
        return try await render(request, language, PracticeForm(language: language), FormErrors(),
                                action: SiteURL.submit(language).path, heading: request.t("editorial.new", language))
    }

    func create(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.submitPractice)
        guard let user = request.user, let userID = user.id else { throw Abort(.unauthorized) }
        let form = try request.form(PracticeForm.self)
        let status: PracticeStatus = form.action == "submit" ? .submitted : .draft
        // The slug is chosen when saving (NewSlug); the fallback only lets the form be checked.
        let (record, errors) = form.record(slug: NewSlug.Table.practices.fallback, status: status, keeping: nil)
        guard errors.isEmpty else {
            return try await render(request, language, form, errors, action: SiteURL.submit(language).path,
                                    heading: request.t("editorial.new", language), status: .unprocessableEntity)
        }
        _ = try await PracticeWrites(database: request.db).create(record, slugFrom: form.text.title, author: userID,
                                                                  action: status == .submitted ? .submitted : .created, by: request.practiceWriter)
        return request.redirect(to: SiteURL.myPractices(language).path, redirectType: .normal)
    }

    func mine(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.submitPractice)
        guard let id = request.user?.id else { throw Abort(.unauthorized) }
        let page = MyPractices(try await PracticeStore(database: request.db).authored(by: id), request, language)
        return try await request.render("editorial/mine", page, language: language, title: page.heading, section: .submit)
    }

    /// The author's own draft, or a 404 (another's draft is not even shown to exist).
    static func ownDraft(_ request: Request) async throws -> PracticeModel {
        guard let slug = request.parameters.get("slug"), let id = request.user?.id,
              let practice = try await PracticeStore(database: request.db).find(slug: slug, publishedOnly: false),
              practice.authorID == id, practice.status == PracticeStatus.draft.rawValue
        else { throw Abort(.notFound) }
        return practice
    }

    func editForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.submitPractice)
        let practice = try await Self.ownDraft(request)
        return try await render(request, language, PracticeForm(record: practice.record), FormErrors(),
                                action: SiteURL.myPractice(language, slug: practice.slug).path, heading: request.t("editorial.edit", language),
                                comments: try await Comments(database: request.db).list(try practice.requireID()))
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.submitPractice)
        let practice = try await Self.ownDraft(request)
        let form = try request.form(PracticeForm.self)
        let status: PracticeStatus = form.action == "submit" ? .submitted : .draft
        let (record, errors) = form.record(slug: practice.slug, status: status, keeping: practice.record)
        guard errors.isEmpty else {
            return try await render(request, language, form, errors, action: SiteURL.myPractice(language, slug: practice.slug).path,
                                    heading: request.t("editorial.edit", language), status: .unprocessableEntity)
        }
        try await PracticeWrites(database: request.db).replace(record, action: status == .submitted ? .submitted : .saved,
                                                               by: request.practiceWriter)
        return request.redirect(to: SiteURL.myPractices(language).path, redirectType: .normal)
    }
}
