import Foundation
import SankofaCore
import Vapor

/// `/{lang}/indicators/{slug}`: one indicator: how it is computed and from which records, the
/// value now, its series by year and by quarter, every breakdown (each a table, with a chart, and
/// the world map where it is by country), as this reader may see them; and the same figures to
/// download as CSV and JSON with the filter kept.
struct IndicatorPage: Encodable, Sendable {
    var heading: String
    var outcome: String
    var outcomeHref: String
    var definitionHeading: String
    var definition: String
    var valueLabel: String
    var value: String
    var unit: String
    var note: String
    var form: IndicatorFilterForm
    var seriesHeading: String
    var series: [IndicatorTable]
    var breakdownsHeading: String
    var breakdowns: [IndicatorTable]
    var emptyMessage: String?
    var downloadsHeading: String
    var downloads: [Layout.Link]

    init(_ result: IndicatorResult, filter: IndicatorFilter, exact: Bool, text: IndicatorText, rightToLeft: Bool) {
        let id = result.id, language = text.language
        heading = text.t(id.labelKey)
        outcome = text.t("indicators.outcome.heading", ["number": NumberFormatting.integer(id.outcome.rawValue, language)])
            + text.t("indicators.outcome.colon") + text.t(id.outcome.labelKey)
        outcomeHref = IndicatorParameters.path(.indicators(language), filter) + "#outcome-\(id.outcome.rawValue)"
        definitionHeading = text.t("indicators.definition")
        definition = text.t(id.definitionKey)
        valueLabel = text.t("indicators.value")
        value = IndicatorsPage.headline(result, text: text)
        unit = text.unit(result.unit)
        note = text.t(exact ? "indicators.note.exact" : "indicators.note.suppressed")
        form = IndicatorFilterForm(filter, base: .indicator(language, id: id), text: text, id: id)
        let charts = IndicatorCharts(text: text, rightToLeft: rightToLeft)
        seriesHeading = text.t("indicators.series")
        series = [("year", result.byYear, "indicators.byYear"), ("quarter", result.byQuarter, "indicators.byQuarter")].compactMap { name, points, caption in
            guard !points.isEmpty else { return nil }
            var table = IndicatorTable.series(points, caption: text.t(caption), unit: result.unit, text: text)
            // A line needs two points; one period is the table alone.
            table.chart = points.count > 1 ? charts.line(points, id: "line-\(name)", title: table.caption, unit: result.unit) : nil
            return table
        }
        breakdownsHeading = text.t("indicators.breakdowns")
        let shown = result.breakdowns.filter { !$0.rows.isEmpty }
        // One map a page (the outlines weigh some 35 KB compressed): the first breakdown by country.
        let mapped = shown.firstIndex { $0.dimensions.first == .country }
        breakdowns = shown.enumerated().map { index, breakdown in
            var table = IndicatorTable.breakdown(breakdown, unit: result.unit, text: text)
            table.chart = charts.breakdown(breakdown, id: "chart-\(index)", title: table.caption, unit: result.unit)
            if index == mapped { table.map = charts.map(breakdown, id: id, filter: filter, title: table.caption, unit: result.unit) }
            return table
        }
        emptyMessage = series.isEmpty && breakdowns.isEmpty ? text.t("indicators.empty") : nil
        downloadsHeading = text.t("indicators.downloads")
        downloads = IndicatorFile.allCases.map { file in
            Layout.Link(href: IndicatorParameters.path(.indicatorFile(language, id: id, format: file), filter),
                        label: text.t("indicators.download.\(file.rawValue)"))
        } + [Layout.Link(href: IndicatorParameters.path(.apiIndicator(id: id), filter), label: text.t("indicators.api"))]
    }
}
