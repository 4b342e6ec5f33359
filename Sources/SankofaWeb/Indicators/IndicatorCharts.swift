import Foundation
import SankofaCore
import SankofaPublish

/// The pictures of an indicator, drawn on the server as inline SVG by SankofaPublish's charts:
/// a line per series, bars per breakdown, a grid of squares per matrix, and the world map for
/// the first breakdown by country. Labels and figures are the page's own (translated, formatted,
/// hidden figures drawn as nothing); every string is escaped by the chart, so the SVG may go
/// into the page raw. The tables beside them carry the same figures for screen readers.
struct IndicatorCharts {
    let text: IndicatorText
    let rightToLeft: Bool

    /// The overview's small chart of the years, or of the quarters while the records span one
    /// year; nil with a single period (nothing to compare).
    static func spark(_ result: IndicatorResult, text: IndicatorText, rightToLeft: Bool) -> String? {
        let points = result.byYear.count > 1 ? result.byYear : result.byQuarter
        guard points.count > 1 else { return nil }
        return IndicatorCharts(text: text, rightToLeft: rightToLeft)
            .line(points, id: "spark-\(result.id.rawValue)", title: text.t(result.id.labelKey), unit: result.unit, width: 320, height: 120)
    }

    func line(_ points: [IndicatorPoint], id: String, title: String, unit: IndicatorUnit, width: Double = 640, height: Double = 260) -> String {
        LineChart(id: id, title: title, description: text.t("indicators.chart.line"),
                  points: points.map { .init(period: text.period($0.period), value: IndicatorText.plotted($0.figure),
                                             valueText: text.figure($0.figure, unit: unit)) },
                  formatAxis: { axis($0, unit) }, rightToLeft: rightToLeft, width: width, height: height).svg
    }

    /// Bars for a breakdown by one dimension, a grid of squares for a matrix of comparable
    /// figures; nil for a matrix of unlike figures (counts beside medians), which only a table shows.
    func breakdown(_ breakdown: IndicatorBreakdown, id: String, title: String, unit: IndicatorUnit) -> String? {
        guard !breakdown.rows.isEmpty else { return nil }
        if breakdown.dimensions.count == 1, let dimension = breakdown.dimensions.first {
            return BarChart(id: id, title: title, description: text.t("indicators.chart.bars"),
                            bars: breakdown.rows.map { .init(label: text.key($0.keys.first ?? "", dimension),
                                                             value: IndicatorText.plotted($0.figure) ?? 0,
                                                             valueText: text.figure($0.figure, unit: unit)) },
                            rightToLeft: rightToLeft).svg
        }
        guard breakdown.dimensions.count == 2, breakdown.dimensions[1] != .statistic else { return nil }
        let (first, second) = (breakdown.dimensions[0], breakdown.dimensions[1])
        // A grid of some 200 countries would be a wall of squares: the table and the map show those.
        guard first != .country, second != .country else { return nil }
        let matrix = IndicatorTable.Matrix(breakdown)
        return FlowChart(id: id, title: title, description: text.t("indicators.chart.flows"),
                         rowHeading: text.dimension(first), columnHeading: text.dimension(second),
                         rows: matrix.rowKeys.map { text.key($0, first) }, columns: matrix.columnKeys.map { text.key($0, second) },
                         cells: matrix.rowKeys.map { row in
                             matrix.columnKeys.map { column in
                                 matrix.figure(row, column).map { .init(value: IndicatorText.plotted($0) ?? 0, valueText: text.figure($0, unit: unit)) }
                             }
                         },
                         rightToLeft: rightToLeft).svg
    }

    /// The world map of a breakdown by country (for a matrix, its first column: experts of the
    /// directory), each country linking to the indicator filtered by that country.
    func map(_ breakdown: IndicatorBreakdown, id: IndicatorID, filter: IndicatorFilter, title: String, unit: IndicatorUnit) -> String? {
        guard breakdown.dimensions.first == .country, !breakdown.rows.isEmpty else { return nil }
        let column = breakdown.dimensions.count > 1 ? breakdown.rows.first?.keys.dropFirst().first : nil
        var figures: [String: IndicatorFigure] = [:]
        for row in breakdown.rows where column == nil || row.keys.dropFirst().first == column {
            if let code = row.keys.first { figures[code.uppercased()] = row.figure }
        }
        let legend = column.map { text.key($0, breakdown.dimensions[1]) } ?? text.unit(unit)
        return WorldMap(
            id: "map-\(id.rawValue)", title: title, description: text.t("indicators.chart.map"),
            values: figures.compactMapValues(IndicatorText.plotted), formatValue: { axis($0, unit) },
            countryTitle: { code in
                text.t("indicators.chart.country", ["country": Countries.name(of: code, in: text.language),
                                                    "value": figures[code].map { text.figure($0, unit: unit) } ?? text.t("indicators.chart.noData")])
            },
            link: { code in
                var filtered = filter
                filtered.country = code
                return IndicatorParameters.path(.indicator(text.language, id: id), filtered)
            },
            legendTitle: legend, noDataLabel: text.t("indicators.chart.noData"), rightToLeft: rightToLeft).svg
    }

    /// An axis or legend value: whole numbers for counts, percentages for shares.
    func axis(_ value: Double, _ unit: IndicatorUnit) -> String {
        switch unit {
        case .count: return NumberFormatting.integer(Int(value.rounded()), text.language)
        default: return text.measure(value, unit: unit)
        }
    }
}
