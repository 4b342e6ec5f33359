import SankofaCore
import SankofaStore
import Vapor

/// The requests for expertise: the list and a request's page. Writing them is
/// ``RequestFormController``'s; steps and comments, ``RequestStepController``'s.
struct RequestsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.requests, use: list)
        routes.get(.request, use: show)
    }

    func list(_ request: Request) async throws -> Response {
        let language = try request.language()
        let userID = try await request.requireRequestsMember()
        let query = try QueryParameters(request)
        let actor = request.actor
        let tabs = RequestList.tabs(for: actor)
        let tab: RequestList.TabKind
        if let raw = query.first("tab") {
            guard let chosen = RequestList.TabKind(rawValue: raw), tabs.contains(chosen) else {
                throw ParameterError(name: "tab", reason: .value, value: raw)
            }
            tab = chosen
        } else {
            tab = tabs.contains(.all) ? .all : tabs.contains(.country) ? .country : .mine
        }
        let filter = try Self.filter(query)
        let page = try DirectoryListing.page(query)
        let (rows, total) = try await Requests(database: request.db).list(
            RequestList.scope(tab, actor: actor, userID: userID), filter: filter,
            limit: RequestList.perPage, offset: (page - 1) * RequestList.perPage)
        let model = RequestList(request: request, language: language, tab: tab, tabs: tabs, query: query, filter: filter,
                                rows: rows, total: total, page: page)
        return try await request.render("requests/list", model, language: language, title: model.heading, section: .requests)
    }

    /// Filters by status, country and theme; a value that is none of those offered is a 400.
    static func filter(_ query: QueryParameters) throws -> Requests.Filter {
        var filter = Requests.Filter()
        if let raw = query.first("status") {
            guard let status = RequestStatus(rawValue: raw) else { throw ParameterError(name: "status", reason: .value, value: raw) }
            filter.status = status
        }
        if let raw = query.first("country") {
            guard raw.count == 2, Countries.isValid(raw) else { throw ParameterError(name: "country", reason: .value, value: raw) }
            filter.country = raw.uppercased()
        }
        if let raw = query.first("theme") {
            guard let theme = Theme(rawValue: raw) else { throw ParameterError(name: "theme", reason: .value, value: raw) }
            filter.theme = theme
        }
        return filter
    }

    func show(_ request: Request) async throws -> Response {
        let language = try request.language()
        let access = try await request.readableRequest()
        return try await Self.render(request, language, access)
    }

    /// The page, also after a step or comment that needs fixing (`status` 422, what was typed kept).
    static func render(_ request: Request, _ language: Language, _ access: RequestAccess, comment: String = "",
                       commentError: String? = nil, stepError: String? = nil, status: HTTPStatus = .ok) async throws -> Response {
        let requests = Requests(database: request.db)
        guard let detail = try await requests.detail(access.facts.id) else { throw Abort(.notFound) }
        let model = RequestShow(request: request, language: language, access: access, detail: detail,
                                events: try await requests.history(access.facts.id), comment: comment,
                                commentError: commentError.map { request.t($0, language) }, stepError: stepError.map { request.t($0, language) })
        return try await request.render("requests/show", model, language: language, title: detail.record.title, section: .requests, status: status)
    }
}
