import SankofaCore
import SankofaStore
import Vapor

/// Search across the platform: `/{lang}/search` in HTML and `/api/v1/search` in JSON, one index.
struct SearchController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        routes.get(.search, use: page)
        routes.get(.apiSearch, use: api)
    }

    func page(_ request: Request) async throws -> Response {
        let language = try request.language()
        let query = try QueryParameters(request)
        let parameters = try SearchParameters(query, for: request)
        let results = try await request.application.siteMetrics.timeSearch(.html) {
            try await searchIndex(on: request.db).searchCorrecting(parameters.request, preferring: language)
        }
        var page = SearchPage(results: results, parameters: parameters, query: query, language: language, request: request)
        page.forum = try await ForumSearchSection.make(parameters, query: query, language: language, request: request)
        // "Nothing matches" would contradict the forum's hits below.
        if page.forum != nil && page.hits.isEmpty { page.emptyMessage = nil }
        return try await request.render("search/index", page, language: language, title: page.heading, section: .search)
    }

    struct HitDTO: Content {
        var type: String
        var slug: String
        var language: String
        var title: String
        var snippet: String
        var url: String
        var score: Double
        /// Found only through the query's concept in another language (the thesaurus), ranked below the rest.
        var throughConcept: Bool
    }

    struct FacetDTO: Content {
        var value: String
        var count: Int
        /// "gte" when more records match than were counted.
        var relation: String
    }

    struct ResultsDTO: Content {
        var query: String
        /// Set when the results are for this corrected query instead (a misspelt word).
        var correctedQuery: String?
        var total: Int
        var totalRelation: String
        var page: Int
        var perPage: Int
        var items: [HitDTO]
        var facets: [String: [FacetDTO]]
    }

    func api(_ request: Request) async throws -> Response {
        let query = try QueryParameters(request)
        let parameters = try SearchParameters(query, for: request, allowPerPage: true)
        let language = try PracticesAPIController.language(query)
        let results = try await request.application.siteMetrics.timeSearch(.api) {
            try await searchIndex(on: request.db).searchCorrecting(parameters.request, preferring: language)
        }
        let base = request.application.settings.baseURL
        let terms = parameters.terms(of: results)
        func facet(_ counts: [String: Int], atLeast: Set<String>) -> [FacetDTO] {
            counts.sorted { ($0.value, $1.key) > ($1.value, $0.key) }
                .map { .init(value: $0.key, count: $0.value, relation: atLeast.contains($0.key) ? "gte" : "eq") }
        }
        let body = ResultsDTO(
            query: parameters.request.query, correctedQuery: results.correction?.corrected, total: results.total, totalRelation: results.totalIsExact ? "eq" : "gte",
            page: parameters.request.page, perPage: parameters.request.perPage,
            items: results.hits.map {
                HitDTO(type: $0.kind.rawValue, slug: $0.slug, language: $0.language.rawValue, title: $0.title,
                       snippet: Snippet.plain(Snippet.make($0.body, terms: terms.withAlternatives)),
                       url: base + SiteURL.hit($0.kind, $0.language, slug: $0.slug).path, score: $0.rank,
                       throughConcept: $0.isThroughConcept)
            },
            facets: ["type": facet(results.kinds, atLeast: results.kindsAtLeast),
                     "language": facet(results.languages, atLeast: results.languagesAtLeast)])
        return try await body.encodeResponse(for: request)
    }
}
