import Foundation

/// Horizontal bars as inline SVG: each bar's label on its own line above it (so long translated
/// labels never need measuring or cutting), the bar scaled to the largest value, its formatted
/// value after its end. Mirrored for right-to-left languages: labels on the right, bars growing
/// leftwards from the right edge. For a PDF made with WeasyPrint, use `html` (SVG text is not
/// shaped there, so Arabic labels would break).
public struct BarChart: Sendable {
    public struct Bar: Sendable {
        public var label: String
        public var value: Double
        public var valueText: String
        public var href: String?

        /// - label: translated category ("Africa", "Rehabilitation and reintegration").
        /// - value: the number that sets the bar's length (a suppressed figure: 0); a negative one
        ///   is drawn leftwards (rightwards in Arabic) from a zero line.
        /// - valueText: the figure as the page shows it, formatted and translated ("1,204",
        ///   "42 %", "fewer than 3").
        /// - href: optional link of the row (a site path), e.g. to the filtered indicator.
        public init(label: String, value: Double, valueText: String, href: String? = nil) {
            self.label = label
            self.value = value
            self.valueText = valueText
            self.href = href
        }
    }

    /// The `<svg>` element, every caller-given string escaped: safe to place raw in a page.
    public let svg: String
    /// The same bars as an HTML table (labels as HTML text, bars as sized blocks), for the annual
    /// report's PDF: WeasyPrint draws SVG text letter by letter, which breaks Arabic (see `ChartHTML`).
    /// A negative value has no bar there, only its figure.
    public let html: String

    /// - Parameters:
    ///   - id: unique within the page (letters, digits, `-`), e.g. `"bars-scope"`.
    ///   - title: the chart's accessible name, translated.
    ///   - description: one translated sentence for screen readers (what the bars compare).
    ///   - bars: in the order to draw them, top first.
    ///   - rightToLeft: true for Arabic.
    ///   - width: view-box width; the chart scales to its container.
    public init(id: String, title: String, description: String, bars: [Bar], rightToLeft: Bool, width: Double = 640) {
        let id = ChartSVG.identifier(id)
        html = ChartHTML.bars(bars, rightToLeft: rightToLeft)
        let font = ChartStyle.fontSize, barHeight = 18.0, line = font + 3, margin = 4.0
        let values = bars.map(\.value).filter(\.isFinite)
        let largest = max(values.max() ?? 0, 0), smallest = min(values.min() ?? 0, 0)
        let valueRoom = (bars.map { ChartSVG.width($0.valueText, fontSize: font) }.max() ?? 0) + 8
        // Negative values (a capacity that fell) grow the other way from a zero line, their figure
        // before them; room for figures is then kept on both sides.
        let track = max(width - 2 * margin - valueRoom * (smallest < 0 ? 2 : 1), 40)
        let scale = largest > smallest ? track / (largest - smallest) : 0
        let zero = (smallest < 0 ? valueRoom : 0) - smallest * scale  // from the start edge
        // A label longer than the chart is wide goes on two or three lines (never cut).
        let labels = bars.map { ChartSVG.wrap($0.label, maxWidth: width - 2 * margin, fontSize: font, maxLines: 5) }
        let rowHeights = labels.map { Double($0.count) * line + 3 + barHeight + 12 }
        let height = max(rowHeights.reduce(margin, +), 2 * margin)
        let interactive = bars.contains { $0.href != nil }
        var svg = ChartSVG.open(id: id, width: width, height: height, title: title, description: description,
                                interactive: interactive, className: "chart bar-chart")
        var top = margin
        for (index, bar) in bars.enumerated() {
            defer { top += rowHeights[index] }
            let value = bar.value.isFinite ? bar.value : 0
            let length = abs(value) * scale
            let from = value < 0 ? zero - length : zero  // the bar's near end, from the start edge
            let start = rightToLeft ? width - margin : margin
            var row = ""
            for (l, text) in labels[index].enumerated() {
                row += ChartSVG.label(text, x: start, y: top + font + line * Double(l), anchorEnd: rightToLeft)
            }
            let barTop = top + line * Double(labels[index].count) + 3
            let barX = rightToLeft ? width - margin - from - length : margin + from
            row += "<rect x=\"\(ChartSVG.number(barX))\" y=\"\(ChartSVG.number(barTop))\" width=\"\(ChartSVG.number(length))\""
            row += " height=\"\(ChartSVG.number(barHeight))\" fill=\"\(ChartStyle.mark)\"/>"
            // The figure after the bar's far end: to the right of it, or to the left when it runs leftwards.
            let leftwards = rightToLeft != (value < 0)
            let valueX = leftwards ? barX - 6 : barX + length + 6
            row += ChartSVG.label(bar.valueText, x: valueX, y: barTop + barHeight * 0.75, anchorEnd: leftwards)
            // A link's name is its text (label and value), so no `<title>` is needed.
            if let href = bar.href {
                svg += "<a href=\"\(ChartSVG.text(href))\">\(row)</a>"
            } else {
                svg += "<g>\(row)</g>"
            }
        }
        if smallest < 0 {
            let x = ChartSVG.number(rightToLeft ? width - margin - zero : margin + zero)
            svg += "<line x1=\"\(x)\" x2=\"\(x)\" y1=\"\(ChartSVG.number(margin))\" y2=\"\(ChartSVG.number(height - margin))\" stroke=\"\(ChartStyle.ink)\" stroke-width=\"1\"/>"
        }
        svg += "</svg>"
        self.svg = svg
    }
}
