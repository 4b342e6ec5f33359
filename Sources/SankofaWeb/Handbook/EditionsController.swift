import Fluent
import Foundation
import SankofaCore
import SankofaPublish
import SankofaStore
import Vapor

/// The editors' side of the Handbook: create an edition, change it, compile it (freeze its
/// practices and build its files in the background, progress shown on its page), publish it.
struct EditionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.editions, use: list)
        routes.get(.newEdition, use: newForm)
        routes.post(.newEdition, use: create)
        routes.get(.edition, use: show)
        routes.post(.edition, use: update)
        routes.post(.compileEdition, use: compile)
        routes.post(.publishEdition, use: publish)
    }

    func list(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.compileHandbook)
        let editions = try await EditionStore(database: request.db).list(publishedOnly: false)
        let page = EditionListPage(
            heading: request.t("handbook.editions", language), newHref: SiteURL.newEdition(language).path,
            editions: editions.map {
                .init(title: HandbookController.title($0, language, request), label: HandbookController.label($0, language, request),
                      status: request.t($0.editionStatus.labelKey, language), href: SiteURL.edition(language, edition: $0.slug).path)
            })
        return try await request.render("handbook/editions", page, language: language, title: page.heading, section: .handbook)
    }

    func newForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.compileHandbook)
        var form = EditionForm()
        form.year = String(Calendar(identifier: .gregorian).component(.year, from: Date()))
        form.number = "1"
        return try await renderForm(request, language, form, edition: nil, errors: [:])
    }

    func create(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.compileHandbook)
        let form = (try? request.content.decode(EditionForm.self)) ?? EditionForm()
        do {
            let edition = try await EditionStore(database: request.db).create(form.draft)
            try await AuditLog(database: request.db).record(request.auditEntry("handbook.create", target: edition.slug))
            return request.redirect(to: SiteURL.edition(language, edition: edition.slug).path, redirectType: .normal)
        } catch EditionStoreError.invalid(let issues) {
            return try await renderForm(request, language, form, edition: nil, errors: Self.errors(issues), status: .unprocessableEntity)
        }
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.compileHandbook)
        let edition = try await Self.edition(request)
        return try await renderForm(request, language, EditionForm(edition), edition: edition, errors: [:])
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.compileHandbook)
        let edition = try await Self.edition(request)
        let form = (try? request.content.decode(EditionForm.self)) ?? EditionForm()
        do {
            try await EditionStore(database: request.db).update(edition, with: form.draft)
            return request.redirect(to: SiteURL.edition(language, edition: edition.slug).path, redirectType: .normal)
        } catch EditionStoreError.invalid(let issues) {
            return try await renderForm(request, language, form, edition: edition, errors: Self.errors(issues), status: .unprocessableEntity)
        }
    }

    /// Freezes the practices now, in the request; builds the files in the background.
    func compile(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.compileHandbook)
        let edition = try await Self.edition(request)
        do {
            try await EditionStore(database: request.db).compile(edition)
        } catch EditionStoreError.invalid(let issues) {
            return try await renderForm(request, language, EditionForm(edition), edition: edition, errors: Self.errors(issues), status: .unprocessableEntity)
        }
        try await AuditLog(database: request.db).record(request.auditEntry("handbook.compile", target: edition.slug))
        let app = request.application
        let slug = edition.slug
        try await EditionStore(database: request.db).recordProgress(edition, state: .building, done: 0,
                                                                     total: Language.allCases.count * app.handbook.formats.count)
        await app.handbookBuilds.start(slug) {
            do {
                guard let model = try await EditionStore(database: app.db).find(slug: slug, publishedOnly: false) else { return }
                _ = try await HandbookService(app).build(model, languages: Language.displayOrder, formats: app.handbook.formats)
            } catch {
                app.logger.error("handbook build of \(slug) failed: \(String(reflecting: error))")
            }
        }
        return request.redirect(to: SiteURL.edition(language, edition: slug).path, redirectType: .normal)
    }

    func publish(_ request: Request) async throws -> Response {
        let language = try request.language()
        try await request.require(.compileHandbook)
        let edition = try await Self.edition(request)
        do {
            try await EditionStore(database: request.db).publish(edition)
        } catch EditionStoreError.invalid(let issues) {
            return try await renderForm(request, language, EditionForm(edition), edition: edition, errors: Self.errors(issues), status: .unprocessableEntity)
        }
        try await AuditLog(database: request.db).record(request.auditEntry("handbook.publish", target: edition.slug))
        return request.redirect(to: SiteURL.edition(language, edition: edition.slug).path, redirectType: .normal)
    }

    static func edition(_ request: Request) async throws -> EditionModel {
        guard let slug = request.parameters.get("edition"),
              let edition = try await EditionStore(database: request.db).find(slug: slug, publishedOnly: false) else { throw Abort(.notFound) }
        return edition
    }

    static func errors(_ issues: [EditionIssue]) -> [String: String] {
        var errors: [String: String] = [:]
        for issue in issues where errors[issue.field] == nil { errors[issue.field] = issue.messageKey }
        return errors
    }

    func renderForm(_ request: Request, _ language: Language, _ form: EditionForm, edition: EditionModel?,
                    errors: [String: String], status: HTTPStatus = .ok) async throws -> Response {
        let page = try await EditionPage(request, language, form, edition: edition, errors: errors)
        let response = try await request.render("handbook/edition", page, language: language, title: page.heading, section: .handbook, status: status)
        // No script: while the files are being built the page asks the browser to reload it.
        if page.building { response.headers.replaceOrAdd(name: "Refresh", value: "3") }
        return response
    }
}
