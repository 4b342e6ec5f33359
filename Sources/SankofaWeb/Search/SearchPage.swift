import SankofaCore
import SankofaStore
import Vapor

/// The search page: the box, hits with highlighted snippets, type and language facets.
struct SearchPage: Encodable, Sendable {
    struct Hit: Encodable, Sendable {
        var href: String
        var title: String
        var lang: String
        var dir: String
        var kind: String
        var language: String
        /// Set when the hit was found only through another language's term for the query's concept.
        var throughConcept: String?
        /// Escaped HTML (``Snippet/html(_:)``), shown with `#unsafeHTML`: a loop over the
        /// segments in the template cost more than the rest of the hit.
        var snippetHTML: String
    }

    var heading: String
    var query: String
    var action: String
    var hiddenFilters: [PracticeList.Option]
    var resultSummary: String?
    var hits: [Hit]
    var facets: [PracticeList.FacetGroup]
    var filtersLabel: String
    var emptyMessage: String?
    var pagination: Pagination
    /// "Showing results for …" and the link to the words as typed, when a misspelt word was corrected.
    var correction: Correction?

    struct Correction: Encodable, Sendable {
        var showing: String
        var instead: String
        var insteadHref: String
    }
    /// Forum threads matching the words that the reader may read, in a section of their own.
    var forum: ForumSearchSection?

    init(results: SearchResults, parameters: SearchParameters, query: QueryParameters, language: Language, request: Request) {
        let base = SiteURL.search(language).path
        func link(_ q: String) -> String { q.isEmpty ? base : "\(base)?\(q)" }
        let withoutPage = QueryParameters(pairs: query.pairs.filter { $0.name != "page" })
        let terms = parameters.terms(of: results)

        heading = request.t("search.heading", language)
        self.query = parameters.request.query
        action = base
        hiddenFilters = withoutPage.pairs.filter { $0.name != "q" && $0.name != "forumPage" && $0.name != "asTyped" }.map { PracticeList.Option(value: $0.value, label: $0.name, selected: false) }
        let searched = !terms.isEmpty
        let catalogs = request.application.catalogs
        resultSummary = !searched ? nil : results.totalIsExact
            ? catalogs.plural("search.count", count: results.total, language)
            : catalogs.plural("search.countAtLeast", count: results.total, language)
        hits = results.hits.map { hit in
            Hit(href: SiteURL.hit(hit.kind, hit.language, slug: hit.slug).path, title: hit.title, lang: hit.language.rawValue,
                dir: hit.language.direction, kind: request.t("type.\(hit.kind.rawValue)", language),
                language: hit.language.name(in: language),
                throughConcept: hit.isThroughConcept ? request.t("search.throughConcept", language) : nil,
                snippetHTML: Snippet.html(Snippet.make(hit.body, terms: terms.withAlternatives)))
        }

        func group(_ name: String, _ label: String, _ counts: [String: Int], atLeast: Set<String>,
                   _ choices: [(String, String)]) -> PracticeList.FacetGroup? {
            let selected = withoutPage.values(name)
            let values = choices.compactMap { value, text -> PracticeList.FacetValue? in
                let count = counts[value] ?? 0
                let isSelected = selected.contains(value)
                guard count > 0 || isSelected else { return nil }
                let toggled = isSelected ? selected.filter { $0 != value } : selected + [value]
                // A count that stopped short reads "1,000+" (the number in the reader's digits).
                let shown = NumberFormatting.integer(count, language) + (atLeast.contains(value) ? "+" : "")
                return .init(label: text, count: shown,
                             href: link(withoutPage.replacing(name, with: toggled)), selected: isSelected)
            }
            return values.isEmpty ? nil : .init(name: name, label: label, values: values)
        }
        facets = [
            group("type", request.t("search.type", language), results.kinds, atLeast: results.kindsAtLeast,
                  SearchKind.allCases.map { ($0.rawValue, request.t("type.\($0.rawValue)", language)) }),
            group("language", request.t("search.language", language), results.languages, atLeast: results.languagesAtLeast,
                  Language.displayOrder.map { ($0.rawValue, $0.name(in: language)) }),
        ].compactMap { $0 }
        filtersLabel = PracticeList.FacetGroup.filtersLabel(facets, language, request)

        correction = results.correction.map { corrected in
            let asTyped = QueryParameters(pairs: withoutPage.pairs.filter { $0.name != "q" && $0.name != "asTyped" }
                + [("q", corrected.original), ("asTyped", "1")])
            return Correction(showing: request.t("search.correction.showing", language, ["query": corrected.corrected]),
                              instead: request.t("search.correction.instead", language, ["query": corrected.original]),
                              insteadHref: link(QueryParameters.encode(asTyped.pairs)))
        }
        emptyMessage = !searched ? request.t("search.prompt", language) : (hits.isEmpty ? request.t("search.empty", language) : nil)
        pagination = Pagination(page: parameters.request.page, perPage: parameters.request.perPage, total: results.pageable,
                                base: base, query: query, language: language, request: request)
        // With nothing searched there is nothing to go back through.
        if !searched { pagination.previousHref = nil }
    }
}
