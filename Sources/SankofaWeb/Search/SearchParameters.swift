import SankofaCore
import SankofaStore
import Vapor

/// `/search` parameters, shared by HTML and JSON: `q`, `type`, `language`, `page` (and `perPage` in JSON).
struct SearchParameters: Sendable {
    var request: SearchRequest

    /// The reader's audience and the app's search limits come from `http`.
    init(_ query: QueryParameters, for http: Request, allowPerPage: Bool = false) throws {
        let words = String((query.first("q") ?? "").prefix(PracticeParameters.maxQueryLength))
        // A member's search also finds what members may read of profiles; a visitor's never does.
        request = SearchRequest(query: words, audiences: SearchAudience.visible(to: AccessPolicy.audience(http.actor)))
        request.limits = http.application.settings.searchLimits
        request.kinds = try PracticeParameters.values(query, "type") { SearchKind(rawValue: $0) }
        request.languages = try PracticeParameters.values(query, "language") { Language(rawValue: $0) }
        request.page = try PracticeParameters.number(query, "page", range: 1...PracticeParameters.maxPage) ?? 1
        // "Search instead for …" asks for the words as typed, without correcting them.
        request.corrects = query.first("asTyped") == nil
        if allowPerPage { request.perPage = try PracticeParameters.number(query, "perPage", range: 1...100) ?? 20 }
    }

    /// The words `results` are for (their snippets are marked with): the corrected query's when a
    /// misspelt word was corrected (``SearchResults/correction``), else the request's.
    func terms(of results: SearchResults) -> [SearchTokens.Term] {
        guard let correction = results.correction else { return request.terms }
        var corrected = request
        corrected.query = correction.corrected
        return corrected.terms
    }
}
