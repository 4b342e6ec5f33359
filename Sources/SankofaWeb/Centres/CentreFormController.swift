import Fluent
import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// Adding and editing Centres of Excellence: the centre's staff (editors and admins), as the
/// access policy's `manageDirectory` says. A centre saved is public at once and indexed for
/// search in the same transaction; each save is in the audit log.
struct CentreFormController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(":lang", "centres", "new", use: newForm)
        routes.post(":lang", "centres", "new", use: create)
        routes.get(":lang", "centres", ":slug", "edit", use: editForm)
        routes.post(":lang", "centres", ":slug", "edit", use: update)
    }

    struct Target { var heading: String; var action: String; var viewHref: String? }

    /// Every profile (staff see them all) as (slug, name): the focal point's choices, and what
    /// the linked experts are checked against. Read once a request.
    func people(_ request: Request, _ language: Language) async throws -> [(slug: String, name: String)] {
        try await ExpertStore(database: request.db).all()
            .map { (slug: $0.record.slug, name: $0.record.name) }
            .sorted { $0.name.compare($1.name, locale: language.locale) == .orderedAscending }
    }

    func render(_ request: Request, _ language: Language, _ form: CentreForm, errors: FormErrors = .init(), _ target: Target,
                people known: [(slug: String, name: String)]? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let people: [(slug: String, name: String)]
        if let known { people = known } else { people = try await self.people(request, language) }
        var sections = form.sections(request, language, people: people)
        for index in sections.indices { errors.apply(to: &sections[index].fields, request, language) }
        let page = ProfileController.Page(
            heading: target.heading, intro: request.t("centre.form.intro", language),
            message: errors.isEmpty ? nil : request.t("form.fix", language), action: target.action, csrf: try await request.csrfToken(),
            sections: sections, submit: request.t("centre.save", language), viewHref: target.viewHref,
            viewLabel: request.t("centre.view", language), claimAction: nil, claimText: nil)
        return try await request.render("directory/form", page, language: language, title: target.heading, section: "centres", status: status)
    }

    func newForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.manageDirectory)
        let start = CentreRecord(slug: "new", originalLanguage: language, country: request.actor.country ?? "", type: .academic,
                                 translations: LanguageMap())
        return try await render(request, language, CentreForm(record: start), newTarget(request, language))
    }

    func create(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.manageDirectory)
        let form = try CentreForm(body: request.body.string)
        let people = try await people(request, language)
        // The slug is chosen when saving (NewSlug); the fallback only lets the form be checked.
        let (record, errors) = try await checked(form, slug: NewSlug.Table.centres.fallback, keeping: nil, people: people, request, language)
        guard errors.isEmpty else {
            return try await render(request, language, form, errors: errors, newTarget(request, language), people: people,
                                    status: .unprocessableEntity)
        }
        let slug = try await save(record, action: "centre.created", request, newSlugFrom: form.text("name"))
        return request.redirect(to: SiteURL.centre(language, slug: slug).path, redirectType: .normal)
    }

    func editable(_ request: Request) async throws -> StoredCentre {
        try await request.require(.manageDirectory)
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug),
              let centre = try await CentreStore(database: request.db).centre(slug: slug) else { throw Abort(.notFound) }
        return centre
    }

    func editForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let centre = try await editable(request)
        return try await render(request, language, CentreForm(record: centre.record), editTarget(request, language, centre.record.slug))
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        let centre = try await editable(request)
        let form = try CentreForm(body: request.body.string)
        let people = try await people(request, language)
        let (record, errors) = try await checked(form, slug: centre.record.slug, keeping: centre.record, people: people, request, language)
        guard errors.isEmpty else {
            var target = editTarget(request, language, centre.record.slug)
            target.viewHref = nil
            return try await render(request, language, form, errors: errors, target, people: people, status: .unprocessableEntity)
        }
        try await save(record, action: "centre.updated", request)
        return request.redirect(to: SiteURL.centre(language, slug: record.slug).path, redirectType: .normal)
    }

    /// The form's record, its links checked against the profiles and the published practices.
    func checked(_ form: CentreForm, slug: String, keeping existing: CentreRecord?, people: [(slug: String, name: String)],
                 _ request: Request, _ language: Language) async throws -> (CentreRecord, FormErrors) {
        let experts = Set(people.map(\.slug))
        let typed = Array(form.slugs("practices").prefix(501))
        let practices = Set(try await PracticeStore(database: request.db).publishedTitles(typed, in: language).map(\.slug))
        return form.record(slug: slug, keeping: existing, experts: experts, practices: practices)
    }

    /// Saves and audits in one transaction; `newSlugFrom`, for a new centre, is the name its slug
    /// is made from there (``NewSlug``). Returns the slug saved.
    @discardableResult
    func save(_ record: CentreRecord, action: String, _ request: Request, newSlugFrom name: String? = nil) async throws -> String {
        try await request.db.transaction { tx in
            var record = record
            if let name {
                record.slug = try await NewSlug.choose(.centres, for: name, on: tx)
            }
            _ = try await CentreStore(database: tx).save(record)
            try await AuditLog(database: tx).record(request.auditEntry(action, target: record.slug, user: request.user))
            return record.slug
        }
    }

    func newTarget(_ request: Request, _ language: Language) -> Target {
        Target(heading: request.t("centre.new", language), action: SiteURL.centreNew(language).path, viewHref: nil)
    }

    func editTarget(_ request: Request, _ language: Language, _ slug: String) -> Target {
        Target(heading: request.t("centre.edit", language), action: SiteURL.centreEdit(language, slug: slug).path,
               viewHref: SiteURL.centre(language, slug: slug).path)
    }
}
