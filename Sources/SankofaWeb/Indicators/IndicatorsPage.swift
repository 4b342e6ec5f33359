import Foundation
import SankofaCore
import Vapor

/// `/{lang}/indicators`: the programme's three outcomes in full, each with its indicators (the
/// value now, as this reader may see it, and a small chart of the years), filtered by region,
/// country, theme and pillar.
struct IndicatorsPage: Encodable, Sendable {
    struct Card: Encodable, Sendable {
        var title: String
        var href: String
        var value: String
        var unit: String
        /// A small chart of the series by year (inline SVG), nil when there is no year to draw.
        var chart: String?
    }

    struct Outcome: Encodable, Sendable {
        var id: String
        var heading: String
        var statement: String
        var cards: [Card]
    }

    var heading: String
    var intro: String
    var note: String
    var form: IndicatorFilterForm
    var outcomes: [Outcome]
    var apiLabel: String
    var apiHref: String

    init(_ results: [IndicatorResult], filter: IndicatorFilter, exact: (IndicatorID) -> Bool, text: IndicatorText, rightToLeft: Bool) {
        let language = text.language
        heading = text.t("indicators.heading")
        intro = text.t("indicators.intro")
        // Whether every figure on the page is exact for this reader, some are, or none.
        let exactCount = IndicatorID.allCases.filter(exact).count
        note = text.t(exactCount == IndicatorID.allCases.count ? "indicators.note.exact"
                      : exactCount == 0 ? "indicators.note.suppressed" : "indicators.note.partial")
        form = IndicatorFilterForm(filter, base: .indicators(language), text: text)
        let byID = Dictionary(results.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
        outcomes = ProgrammeOutcome.allCases.map { outcome in
            Outcome(id: "outcome-\(outcome.rawValue)",
                    heading: text.t("indicators.outcome.heading", ["number": NumberFormatting.integer(outcome.rawValue, language)]),
                    statement: text.t(outcome.labelKey),
                    cards: outcome.indicators.compactMap { id in
                        guard let result = byID[id] else { return nil }
                        return Card(title: text.t(id.labelKey), href: IndicatorParameters.path(.indicator(language, id: id), filter),
                                    value: Self.headline(result, text: text), unit: text.unit(result.unit),
                                    chart: IndicatorCharts.spark(result, text: text, rightToLeft: rightToLeft))
                    })
        }
        apiLabel = text.t("indicators.api")
        apiHref = IndicatorParameters.path(.apiIndicators, filter)
    }

    /// The value now; money, which has no total across currencies, shows each currency's total.
    static func headline(_ result: IndicatorResult, text: IndicatorText) -> String {
        if result.unit == .money, result.value == .none,
           let byCurrency = result.breakdowns.first(where: { $0.dimensions == [.currency] }), !byCurrency.rows.isEmpty {
            return byCurrency.rows.map { text.figure($0.figure, unit: .money) }.joined(separator: text.t("indicators.list.separator"))
        }
        return text.figure(result.value, unit: result.unit)
    }
}
