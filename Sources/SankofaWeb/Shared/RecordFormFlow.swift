import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// Writing a record through a sectioned form: a profile, a centre, a course, and the next kinds
/// (forum topics, requests). A kind says what differs: its form, what the form offers to choose
/// from, its checks and its store. The rest is the same for every kind: a refused form comes
/// back (422) with what was typed and each error next to its field; an accepted one is saved and
/// audited in one transaction, and the reader is sent to the record's page.
protocol RecordFormFlow: Sendable {
    associatedtype Form: RecordFormInput
    associatedtype Record: SluggedRecord
    /// What the form offers to choose from and is checked against (the profiles for a centre's
    /// focal point, the centres offering a course), read once a request.
    associatedtype Choices: Sendable = Void

    var request: Request { get }
    var language: Language { get }

    static var texts: SectionedForm.Texts { get }
    /// The audit log's name of the kind: its actions are `<name>.created` and `<name>.updated`.
    static var auditName: String { get }
    /// The field a new record's slug is made from, and the slug that stands for it while the form
    /// is checked (the slug is chosen when saving, ``NewSlug``).
    static var titleField: String { get }
    static var provisionalSlug: String { get }

    func choices() async throws -> Choices
    func sections(_ form: Form, _ choices: Choices) async throws -> [SectionedForm.Section]
    /// The record the form describes, kept at `slug`, and what is wrong with it. `existing` is the
    /// record edited, nil for a new one.
    func checked(_ form: Form, slug: String, keeping existing: Record?, _ choices: Choices) async throws -> (Record, FormErrors)
    /// Saves a new record in the transaction `database`, under a slug made from `title` there.
    /// `created` is false when nothing was written: the record this form made already (the same
    /// form sent twice at once), whose slug is returned.
    func create(_ record: Record, slugFrom title: String, on database: any Database) async throws -> (slug: String, created: Bool)
    /// Saves an edited record in the transaction `database`; returns its slug.
    func update(_ record: Record, on database: any Database) async throws -> String
    /// The record's page, where a saved form leads.
    func recordPage(slug: String) -> SiteURL
}

extension RecordFormFlow where Choices == Void {
    func choices() async throws {}
}

extension RecordFormFlow {
    /// The form as stored (or empty), to be filled in.
    func show(_ form: Form, _ target: SectionedForm.Target, offer: SectionedForm.Offer? = nil) async throws -> Response {
        try await render(form, target, try await choices(), offer: offer)
    }

    /// The posted form, checked, then saved and audited; `existing` is the record edited, nil
    /// for a new one.
    func submit(_ target: SectionedForm.Target, editing existing: Record?) async throws -> Response {
        let form = try request.form(Form.self)
        let choices = try await choices()
        // Sent by a field's search button (``FormField/refine``): drawn again as typed, not saved.
        if form.body.has("refine") { return try await render(form, target, choices) }
        let (record, errors) = try await checked(form, slug: existing?.slug ?? Self.provisionalSlug, keeping: existing, choices)
        guard errors.isEmpty else {
            var target = target
            target.viewHref = nil
            return try await render(form, target, choices, errors: errors, status: .unprocessableEntity)
        }
        let title = form.text(Self.titleField)
        let request = request
        let slug = try await request.db.atomically { database in
            let (slug, written) = existing == nil
                ? try await create(record, slugFrom: title, on: database)
                : (try await update(record, on: database), true)
            if written {
                let action = "\(Self.auditName).\(existing == nil ? "created" : "updated")"
                try await AuditLog(database: database).record(request.auditEntry(action, target: slug, user: request.user))
            }
            return slug
        }
        return request.redirect(to: recordPage(slug: slug).path, redirectType: .normal)
    }

    func render(_ form: Form, _ target: SectionedForm.Target, _ choices: Choices, errors: FormErrors = .init(),
                offer: SectionedForm.Offer? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let page = SectionedForm(target, Self.texts, sections: try await sections(form, choices), errors: errors, offer: offer,
                                 request, language)
        return try await request.render(SectionedForm.template, page, language: language, title: target.heading,
                                        section: Self.texts.section, status: status)
    }
}
