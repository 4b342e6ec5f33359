import Foundation
import SankofaCore

/// One indicator as a CSV table, in long form so that every figure of the page (the value, each
/// year and quarter, each breakdown row) is one line a spreadsheet can filter: raw keys for
/// programs beside their names in the file's language, raw numbers (a dot for decimals, shares
/// between 0 and 1, money as a decimal in its currency) and a status saying whether the figure is
/// shown or hidden.
enum IndicatorCSV {
    static let columns = ["indicator", "unit", "table", "dimension1", "key1", "label1", "dimension2", "key2", "label2",
                          "value", "currency", "status"]

    static let header = columns.joined(separator: ",") + "\r\n"

    static func document(_ result: IndicatorResult, text: IndicatorText) -> String {
        var lines: [[String]] = []
        func line(_ table: String, _ keys: [(IndicatorDimension, String)], _ figure: IndicatorFigure) {
            var cells = [result.id.rawValue, result.unit.rawValue, table]
            for index in 0..<2 {
                if index < keys.count {
                    let (dimension, key) = keys[index]
                    cells += [dimension.rawValue, key, text.key(key, dimension)]
                } else {
                    cells += ["", "", ""]
                }
            }
            lines.append(cells + number(figure) + [status(figure)])
        }
        line("value", [], result.value)
        for point in result.byYear { line("year", [(.period, point.period)], point.figure) }
        for point in result.byQuarter { line("quarter", [(.period, point.period)], point.figure) }
        for breakdown in result.breakdowns {
            let table = "by " + breakdown.dimensions.map(\.rawValue).joined(separator: " x ")
            for row in breakdown.rows { line(table, Array(zip(breakdown.dimensions, row.keys)), row.figure) }
        }
        // Names are quoted and defused like any CSV cell; the value cell is a number we wrote (a
        // negative capacity gain must stay "-0.5", not become text).
        let value = columns.firstIndex(of: "value")!
        return header + lines.map { cells in
            cells.indices.map { $0 == value ? cells[$0] : CSVCell.quoted(cells[$0]) }.joined(separator: ",") + "\r\n"
        }.joined()
    }

    /// The value and currency cells: numbers written by us, never text a reader typed.
    static func number(_ figure: IndicatorFigure) -> [String] {
        switch figure {
        case .count(let n): return [String(n), ""]
        case .measure(let value, _): return [String(format: "%.4f", locale: Locale(identifier: "en_US_POSIX"), value)
                                                .replacingOccurrences(of: #"\.?0+$"#, with: "", options: .regularExpression), ""]
        case .money(let milli, let currency, _): return [IndicatorFigureDTO.decimal(milli, currency), currency]
        case .fewerThan, .withheld, .none: return ["", ""]
        }
    }

    static func status(_ figure: IndicatorFigure) -> String {
        switch figure {
        case .count, .measure, .money: return "shown"
        case .fewerThan(let n): return "fewer-than-\(n)"
        case .withheld: return "withheld"
        case .none: return "none"
        }
    }
}
