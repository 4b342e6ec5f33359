import Foundation
import SankofaCore

/// A table of an indicator's figures for the page, everything already translated and formatted:
/// a series (period → value), a breakdown by one dimension (key → value), or a matrix by two
/// (rows the first dimension, columns the second, each with its header cell). The chart and the
/// map beside it are server-made SVG (``IndicatorCharts``); the table is what a screen reader reads.
struct IndicatorTable: Encodable, Sendable {
    struct Row: Encodable, Sendable {
        var header: String
        var cells: [String]
    }

    var caption: String
    /// The first column's header: the rows' dimension (for a matrix, both dimensions).
    var corner: String
    var columns: [String]
    var rows: [Row]
    /// Inline SVG (every label in it escaped by the chart), or nil when there is nothing to draw.
    var chart: String?
    var map: String?

    static func series(_ points: [IndicatorPoint], caption: String, unit: IndicatorUnit, text: IndicatorText) -> IndicatorTable {
        IndicatorTable(caption: caption, corner: text.dimension(.period), columns: [text.unit(unit)],
                       rows: points.map { Row(header: text.period($0.period), cells: [text.figure($0.figure, unit: unit)]) })
    }

    static func breakdown(_ breakdown: IndicatorBreakdown, unit: IndicatorUnit, text: IndicatorText) -> IndicatorTable {
        let names = breakdown.dimensions.map(text.dimension)
        guard breakdown.dimensions.count == 2 else {
            let dimension = breakdown.dimensions.first ?? .period
            return IndicatorTable(caption: text.t("indicators.by", ["dimension": names.first ?? ""]), corner: names.first ?? "",
                                  columns: [text.unit(unit)],
                                  rows: breakdown.rows.map { Row(header: text.key($0.keys.first ?? "", dimension), cells: [text.figure($0.figure, unit: unit)]) })
        }
        let (first, second) = (breakdown.dimensions[0], breakdown.dimensions[1])
        let matrix = Matrix(breakdown)
        // A pair the store did not list held nothing: zero for counts, no figure otherwise.
        let missing: IndicatorFigure = unit == .count ? .count(0) : .none
        return IndicatorTable(
            caption: text.t("indicators.byTwo", ["first": names[0], "second": names[1]]),
            corner: text.t("indicators.matrixCorner", ["first": names[0], "second": names[1]]),
            columns: matrix.columnKeys.map { text.key($0, second) },
            rows: matrix.rowKeys.map { key in
                Row(header: text.key(key, first), cells: matrix.columnKeys.map { text.figure(matrix.figure(key, $0) ?? missing, unit: unit) })
            })
    }

    /// A breakdown by two dimensions as a grid: row and column keys in the order they first
    /// appear (the store's order), each once, and the figure of each listed pair. The table and
    /// the chart beside it read the same grid.
    struct Matrix {
        let rowKeys: [String]
        let columnKeys: [String]
        private let figures: [String: IndicatorFigure]

        init(_ breakdown: IndicatorBreakdown) {
            rowKeys = Self.ordered(breakdown.rows.map { $0.keys.first ?? "" })
            columnKeys = Self.ordered(breakdown.rows.map { $0.keys.count > 1 ? $0.keys[1] : "" })
            var figures: [String: IndicatorFigure] = [:]
            for row in breakdown.rows where row.keys.count == 2 { figures[row.keys[0] + "\u{0}" + row.keys[1]] = row.figure }
            self.figures = figures
        }

        func figure(_ row: String, _ column: String) -> IndicatorFigure? { figures[row + "\u{0}" + column] }

        private static func ordered(_ keys: [String]) -> [String] {
            var seen = Set<String>()
            return keys.filter { seen.insert($0).inserted }
        }
    }
}
