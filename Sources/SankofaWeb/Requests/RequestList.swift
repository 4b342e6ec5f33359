import SankofaCore
import SankofaStore
import Vapor

/// The requests list (`requests/list.leaf`): tabs for what the reader may read (their own; their
/// country's for a focal point; those open to every member; all of them for staff), filters by
/// status, country and theme, and pages.
struct RequestList: Encodable, Sendable {
    struct Tab: Encodable, Sendable { var label: String; var href: String; var current: Bool }
    struct Item: Encodable, Sendable {
        var title: String
        var lang: String
        var dir: String
        var href: String
        var status: String
        var country: String
        var themes: String
        var supportKinds: String
        var updated: String
        var demo: Bool
    }
    struct Filter: Encodable, Sendable {
        var name: String
        var label: String
        var choices: [FormField.Choice]
    }

    enum TabKind: String, CaseIterable, Sendable { case mine, country, open, all }

    static let perPage = 20

    var heading: String
    var listHref: String
    var newHref: String
    var tabs: [Tab]
    var tab: String
    var filters: [Filter]
    var items: [Item]
    var count: String
    var pagination: Pagination

    /// The tabs `actor` may see: a tab is offered only when every request it lists is one the
    /// policy lets the reader read (``Requests/Scope``).
    static func tabs(for actor: Actor) -> [TabKind] {
        TabKind.allCases.filter { tab in
            switch tab {
            case .mine, .open: actor.isMember
            case .country: actor.has(.focalPoint) && actor.country != nil
            case .all: AccessPolicy.isStaff(actor)
            }
        }
    }

    static func scope(_ tab: TabKind, actor: Actor, userID: UUID) -> Requests.Scope {
        switch tab {
        case .mine: .mine(userID)
        case .country: .country(actor.country ?? "")
        case .open: .openToMembers
        case .all: .all(userID)
        }
    }

    init(request: Request, language: Language, tab: TabKind, tabs: [TabKind], query: QueryParameters, filter: Requests.Filter,
         rows: [Requests.Row], total: Int, page: Int) {
        func t(_ key: String, _ arguments: [String: String] = [:]) -> String { request.t(key, language, arguments) }
        let base = SiteURL.requests(language).path
        heading = t("request.list.heading")
        listHref = base
        newHref = SiteURL.requestNew(language).path
        self.tab = tab.rawValue
        self.tabs = tabs.map { Tab(label: t("request.tab.\($0.rawValue)"), href: "\(base)?tab=\($0.rawValue)", current: $0 == tab) }
        func choice(_ value: String, _ label: String, _ selected: Bool) -> FormField.Choice { .init(value: value, label: label, selected: selected) }
        let southern = (Countries.sortedNames[language] ?? []).filter { SouthernCountries.codes.contains($0.code) }
        filters = [
            Filter(name: "status", label: t("request.filter.status"), choices: [choice("", t("request.filter.any"), filter.status == nil)]
                   + RequestStatus.allCases.map { choice($0.rawValue, t($0.labelKey), $0 == filter.status) }),
            Filter(name: "country", label: t("request.field.beneficiaryCountry"), choices: [choice("", t("request.filter.any"), filter.country == nil)]
                   + southern.map { choice($0.code, $0.name, $0.code == filter.country) }),
            Filter(name: "theme", label: t("request.field.themes"), choices: [choice("", t("request.filter.any"), filter.theme == nil)]
                   + Theme.allCases.map { choice($0.rawValue, t($0.labelKey), $0 == filter.theme) }),
        ]
        items = rows.map { row in
            Item(title: row.facts.title, lang: row.facts.language.rawValue, dir: row.facts.language.direction,
                 href: SiteURL.request(language, id: row.facts.id).path,
                 status: t(row.facts.status.labelKey) + (row.facts.closure.map { " (\(t($0.labelKey)))" } ?? ""),
                 country: Countries.name(of: row.facts.beneficiaryCountry, in: language),
                 themes: row.themes.map { t($0.labelKey) }.joined(separator: ", "),
                 supportKinds: row.supportKinds.map { t($0.labelKey) }.joined(separator: ", "),
                 updated: DateFormatting.longDate(Date(timeIntervalSince1970: TimeInterval(row.updatedAt)), language), demo: row.demo)
        }
        count = request.application.catalogs.plural("request.list.count", count: total, language,
                                                    ["count": NumberFormatting.integer(total, language)])
        pagination = Pagination(page: page, perPage: Self.perPage, total: total, base: base, query: query, language: language, request: request)
    }
}
