import Foundation
import SankofaCore
import SankofaStore
import Vapor

/// One entry of a directory list, already translated: an expert, a centre or a course.
struct DirectoryCard: Encodable, Sendable {
    var href: String
    var title: String
    var textLang: String?
    var textDir: String?
    var subtitle: String?
    var lines: [String]
    var badges: [String]
    /// The fallback notice when the text is not in the page's language.
    var note: String?
    /// A fictional entry of the demo data: a short badge, explained once at the top of the list.
    var demo: Bool = false
}

/// The page of a directory: search box, facets with counts, chosen filters, entries, pages.
/// Experts, centres and courses share it (and its template, `directory/list.leaf`).
struct DirectoryListing: Encodable, Sendable {
    var heading: String
    var intro: String?
    var searchLabel: String
    var query: String
    var action: String
    var hiddenFilters: [PracticeList.Option]
    var resultSummary: String
    var cards: [DirectoryCard]
    var facets: [PracticeList.FacetGroup]
    var filtersLabel: String
    var chips: [PracticeList.Chip]
    var hasChips: Bool
    var clearHref: String?
    var pagination: Pagination
    var emptyMessage: String?
    /// Other views of the same entries (calendar, iCal feed, CSV export).
    var links: [Layout.Link] = []
    var demoNote: String?

    static let perPage = 20
    static let maxPage = 100_000

    /// Reads the selection from the URL: every facet value must be valid, else a 400.
    static func selection(_ query: QueryParameters, _ facets: [DirectoryFacet], today: String = ISODay.format(Date())) throws -> DirectorySelection {
        var selected: [String: [String]] = [:]
        for facet in facets {
            let values = query.values(facet.name)
            for value in values where !facet.isValid(value) {
                throw ParameterError(name: facet.name, reason: .value, value: value)
            }
            if !values.isEmpty { selected[facet.name] = Array(Set(values)).sorted() }
        }
        return DirectorySelection(chosen: selected, text: DirectorySearch.text(query), today: today)
    }

    static func page(_ query: QueryParameters) throws -> Int {
        guard let raw = query.first("page") else { return 1 }
        guard let value = Int(raw), (1...maxPage).contains(value) else { throw ParameterError(name: "page", reason: .range, value: raw) }
        return value
    }

    /// The page of `result` (filtered, counted and paged by the engine for `selection`, page `page`).
    init<Item>(result: DirectoryPage<Item>, selection: DirectorySelection, page: Int, facets: [DirectoryFacet], query: QueryParameters,
               base: String, heading: String, countKey: String, emptyKey: String, language: Language, request: Request,
               card: (Item) -> DirectoryCard) {
        let selected = selection.chosen
        let withoutPage = QueryParameters(pairs: query.pairs.filter { $0.name != "page" })
        func link(_ q: String) -> String { q.isEmpty ? base : "\(base)?\(q)" }

        self.heading = heading
        searchLabel = request.t("directory.search", language)
        self.query = selection.text
        action = base
        hiddenFilters = withoutPage.pairs.filter { $0.name != "q" }.map { PracticeList.Option(value: $0.value, label: $0.name, selected: false) }
        resultSummary = request.application.catalogs.plural(countKey, count: result.total, language)

        var groups: [PracticeList.FacetGroup] = []
        var chips: [PracticeList.Chip] = []
        for facet in facets {
            let counts = result.counts[facet.name] ?? [:]
            let chosen = selected[facet.name] ?? []
            var values: [PracticeList.FacetValue] = []
            for (value, label) in facet.choices(Set(counts.keys).union(chosen), language, request) {
                let count = counts[value] ?? 0
                let isSelected = chosen.contains(value)
                guard count > 0 || isSelected else { continue }
                let toggled = isSelected ? chosen.filter { $0 != value } : chosen + [value]
                let href = link(withoutPage.replacing(facet.name, with: toggled))
                values.append(.init(label: label, count: NumberFormatting.integer(count, language), href: href, selected: isSelected))
                if isSelected { chips.append(.init(label: label, removeHref: href)) }
            }
            if !values.isEmpty {
                groups.append(.init(name: facet.name, label: request.t("facet.\(facet.name)", language), values: values))
            }
        }
        self.facets = groups
        filtersLabel = PracticeList.FacetGroup.filtersLabel(groups, language, request)
        self.chips = chips
        hasChips = !chips.isEmpty
        clearHref = selected.isEmpty && selection.text.isEmpty ? nil : base

        cards = result.items.map(card)
        pagination = Pagination(page: page, perPage: Self.perPage, total: result.total, base: base, query: query,
                                language: language, request: request)
        emptyMessage = cards.isEmpty ? request.t(pagination.isBeyondLast ? "practices.beyondLastPage" : emptyKey, language) : nil
        demoNote = cards.contains(where: \.demo) ? request.t("directory.demoList", language) : nil
    }
}
