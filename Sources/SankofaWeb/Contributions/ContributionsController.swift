import SankofaCore
import SankofaStore
import Vapor

/// Adding, changing and removing an exchange's contributions: its managers and the people taking
/// part (`.addContribution`). A visitor is sent to sign in, an exchange the reader may not know
/// of (or a contribution of another exchange) is a 404, a member not involved gets a 403.
struct ContributionsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.contributionNew, use: newForm)
        routes.post(.contributionNew, use: create)
        routes.get(.contributionEdit, use: editForm)
        routes.post(.contributionEdit, use: update)
        routes.post(.contributionDelete, use: delete)
        routes.get(.contributions, use: ContributionTotalsPage.show)
    }

    /// The exchange of the path, once the reader may add to it.
    func exchange(_ request: Request) async throws -> ExchangeLookup.ExchangeFacts {
        try await request.require(.cooperation(.readExchange(publicSummary: false)))
        let lookup = ExchangeLookup(database: request.db)
        guard let id = request.parameters.get("exchange", as: Int.self), let exchange = try await lookup.exchange(id) else {
            throw Abort(.notFound)
        }
        let standing = try await lookup.standing(of: request.actor, userID: request.user?.id, exchange: exchange)
        try await request.require(.cooperation(.addContribution(standing)))
        return exchange
    }

    func contribution(_ request: Request, _ exchange: ExchangeLookup.ExchangeFacts) async throws -> Contributions.Stored {
        guard let id = request.parameters.get("contribution", as: Int.self),
              let stored = try await Contributions(database: request.db).contribution(id, exchangeID: exchange.id) else { throw Abort(.notFound) }
        return stored
    }

    func newForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let exchange = try await exchange(request)
        return try await render(request, language, exchange, ContributionForm(today: ISODay.format(Date())), errors: FormErrors(), id: nil)
    }

    func create(_ request: Request) async throws -> Response { try await save(request, editing: false) }

    func editForm(_ request: Request) async throws -> Response {
        let language = try request.language()
        let exchange = try await exchange(request)
        let stored = try await contribution(request, exchange)
        return try await render(request, language, exchange, ContributionForm(stored.record, language: language), errors: FormErrors(), id: stored.id)
    }

    func update(_ request: Request) async throws -> Response { try await save(request, editing: true) }

    /// Adds a contribution, or replaces the path's one (`editing`), from the form; the form again,
    /// with the problems by field, when the form or the store refuses it.
    private func save(_ request: Request, editing: Bool) async throws -> Response {
        let language = try request.language()
        let exchange = try await exchange(request)
        let id = editing ? try await contribution(request, exchange).id : nil
        let form = try request.form(ContributionForm.self)
        let (record, formErrors) = form.record(language)
        var errors = formErrors
        if let record {
            let store = Contributions(database: request.db)
            do {
                if let id {
                    _ = try await store.edit(id, exchangeID: exchange.id, record: record, actorID: request.user?.id, now: request.now)
                } else {
                    try await store.add(record, exchangeID: exchange.id, actorID: request.user?.id, now: request.now)
                }
                return request.redirect(to: ContributionsSection.exchangePath(language, exchange.id, done: id == nil ? "added" : "edited"),
                                        redirectType: .normal)
            } catch Contributions.Refusal.invalid(let issues) {
                errors.check(issues)
            }
        }
        return try await render(request, language, exchange, form, errors: errors, id: id, status: .unprocessableEntity)
    }

    func delete(_ request: Request) async throws -> Response {
        let language = try request.language()
        let exchange = try await exchange(request)
        let stored = try await contribution(request, exchange)
        _ = try await Contributions(database: request.db).delete(stored.id, exchangeID: exchange.id, actorID: request.user?.id, now: request.now)
        return request.redirect(to: ContributionsSection.exchangePath(language, exchange.id, done: "deleted"), redirectType: .normal)
    }

    func render(_ request: Request, _ language: Language, _ exchange: ExchangeLookup.ExchangeFacts, _ form: ContributionForm,
                errors: FormErrors, id: Int?, status: HTTPStatus = .ok) async throws -> Response {
        let heading = request.t(id == nil ? "contribution.new" : "contribution.edit", language, ["exchange": exchange.title])
        let action = id.map { SiteURL.contributionEdit(language, exchange: exchange.id, id: $0).path }
            ?? SiteURL.contributionNew(language, exchange: exchange.id).path
        let target = SectionedForm.Target(heading: heading, action: action, viewHref: ContributionsSection.exchangePath(language, exchange.id))
        let texts = SectionedForm.Texts(intro: "contribution.form.intro", submit: "form.save", view: "contribution.back", section: .exchanges)
        let page = SectionedForm(target, texts, sections: form.sections(request, language), errors: errors, offer: nil, request, language)
        return try await request.render(SectionedForm.template, page, language: language, title: heading, section: .exchanges, status: status)
    }
}
