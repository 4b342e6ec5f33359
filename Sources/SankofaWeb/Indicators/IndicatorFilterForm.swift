import Foundation
import SankofaCore
import Vapor

/// The filter form of the indicator pages (a GET form: it works without JavaScript and every
/// filtered view has its own address), with what it is filtered by said in words.
struct IndicatorFilterForm: Encodable, Sendable {
    var label: String
    var fields: [FormField]
    var apply: String
    /// "Filtered by: Africa, Youth", or nil without a filter.
    var summary: String?
    var resetHref: String?
    var resetLabel: String
    /// Said instead of the form on an indicator no filter narrows (``IndicatorID/takesFilters``).
    var notApplying: String?

    /// The form of the list, or of one indicator (`id`), which may take no filter.
    init(_ filter: IndicatorFilter, base: SiteURL, text: IndicatorText, id: IndicatorID? = nil) {
        func select(_ name: String, _ options: [(String, String)], _ selected: String?) -> FormField {
            FormField(name, label: text.t("indicators.filter.\(name)"), required: false,
                      choices: [.init(value: "", label: text.t("indicators.filter.all"), selected: selected == nil)]
                        + options.map { .init(value: $0.0, label: $0.1, selected: $0.0 == selected) })
        }
        label = text.t("indicators.filter.label")
        fields = [
            select("region", Region.allCases.map { ($0.rawValue, text.t($0.labelKey)) }, filter.region?.rawValue),
            select("country", (Countries.sortedNames[text.language] ?? []).map { ($0.code, $0.name) }, filter.country),
            select("theme", Theme.allCases.map { ($0.rawValue, text.t($0.labelKey)) }, filter.theme?.rawValue),
            select("pillar", Pillar.allCases.map { (String($0.rawValue), "\($0.roman). " + text.t($0.labelKey)) },
                   filter.pillar.map { String($0.rawValue) }),
        ]
        apply = text.t("indicators.filter.apply")
        resetLabel = text.t("indicators.filter.reset")
        let parts = [filter.region.map { text.t($0.labelKey) }, filter.country.map { Countries.name(of: $0, in: text.language) },
                     filter.theme.map { text.t($0.labelKey) }, filter.pillar.map { text.t($0.labelKey) }].compactMap { $0 }
        summary = parts.isEmpty ? nil : text.t("indicators.filter.summary", ["filters": parts.joined(separator: text.t("indicators.list.separator"))])
        resetHref = filter.isEmpty ? nil : base.path
        if let id, !id.takesFilters {
            fields = []
            summary = nil
            notApplying = text.t(filter.isEmpty ? "indicators.filter.none" : "indicators.filter.notApplying")
        }
    }
}
