import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// Filing a request and changing its text: a vetted member files one (saved as a draft, or
/// submitted at once for endorsement); its requester changes it while draft or submitted, staff
/// until it closes. The form is checked on the server and comes back with every value kept and
/// each error next to its field.
struct RequestFormController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.requestNew, use: newForm)
        routes.post(.requestNew, use: create)
        routes.get(.requestEdit, use: editForm)
        routes.post(.requestEdit, use: update)
    }

    func newForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        _ = try await request.requireRequestsMember()
        return try await render(request, language, RequestForm(language: language, country: request.actor.country), access: nil, errors: FormErrors())
    }

    func create(_ request: Request) async throws -> Response {
        let language = try request.language()
        let userID = try await request.requireRequestsMember()
        let form = try request.form(RequestForm.self)
        let errors = form.errors()
        guard errors.isEmpty, let record = form.record() else {
            return try await render(request, language, form, access: nil, errors: errors, status: .unprocessableEntity)
        }
        let submit = form.action == "submit"
        let id = try await request.db.atomically { tx in
            let id = try await Requests(database: tx).create(record, requesterID: userID, now: request.now)
            if submit { try await Self.submit(request, id: id, userID: userID, on: tx) }
            return id
        }
        return request.redirect(to: SiteURL.request(language, id: id).path + "?done=saved", redirectType: .normal)
    }

    func editForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await editable(request)
        guard let detail = try await Requests(database: request.db).detail(access.facts.id) else { throw Abort(.notFound) }
        return try await render(request, language, RequestForm(detail.record), access: access, errors: FormErrors())
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await editable(request)
        let form = try request.form(RequestForm.self)
        let errors = form.errors()
        guard errors.isEmpty, var record = form.record(),
              let stored = try await Requests(database: request.db).detail(access.facts.id) else {
            return try await render(request, language, form, access: access, errors: errors, status: .unprocessableEntity)
        }
        record.demo = stored.record.demo
        let changed = record
        let submit = form.action == "submit" && access.allows(.stepRequest(.submit, access.facts.status, access.standing))
        try await request.db.atomically { tx in
            try await Requests(database: tx).update(access.facts.id, changed, now: request.now)
            if submit { try await Self.submit(request, id: access.facts.id, userID: access.userID, on: tx) }
        }
        return request.redirect(to: SiteURL.request(language, id: access.facts.id).path + "?done=saved", redirectType: .normal)
    }

    /// Sends a draft for endorsement and tells the country's focal points and staff.
    static func submit(_ request: Request, id: Int, userID: UUID, on tx: any Database) async throws {
        guard let to = try await Requests(database: tx).takeStep(.submit, requestID: id, actorID: userID, now: request.now),
              let facts = try await RequestLookup(database: tx).request(id) else { return }
        try await request.cooperationNotices(tx).stepTaken(.submit, request: facts, to: to, actorID: userID, now: request.now)
    }

    /// A request the reader may read and change (a 404 when they may not read it, a 403 when they
    /// may read but not change it).
    func editable(_ request: Request) async throws -> RequestAccess {
        let access = try await request.readableRequest()
        try await request.require(.cooperation(.editRequest(access.facts.status, access.standing)))
        return access
    }

    func render(_ request: Request, _ language: Language, _ form: RequestForm, access: RequestAccess?, errors: FormErrors,
                status: HTTPStatus = .ok) async throws -> Response {
        let mayDraft = access.map { $0.facts.status == .draft } ?? true
        let page = RequestFormPage(request: request, language: language, form: form, errors: errors,
                                   action: access.map { SiteURL.requestEdit(language, id: $0.facts.id).path } ?? SiteURL.requestNew(language).path,
                                   viewHref: access.map { SiteURL.request(language, id: $0.facts.id).path } ?? SiteURL.requests(language).path,
                                   isNew: access == nil, offersSubmit: mayDraft && (access?.standing.isRequester ?? true))
        return try await request.render("requests/form", page, language: language, title: page.heading, section: .requests, status: status)
    }
}
