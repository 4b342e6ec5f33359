import SankofaCore
import SankofaStore
import Vapor

/// The catalogue page: search box, facets with counts, results, pagination.
struct PracticeList: Encodable, Sendable {
    struct Option: Encodable, Sendable { var value: String; var label: String; var selected: Bool }
    struct FacetValue: Encodable, Sendable { var label: String; var count: String; var href: String; var selected: Bool }
    /// A facet folds away (`<details>`, no script needed) when it is long and nothing in it is chosen.
    struct FacetGroup: Encodable, Sendable {
        var name: String
        var label: String
        var values: [FacetValue]
        var open: Bool

        init(name: String, label: String, values: [FacetValue]) {
            self.name = name
            self.label = label
            self.values = values
            open = values.count <= 10 || values.contains(where: \.selected)
        }
    }
    struct Chip: Encodable, Sendable { var label: String; var removeHref: String }

    var heading: String
    var query: String
    var action: String
    var resultSummary: String
    var sortOptions: [Option]
    var hiddenFilters: [Option]
    var cards: [PracticeCard]
    var facets: [FacetGroup]
    var filtersLabel: String
    var chips: [Chip]
    var hasChips: Bool
    var clearHref: String?
    var pagination: Pagination
    var emptyMessage: String?
}

extension PracticeList {
    init(result: PracticePage, parameters: PracticeParameters, query: QueryParameters, language: Language, request: Request) {
        let base = SiteURL.practices(language).path
        func link(_ q: String) -> String { q.isEmpty ? base : "\(base)?\(q)" }
        let withoutPage = QueryParameters(pairs: query.pairs.filter { $0.name != "page" })

        heading = request.t("practices.heading", language)
        self.query = parameters.filter.query
        action = base
        resultSummary = request.application.catalogs.plural("practices.count", count: result.total, language)
        sortOptions = PracticeSort.allCases.map {
            Option(value: $0.rawValue, label: request.t("sort.\($0.rawValue)", language), selected: $0 == parameters.sort)
        }
        // The search form resubmits the current facets, so typing a query keeps them.
        hiddenFilters = withoutPage.pairs.filter { !["q", "sort"].contains($0.name) }
            .map { Option(value: $0.value, label: $0.name, selected: false) }
        cards = result.practices.map { PracticeCard($0, language, request) }

        var groups: [FacetGroup] = []
        var chips: [Chip] = []
        for facet in PracticeFacet.allCases {
            let counts = Dictionary(uniqueKeysWithValues: (result.facets[facet] ?? []).map { ($0.value, $0.count) })
            let selected = withoutPage.values(facet.rawValue)
            var values: [FacetValue] = []
            for (value, label) in Self.choices(facet, language, request, present: Set(counts.keys).union(selected)) {
                let count = counts[value] ?? 0
                let isSelected = selected.contains(value)
                guard count > 0 || isSelected else { continue }
                let toggled = isSelected ? selected.filter { $0 != value } : selected + [value]
                let href = link(withoutPage.replacing(facet.rawValue, with: toggled))
                values.append(FacetValue(label: label, count: NumberFormatting.integer(count, language), href: href, selected: isSelected))
                if isSelected { chips.append(Chip(label: label, removeHref: href)) }
            }
            if !values.isEmpty {
                groups.append(FacetGroup(name: facet.rawValue, label: request.t("facet.\(facet.rawValue)", language), values: values))
            }
        }
        facets = groups
        filtersLabel = FacetGroup.filtersLabel(groups, language, request)
        self.chips = chips
        hasChips = !chips.isEmpty
        clearHref = parameters.filter.isEmpty ? nil : base

        pagination = Pagination(page: parameters.page, perPage: parameters.perPage, total: result.total, base: base, query: query,
                                language: language, request: request)
        emptyMessage = cards.isEmpty
            ? request.t(pagination.isBeyondLast ? "practices.beyondLastPage" : "practices.empty", language) : nil
    }

    /// Every value a facet can take, with its label, in display order.
    static func choices(_ facet: PracticeFacet, _ language: Language, _ request: Request, present: Set<String>) -> [(String, String)] {
        switch facet {
        case .region: Region.southern.map { ($0.rawValue, request.t($0.labelKey, language)) }
        case .country:
            // Only countries that occur: naming all 250 through ICU on every request is wasted work.
            present.filter(Countries.isValid).map { ($0, Countries.name(of: $0, in: language)) }
                .sorted { $0.1.compare($1.1, locale: language.locale) == .orderedAscending }
        case .pillar: Pillar.allCases.map { (String($0.rawValue), "\($0.roman). \(request.t($0.labelKey, language))") }
        case .theme: Theme.allCases.map { ($0.rawValue, request.t($0.labelKey, language)) }
        case .maturity: Maturity.allCases.map { ($0.rawValue, request.t($0.labelKey, language)) }
        case .scope: Scope.allCases.map { ($0.rawValue, request.t($0.labelKey, language)) }
        case .evidence: EvidenceLevel.allCases.map { ($0.rawValue, request.t($0.labelKey, language)) }
        }
    }
}
