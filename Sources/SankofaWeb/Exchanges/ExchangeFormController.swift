import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// Recording an exchange: staff record one directly (past ones too); from a request's accepted
/// match (`?match=ID`) its match managers (staff, the beneficiary country's focal point) record it
/// with the form filled from the request and the match. Changing one: staff and focal points of
/// its countries. A refused form comes back with each error by its field and a 422.
struct ExchangeFormController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.exchangeNew, use: new)
        routes.post(.exchangeNew, use: create)
        routes.get(.exchangeEdit, use: edit)
        routes.post(.exchangeEdit, use: update)
    }

    /// Who may record, and from which match: nil without `?match=`; a match that is unknown or not
    /// accepted is a 404, one whose request the reader does not manage a 403.
    private func origin(_ request: Request) async throws -> (seed: Exchanges.MatchSeed?, detail: Requests.Detail?) {
        try await request.require(.cooperation(.fileRequest))
        guard let raw = try QueryParameters(request).first("match") else {
            try await request.require(.cooperation(.recordExchange))
            return (nil, nil)
        }
        guard let matchID = Int(raw), matchID > 0, let seed = try await Exchanges(database: request.db).seed(fromMatch: matchID),
              let detail = try await Requests(database: request.db).detail(seed.requestID) else { throw Abort(.notFound) }
        let standing = try await RequestLookup(database: request.db).standing(of: request.actor, userID: request.user?.id, request: detail.facts)
        try await request.require(.cooperation(.startExchange(detail.facts.status, standing)))
        return (seed, detail)
    }

    func new(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (seed, detail) = try await origin(request)
        var form = ExchangeForm(language: language)
        if let seed, let detail { form.fill(from: detail.record, seed: seed) }
        return try await render(request, language, form, errors: FormErrors(), action: SiteURL.exchangeNew(language, match: matchID(request)).path,
                                viewHref: detail.map { SiteURL.request(language, id: $0.facts.id).path }, status: .ok)
    }

    func create(_ request: Request) async throws -> Response {
        let language = try request.language()
        let (seed, _) = try await origin(request)
        let form = try request.form(ExchangeForm.self)
        let action = SiteURL.exchangeNew(language, match: try matchID(request)).path
        let (record, errors) = form.record(requestID: seed?.requestID, demo: false)
        guard let record else { return try await render(request, language, form, errors: errors, action: action, viewHref: nil, status: .unprocessableEntity) }
        let userID = try request.user!.requireID()
        let id: Int
        do {
            id = try await request.db.atomically { tx in
                let id = try await Exchanges(database: tx).create(record, createdBy: userID, matchID: try matchID(request), now: request.now)
                try await AuditLog(database: tx).record(request.auditEntry("exchange.created", target: "exchange:\(id)"))
                try await Exchanges(database: tx).tellUpdate(id, actorID: userID, statusKey: record.status.labelKey, now: request.now,
                                                             links: .site(request.application.settings.baseURL))
                return id
            }
        } catch Exchanges.StoreError.invalid(let issues) {
            return try await render(request, language, form, errors: ExchangeForm.errors(issues, rows: form.rows), action: action, viewHref: nil,
                                    status: .unprocessableEntity)
        } catch Exchanges.StoreError.matchNotAccepted {
            throw Abort(.notFound)
        }
        return request.redirect(to: SiteURL.exchange(language, id: id).path, redirectType: .normal)
    }

    func edit(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await request.memberExchange()
        try await request.require(.manageExchange(access.standing), on: access)
        guard let record = try await Exchanges(database: request.db).record(access.facts.id) else { throw Abort(.notFound) }
        return try await render(request, language, ExchangeForm(record), errors: FormErrors(), action: SiteURL.exchangeEdit(language, id: access.facts.id).path,
                                viewHref: SiteURL.exchange(language, id: access.facts.id).path, status: .ok, editing: true)
    }

    func update(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await request.memberExchange()
        try await request.require(.manageExchange(access.standing), on: access)
        let id = access.facts.id
        var form = try request.form(ExchangeForm.self)
        form.status = access.facts.status.rawValue
        let action = SiteURL.exchangeEdit(language, id: id).path, view = SiteURL.exchange(language, id: id).path
        let (record, errors) = form.record(requestID: access.facts.requestID, demo: false)
        guard let record else { return try await render(request, language, form, errors: errors, action: action, viewHref: view, status: .unprocessableEntity, editing: true) }
        let userID = try request.user!.requireID()
        do {
            try await request.db.atomically { tx in
                try await Exchanges(database: tx).update(id, record, actorID: userID, now: request.now)
                try await AuditLog(database: tx).record(request.auditEntry("exchange.updated", target: "exchange:\(id)"))
                try await Exchanges(database: tx).tellUpdate(id, actorID: userID, statusKey: nil, now: request.now,
                                                             links: .site(request.application.settings.baseURL))
            }
        } catch Exchanges.StoreError.invalid(let issues) {
            return try await render(request, language, form, errors: ExchangeForm.errors(issues, rows: form.rows), action: action, viewHref: view,
                                    status: .unprocessableEntity, editing: true)
        }
        return request.redirect(to: view + "?done=edited", redirectType: .normal)
    }

    private func matchID(_ request: Request) throws -> Int? { try QueryParameters(request).first("match").flatMap(Int.init) }

    private func render(_ request: Request, _ language: Language, _ form: ExchangeForm, errors: FormErrors, action: String, viewHref: String?,
                        status: HTTPStatus, editing: Bool = false) async throws -> Response {
        let heading = request.t(editing ? "exchange.edit" : "exchange.new", language)
        let texts = SectionedForm.Texts(intro: editing ? "exchange.edit.intro" : "exchange.new.intro", submit: "exchange.save",
                                        view: "exchange.back", section: .exchanges)
        let page = SectionedForm(.init(heading: heading, action: action, viewHref: viewHref), texts,
                                 sections: form.sections(request, language, withStatus: !editing), errors: errors, offer: nil, request, language)
        return try await request.render(SectionedForm.template, page, language: language, title: heading, section: .exchanges, status: status)
    }
}

extension ExchangeForm {
    /// The request's words and the accepted match: the beneficiary's row, the provider's (the
    /// invited expert or centre with their country), type, themes, pillars and dates.
    mutating func fill(from request: RequestRecord, seed: Exchanges.MatchSeed) {
        title = request.title
        language = request.language.rawValue
        type = request.supportKinds.compactMap { ExchangeType(rawValue: $0.rawValue) }.first?.rawValue ?? ""
        themes = request.themes.map(\.rawValue)
        pillars = request.pillars.map { String($0.rawValue) }
        startsOn = request.startsOn ?? ""
        endsOn = request.endsOn ?? ""
        online = request.modality == .online ? "yes" : "no"
        rows = [Row(side: ExchangeSide.provider.rawValue, country: seed.country ?? "", expert: seed.expert ?? "", centre: seed.centre ?? ""),
                Row(side: ExchangeSide.beneficiary.rawValue, country: request.beneficiaryCountry, institution: request.beneficiaryInstitution)]
    }
}
