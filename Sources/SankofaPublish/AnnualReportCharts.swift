import Foundation
import SankofaCore

/// The report's figures, drawn with the platform's charts (`Charts/`): labels translated and
/// numbers formatted here, mirrored in Arabic by the charts themselves. Each goes above the
/// table of the same values. The SVG escapes every text it is given, so it is placed as it is.
struct AnnualReportCharts {
    var text: AnnualReportText

    private var rtl: Bool { text.language.isRightToLeft }

    private func figure(_ svg: String) -> String { "<figure class=\"report-figure\">\(svg)</figure>" }

    /// The number a chart draws for a figure; a hidden one is drawn as nothing (a gap, an empty
    /// bar), and its table says why.
    static func value(_ figure: IndicatorFigure) -> Double? {
        switch figure {
        case .count(let n): return Double(n)
        case .measure(let value, _): return value
        case .money, .fewerThan, .withheld, .none: return nil
        }
    }

    func line(_ result: IndicatorResult, _ series: [IndicatorPoint]) -> String {
        // A single year draws no line: the table says it all.
        guard series.count > 1, result.unit != .money else { return "" }
        let points = series.map {
            LineChart.Point(period: text.year(Int($0.period) ?? 0), value: Self.value($0.figure), valueText: text.figure($0.figure, unit: result.unit))
        }
        let unit = result.unit
        let chart = LineChart(id: "line-\(result.id.rawValue)", title: text.t(result.id.labelKey),
                              description: text.t("annualReport.chart.line"), points: points,
                              formatAxis: { unit == .share ? text.figure(.measure($0, basis: 3), unit: .share) : text.decimal($0, digits: $0.rounded() == $0 ? 0 : 1) },
                              rightToLeft: rtl)
        return figure(chart.svg)
    }

    func bars(_ breakdown: IndicatorBreakdown, title: String) -> String {
        guard !breakdown.rows.isEmpty else { return "" }
        let bars = breakdown.rows.map {
            BarChart.Bar(label: text.name($0.keys[0], breakdown.dimensions[0]), value: Self.value($0.figure) ?? 0,
                         valueText: text.figure($0.figure, unit: .count))
        }
        return figure(BarChart(id: "bars-\(breakdown.dimensions[0].rawValue)", title: title,
                               description: text.t("annualReport.chart.bars"), bars: bars, rightToLeft: rtl).svg)
    }

    func flows(_ flows: IndicatorBreakdown, regions: [String], title: String) -> String {
        let cells: [[FlowChart.Cell?]] = regions.map { from in
            regions.map { to in
                flows.rows.first { $0.keys == [from, to] }.map {
                    FlowChart.Cell(value: Self.value($0.figure) ?? 0, valueText: text.figure($0.figure, unit: .count))
                }
            }
        }
        let names = regions.map { text.name($0, .region) }
        return figure(FlowChart(id: "flows-regions", title: title, description: text.t("annualReport.chart.flows"),
                                rowHeading: text.t("annualReport.from"), columnHeading: text.t("annualReport.to"),
                                rows: names, columns: names, cells: cells, rightToLeft: rtl).svg)
    }

    func map(_ countries: IndicatorBreakdown, title: String) -> String {
        var values: [String: Double] = [:]
        var shown: [String: String] = [:]
        for row in countries.rows {
            shown[row.keys[0].uppercased()] = text.figure(row.figure, unit: .count)
            // A hidden figure is left off the colours (drawn as "no data"); its tooltip still says "fewer than 3".
            if let value = Self.value(row.figure) { values[row.keys[0]] = value }
        }
        let map = WorldMap(
            id: "map-exchanges", title: title, description: text.t("annualReport.chart.map"), values: values,
            formatValue: { text.integer(Int($0.rounded())) },
            countryTitle: { code in
                text.t("annualReport.countryValue", ["country": Countries.name(of: code, in: text.language),
                                                     "value": shown[code] ?? text.t("annualReport.noFigure")])
            },
            link: { _ in nil }, legendTitle: text.t("annualReport.exchangesCount"), noDataLabel: text.t("annualReport.noFigure"),
            rightToLeft: rtl)
        return figure(map.svg)
    }
}
