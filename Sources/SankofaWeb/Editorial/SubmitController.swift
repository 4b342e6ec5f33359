import SankofaCore
import SankofaStore
import Vapor

/// Members write practices: a new one, their list, and editing a draft; "save draft" keeps it
/// private, "submit" sends it to the editors' queue. A change to their published practice is
/// kept as a pending revision for the editors (``PracticeWrites/propose(_:by:_:)``).
struct SubmitController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.submit, use: newForm)
        routes.post(.submit, use: create)
        routes.get(.myPractices, use: mine)
        routes.get(.myPractice, use: editForm)
        routes.post(.myPractice, use: update)
    }

    func render(_ request: Request, _ language: Language, _ form: PracticeForm, _ errors: FormErrors, action: String,
                heading: String, status: HTTPStatus = .ok) async throws -> Response {
        let page = PracticeEditor(form, errors, heading: heading, action: action, comments: [], proposing: false, request, language)
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
        let practices = try await PracticeStore(database: request.db).authored(by: id)
        let pending = try await PendingRevisions(database: request.db).states(of: practices.compactMap(\.id))
        let page = MyPractices(practices, pending: pending, request, language)
        return try await request.render("editorial/mine", page, language: language, title: page.heading, section: .submit)
    }

    /// The practice in the address if its author may change it (``Permission/editPractice(status:authorID:)``),
    /// or a 404 (another's practice is not even shown to exist); for a published one, the author's
    /// pending revision too, the record their form starts from.
    static func editable(_ request: Request) async throws -> (PracticeModel, PendingRevisions.Revision?) {
        try await request.require(.submitPractice)
        let practice = try await request.practice(Permission.editPractice)
        guard practice.practiceStatus == .published else { return (practice, nil) }
        return (practice, try await PendingRevisions(database: request.db).find(try practice.requireID()))
    }

    /// The author's change waits for an editor when the practice is published.
    static func proposing(_ request: Request, _ practice: PracticeModel) -> Bool {
        AccessPolicy.changeWaitsForReview(request.actor, status: practice.practiceStatus, translating: false)
    }

    func editForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (practice, pending) = try await Self.editable(request)
        return try await renderEdit(request, language, practice, PracticeForm(record: pending?.proposal ?? practice.record), FormErrors())
    }

    func renderEdit(_ request: Request, _ language: Language, _ practice: PracticeModel, _ form: PracticeForm, _ errors: FormErrors,
                    status: HTTPStatus = .ok) async throws -> Response {
        let proposing = Self.proposing(request, practice)
        let heading = request.t(proposing ? "editorial.propose.heading" : "editorial.edit", language)
        let page = PracticeEditor(form, errors, heading: heading, action: SiteURL.myPractice(language, slug: practice.slug).path,
                                  comments: try await Comments(database: request.db).list(try practice.requireID()),
                                  proposing: proposing, request, language)
        return try await request.render("editorial/form", page, language: language, title: heading, section: .submit, status: status)
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (practice, pending) = try await Self.editable(request)
        let form = try request.form(PracticeForm.self)
        let proposing = Self.proposing(request, practice)
        let status: PracticeStatus = proposing ? .published : form.action == "submit" ? .submitted : .draft
        let (record, errors) = form.record(slug: practice.slug, status: status, keeping: pending?.proposal ?? practice.record)
        guard errors.isEmpty else {
            return try await renderEdit(request, language, practice, form, errors, status: .unprocessableEntity)
        }
        let writes = PracticeWrites(database: request.db)
        if proposing {
            // Readers keep the published text until an editor publishes the change.
            do {
                guard try await writes.propose(practice.slug, by: request.practiceWriter, { $0 = record }) else { throw Abort(.notFound) }
            } catch PracticeStore.StoreError.invalid {
                // A rule the practice breaks outside this form (another language's text): an editor mends it.
                var refused = FormErrors()
                refused.check(false, "title", "editorial.recordInvalid")
                return try await renderEdit(request, language, practice, form, refused, status: .unprocessableEntity)
            }
        } else {
            // Applied to the practice as it is when the write begins: the form holds its own
            // language's text only, so the other languages are taken from the locked row. Written
            // whole from the copy read before the form was parsed, an edit erased a translation
            // saved meanwhile into another language (scripts/chaos lost one that way).
            let edited = record.originalLanguage
            let found = try await writes.change(practice.slug, action: status == .submitted ? .submitted : .saved, by: request.practiceWriter) {
                var merged = record
                merged.translations = $0.translations
                merged.translations[edited] = record.translations[edited]
                $0 = merged
            }
            guard found else { throw Abort(.notFound) }
        }
        return request.redirect(to: SiteURL.myPractices(language).path, redirectType: .normal)
    }
}
