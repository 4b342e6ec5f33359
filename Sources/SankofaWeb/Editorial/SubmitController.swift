import Fluent
import SankofaCore
import SankofaStore
import SQLKit
import Vapor

/// Members write practices: a new one, their list, and editing a draft; "save draft" keeps it
/// private, "submit" sends it to the editors' queue.
struct SubmitController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "submit", use: newForm)
        routes.post(":lang", "submit", use: create)
        routes.get(":lang", "my", "practices", use: mine)
        routes.get(":lang", "my", "practices", ":slug", use: editForm)
        routes.post(":lang", "my", "practices", ":slug", use: update)
    }

    struct FormPage: Encodable, Sendable {
        var heading: String
        var intro: String?
        var action: String
        var csrf: String
        var fields: [FormField]
        var message: String?
        var comments: [Note]
    }

    /// A comment as shown: who, and what they wrote (put together by the template, not here).
    struct Note: Encodable, Sendable { var author: String; var body: String }

    func render(_ request: Request, _ language: Language, _ form: PracticeForm, _ errors: FormErrors, action: String,
                heading: String, comments: [Note] = [], status: HTTPStatus = .ok) async throws -> Response {
        var fields = form.fields(request, language)
        errors.apply(to: &fields, request, language)
        let page = FormPage(heading: heading, intro: request.t("editorial.intro", language), action: action,
                            csrf: try await request.csrfToken(), fields: fields,
                            message: errors.isEmpty ? nil : request.t("form.fix", language), comments: comments)
        return try await request.render("editorial/form", page, language: language, title: heading, section: "submit", status: status)
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
        let form = (try? request.content.decode(PracticeForm.self)) ?? PracticeForm(language: language)
        let status: PracticeStatus = form.action == "submit" ? .submitted : .draft
        // The slug is chosen when saving (NewSlug); the fallback only lets the form be checked.
        let (record, errors) = form.record(slug: NewSlug.Table.practices.fallback, status: status, keeping: nil)
        guard errors.isEmpty else {
            return try await render(request, language, form, errors, action: SiteURL.submit(language).path,
                                    heading: request.t("editorial.new", language), status: .unprocessableEntity)
        }
        try await Self.store(record, author: userID, action: status == .submitted ? "submitted" : "created", request: request,
                             newSlugFrom: form.text.title)
        return request.redirect(to: SiteURL.myPractices(language).path, redirectType: .normal)
    }

    /// Saves, records authorship and a revision, and audits a submission, in one transaction.
    /// `change`, when given, is applied to the practice as it is when the write begins instead of
    /// saving `record` as read earlier (of which only the slug is used then): the row is locked first (a write, so that SQLite's
    /// transaction too holds the write lock before it reads), so that a translation saved at the
    /// same moment as another, in another language, does not erase it. `newSlugFrom`, for a new
    /// practice, is the title its slug is made from, in the transaction (``NewSlug``).
    static func store(_ record: PracticeRecord, author: UUID?, action: String, request: Request,
                      newSlugFrom title: String? = nil, change: (@Sendable (inout PracticeRecord) -> Void)? = nil) async throws {
        try await request.db.transaction { tx in
            var record = record
            if let title {
                record.slug = try await NewSlug.choose(.practices, for: title, on: tx)
            }
            if let change {
                try await (tx as! any SQLDatabase).raw("UPDATE practices SET updated_at = updated_at WHERE slug = \(bind: record.slug)").run()
                guard let current = try await PracticeStore(database: tx).find(slug: record.slug, publishedOnly: false) else { throw Abort(.notFound) }
                record = current.record
                change(&record)
            }
            let model = try await PracticeStore(database: tx).save(record)
            let id = try model.requireID()
            if let author {
                try await (tx as! any SQLDatabase).raw("UPDATE practices SET author_id = \(bind: author) WHERE id = \(bind: id) AND author_id IS NULL").run()
            }
            try await Revisions(database: tx).record(record, practiceID: id, actorID: request.user?.id, action: action, now: request.now)
            if action != "created" && action != "saved" {
                try await AuditLog(database: tx).record(request.auditEntry("practice.\(action)", target: record.slug))
            }
        }
    }

    struct MinePage: Encodable, Sendable {
        struct Item: Encodable, Sendable { var title: String; var status: String; var href: String; var editable: Bool }
        var heading: String
        var items: [Item]
        var newHref: String
        var hasItems: Bool
    }

    func mine(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.submitPractice)
        guard let id = request.user?.id else { throw Abort(.unauthorized) }
        let practices = try await PracticeModel.query(on: request.db).filter(\.$authorID == id).with(\.$translations).sort(\.$slug).all()
        let page = MinePage(
            heading: request.t("editorial.mine", language),
            items: practices.map { practice in
                let editable = practice.status == PracticeStatus.draft.rawValue
                return .init(title: practice.text(in: language).text.title,
                             status: request.t(PracticeStatus(rawValue: practice.status)?.labelKey ?? "", language),
                             href: editable ? SiteURL.myPractice(language, slug: practice.slug).path : SiteURL.practice(language, slug: practice.slug).path,
                             editable: editable)
            },
            newHref: SiteURL.submit(language).path, hasItems: !practices.isEmpty)
        return try await request.render("editorial/mine", page, language: language, title: page.heading, section: "submit")
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
        let comments = try await Comments(database: request.db).list(try practice.requireID()).map { Note(author: $0.authorName ?? request.t("editorial.formerMember", language), body: $0.body) }
        return try await render(request, language, PracticeForm(record: practice.record), FormErrors(),
                                action: SiteURL.myPractice(language, slug: practice.slug).path, heading: request.t("editorial.edit", language),
                                comments: comments)
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.submitPractice)
        let practice = try await Self.ownDraft(request)
        let form = (try? request.content.decode(PracticeForm.self)) ?? PracticeForm(record: practice.record)
        let status: PracticeStatus = form.action == "submit" ? .submitted : .draft
        let (record, errors) = form.record(slug: practice.slug, status: status, keeping: practice.record)
        guard errors.isEmpty else {
            return try await render(request, language, form, errors, action: SiteURL.myPractice(language, slug: practice.slug).path,
                                    heading: request.t("editorial.edit", language), status: .unprocessableEntity)
        }
        try await Self.store(record, author: nil, action: status == .submitted ? "submitted" : "saved", request: request)
        return request.redirect(to: SiteURL.myPractices(language).path, redirectType: .normal)
    }
}
