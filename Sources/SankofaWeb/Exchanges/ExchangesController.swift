import Fluent
import SankofaCore
import SankofaStore
import Vapor

/// The exchanges list, an exchange's page, and the two actions of the page: a status change
/// (staff and focal points of its countries) and one side's agreement to the public summary
/// (that side's people and focal points, and staff recording an agreement given elsewhere).
struct ExchangesController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.exchanges, use: list)
        routes.get(.exchange, use: show)
        routes.post(.exchangeStatus, use: changeStatus)
        routes.post(.exchangeAgree, use: agree)
    }

    func list(_ request: Request) async throws -> Response {
        let language = try request.language()
        let query = try QueryParameters(request)
        let filter = try ExchangeList.filter(query), page = try DirectoryListing.page(query)
        let members = request.actor.isMember
        let store = Exchanges(database: request.db)
        let audience: Exchanges.Audience = members ? .members : .everyone
        let result = try await store.list(audience, filter: filter, limit: ExchangeList.perPage, offset: (page - 1) * ExchangeList.perPage)
        var links: [Layout.Link] = []
        if AccessPolicy.allows(request.actor, .cooperation(.seeExchangeCalendar)) {
            links.append(.init(href: SiteURL.exchangesCalendar(language).path, label: request.t("exchange.calendar", language)))
        }
        if AccessPolicy.allows(request.actor, .cooperation(.recordExchange)) {
            links.append(.init(href: SiteURL.exchangeNew(language).path, label: request.t("exchange.new", language)))
        }
        let model = ExchangeList(rows: result.rows, total: result.total, page: page, filter: filter, years: try await store.years(audience),
                                 query: query, members: members, links: links, request, language)
        return try await request.render("exchanges/list", model, language: language, title: model.heading, section: .exchanges)
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await request.readableExchange()
        let page = try await ExchangeShow.make(access, request, language)
        return try await request.render("exchanges/show", page, language: language, title: page.heading, section: .exchanges)
    }

    struct StatusInput: FormInput {
        var status: String
        var note: String
        init(_ body: FormBody) {
            status = body.text("status")
            note = FormText.clean(body.text("note"), limit: 2_000)
        }
    }

    func changeStatus(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await request.memberExchange()
        try await request.require(.manageExchange(access.standing), on: access)
        let input = try request.form(StatusInput.self)
        guard let status = ExchangeStatus(rawValue: input.status) else {
            throw ParameterError(name: "status", reason: .value, value: input.status)
        }
        let userID = try request.user!.requireID(), id = access.facts.id
        try await request.db.atomically { tx in
            guard try await Exchanges(database: tx).changeStatus(id, to: status, actorID: userID, note: input.note, now: request.now) else { return }
            try await AuditLog(database: tx).record(request.auditEntry("exchange.status", target: "exchange:\(id)", detail: status.rawValue))
            try await Exchanges(database: tx).tellUpdate(id, actorID: userID, statusKey: status.labelKey, now: request.now,
                                                         links: .site(request.application.settings.baseURL))
        }
        return request.redirect(to: SiteURL.exchange(language, id: id).path + "?done=status", redirectType: .normal)
    }

    struct AgreeInput: FormInput {
        var side: String
        var agree: String
        init(_ body: FormBody) {
            side = body.text("side")
            agree = body.text("agree")
        }
    }

    func agree(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await request.memberExchange()
        let input = try request.form(AgreeInput.self)
        guard let side = ExchangeSide(rawValue: input.side), side != .partner, ["yes", "no"].contains(input.agree) else {
            throw ParameterError(name: "side", reason: .value, value: input.side)
        }
        try await request.require(.agreeToPublicSummary(side, access.standing), on: access)
        let userID = try request.user!.requireID(), id = access.facts.id, agreed = input.agree == "yes"
        try await request.db.atomically { tx in
            try await Exchanges(database: tx).agree(id, side: side, agreed: agreed, actorID: userID, now: request.now)
            try await AuditLog(database: tx).record(request.auditEntry(agreed ? "exchange.agreed" : "exchange.agreement_withdrawn",
                                                                       target: "exchange:\(id)", detail: side.rawValue))
            if agreed {
                try await Exchanges(database: tx).tellAgreement(id, side: side, actorID: userID, now: request.now,
                                                                links: .site(request.application.settings.baseURL))
            }
        }
        return request.redirect(to: SiteURL.exchange(language, id: id).path + "?done=\(agreed ? "agreed" : "withdrawn")", redirectType: .normal)
    }
}
