import Foundation

/// HTML renditions of the charts' text parts, for the annual report's PDF. WeasyPrint (70) lays
/// out SVG `<text>` one letter at a time (weasyprint/svg/text.py), so Arabic letters are drawn
/// unjoined and mixed runs out of order; HTML text it shapes and orders correctly. These keep the
/// same colours and proportions with the words in HTML: bars as sized blocks in a table, the flow
/// matrix as a table of sized squares, the map's legend as a list. Styles are inline (a PDF has
/// no site stylesheet) and use no CSS variables. Every caller-given string is escaped.
enum ChartHTML {
    private static func t(_ string: String) -> String { ChartSVG.text(string) }
    private static func pct(_ value: Double) -> String { ChartSVG.number(value) + "%" }

    static func bars(_ bars: [BarChart.Bar], rightToLeft: Bool) -> String {
        let largest = bars.map(\.value).filter(\.isFinite).max() ?? 0
        let dir = rightToLeft ? "rtl" : "ltr"
        var html = "<table class=\"chart bar-chart\" dir=\"\(dir)\" style=\"width:100%;border-collapse:collapse\">"
        for bar in bars {
            // The bar takes at most four fifths of the row, so that its value always fits after it.
            let share = largest > 0 && bar.value.isFinite ? max(bar.value, 0) / largest * 80 : 0
            html += "<tr><td style=\"padding:0.35em 0 0.1em 0\">\(t(bar.label))</td></tr>"
            html += "<tr><td style=\"padding:0;white-space:nowrap\">"
            html += "<span style=\"display:inline-block;vertical-align:middle;height:0.9em;width:\(pct(share));background:\(ChartStyle.mark)\"></span>"
            html += " <span style=\"vertical-align:middle\">\(t(bar.valueText))</span></td></tr>"
        }
        return html + "</table>"
    }

    static func flow(rowHeading: String, columnHeading: String, rows: [String], columns: [String],
                     cells: [[FlowChart.Cell?]], rightToLeft: Bool) -> String {
        let largest = ChartStyle.largest(cells)
        let dir = rightToLeft ? "rtl" : "ltr", side = 2.6  // the largest square's side, in em
        let rule = "border-bottom:1px solid \(ChartStyle.rule)"
        var html = "<table class=\"chart flow-chart\" dir=\"\(dir)\" style=\"width:100%;border-collapse:collapse;text-align:center\">"
        html += "<thead><tr><td></td><th colspan=\"\(max(columns.count, 1))\" scope=\"colgroup\">\(t(columnHeading))</th></tr>"
        html += "<tr><th scope=\"col\" style=\"text-align:start;vertical-align:bottom;\(rule)\">\(t(rowHeading))</th>"
        for column in columns { html += "<th scope=\"col\" style=\"font-weight:normal;vertical-align:bottom;\(rule)\">\(t(column))</th>" }
        html += "</tr></thead><tbody>"
        for (r, row) in rows.enumerated() {
            html += "<tr><th scope=\"row\" style=\"text-align:start;font-weight:normal;vertical-align:top;\(rule)\">\(t(row))</th>"
            for c in columns.indices {
                guard r < cells.count, c < cells[r].count, let cell = cells[r][c] else {
                    html += "<td style=\"\(rule)\"></td>"
                    continue
                }
                // The square as a small SVG without text (shapes WeasyPrint draws well), centred by the cell.
                let length = ChartStyle.squareSide(cell.value, largest: largest, side: 26)
                html += "<td style=\"vertical-align:bottom;padding:0.3em 0.2em;\(rule)\">"
                html += "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(ChartSVG.number(side))em\" height=\"\(ChartSVG.number(side))em\" viewBox=\"0 0 26 26\" aria-hidden=\"true\">"
                if length > 0 {
                    let offset = ChartSVG.number((26 - length) / 2), square = ChartSVG.number(length)
                    html += "<rect x=\"\(offset)\" y=\"\(offset)\" width=\"\(square)\" height=\"\(square)\" fill=\"\(ChartStyle.mark)\"/>"
                }
                html += "</svg><br/>\(t(cell.valueText))</td>"
            }
            html += "</tr>"
        }
        return html + "</tbody></table>"
    }

    static func legend(_ sections: [MapLegend.Section], rightToLeft: Bool) -> String {
        let dir = rightToLeft ? "rtl" : "ltr"
        let item = "display:inline-block;margin:0 0.6em 0.2em 0.6em;white-space:nowrap"
        let swatch = "display:inline-block;vertical-align:middle;width:1em;height:1em;border:1px solid \(ChartStyle.rule)"
        // The hatch as a tiny SVG of its own (a pattern in the page could clash with the map's id).
        let hatch = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"12\" height=\"12\" viewBox=\"0 0 12 12\" style=\"vertical-align:middle;border:1px solid \(ChartStyle.rule)\" aria-hidden=\"true\">"
            + ChartStyle.hatchTile + "</svg>"
        var html = "<div class=\"map-legend\" dir=\"\(dir)\">"
        for section in sections {
            if let heading = section.heading { html += "<div style=\"font-weight:bold\">\(t(heading))</div>" }
            html += "<div style=\"margin-bottom:0.4em\">"
            for entry in section.items {
                // A small state's fill may be the hatch (no value): only a class colour is a plain swatch.
                let mark = entry.hatched || entry.fill.hasPrefix("url(") ? hatch : "<span style=\"\(swatch);background:\(entry.fill)\"></span>"
                let content = "\(mark) \(t(entry.label))"
                if let href = entry.href {
                    html += "<a href=\"\(t(href))\" style=\"\(item)\">\(content)</a>"
                } else {
                    html += "<span style=\"\(item)\">\(content)</span>"
                }
            }
            html += "</div>"
        }
        return html + "</div>"
    }
}
