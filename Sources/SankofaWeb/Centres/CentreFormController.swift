import SankofaCore
import SankofaStore
import Vapor

/// Adding and editing Centres of Excellence: the centre's staff (editors and admins), as the
/// access policy's `manageDirectory` says. A centre saved is public at once and indexed for
/// search in the same transaction; each save is in the audit log.
struct CentreFormController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.centreNew, use: newForm)
        routes.post(.centreNew, use: create)
        routes.get(.centreEdit, use: editForm)
        routes.post(.centreEdit, use: update)
    }

    func newForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.manageDirectory)
        let start = CentreRecord(slug: "new", originalLanguage: language, country: request.actor.country ?? "", type: .academic,
                                 translations: LanguageMap())
        return try await CentreFormFlow(request: request, language: language).show(CentreForm(record: start), newTarget(request, language))
    }

    func create(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.manageDirectory)
        return try await CentreFormFlow(request: request, language: language).submit(newTarget(request, language), editing: nil)
    }

    func editable(_ request: Request) async throws -> StoredCentre {
        try await request.require(.manageDirectory)
        guard let slug = request.parameters.get("slug"), Slug.isValid(slug),
              let centre = try await CentreStore(database: request.db).find(slug: slug) else { throw Abort(.notFound) }
        return centre
    }

    func editForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let centre = try await editable(request)
        return try await CentreFormFlow(request: request, language: language)
            .show(CentreForm(record: centre.record), editTarget(request, language, centre.record.slug))
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        let centre = try await editable(request)
        return try await CentreFormFlow(request: request, language: language)
            .submit(editTarget(request, language, centre.record.slug), editing: centre.record)
    }

    func newTarget(_ request: Request, _ language: Language) -> SectionedForm.Target {
        SectionedForm.Target(heading: request.t("centre.new", language), action: SiteURL.centreNew(language).path)
    }

    func editTarget(_ request: Request, _ language: Language, _ slug: String) -> SectionedForm.Target {
        SectionedForm.Target(heading: request.t("centre.edit", language), action: SiteURL.centreEdit(language, slug: slug).path,
                             viewHref: SiteURL.centre(language, slug: slug).path)
    }
}
