import Foundation

/// One series by period (years or quarters) as inline SVG: a line through the points, a dot per
/// point with a tooltip, a value axis from zero with round steps, period labels thinned out when
/// they would collide. Mirrored for right-to-left languages: time runs from the right, the value
/// axis stands on the right. Its only drawn text is the periods and the axis' numbers: in a PDF
/// made with WeasyPrint (which does not shape SVG text), give periods in digits ("2026"), not words.
public struct LineChart: Sendable {
    public struct Point: Sendable {
        public var period: String
        public var value: Double?
        public var valueText: String

        /// - period: the period's label, formatted for the language ("2026", "T3 2026").
        /// - value: the number plotted; nil leaves a gap (a suppressed or missing figure).
        /// - valueText: the figure as the page shows it ("1,204", "fewer than 3"), for the tooltip.
        public init(period: String, value: Double?, valueText: String) {
            self.period = period
            self.value = value
            self.valueText = valueText
        }
    }

    /// The `<svg>` element, every caller-given string escaped: safe to place raw in a page.
    public let svg: String

    /// - Parameters:
    ///   - id: unique within the page (letters, digits, `-`), e.g. `"line-exchanges"`.
    ///   - title: the chart's accessible name, translated.
    ///   - description: one translated sentence for screen readers (what rises or falls).
    ///   - points: oldest first.
    ///   - formatAxis: formats a value of the axis (0, 5, 10…) in the page's language, e.g.
    ///     `{ NumberFormatting.integer(Int($0), language) }`.
    ///   - rightToLeft: true for Arabic.
    ///   - width, height: view-box size; the chart scales to its container.
    public init(id: String, title: String, description: String, points: [Point], formatAxis: (Double) -> String,
                rightToLeft: Bool, width: Double = 640, height: Double = 260) {
        let id = ChartSVG.identifier(id)
        let font = ChartStyle.fontSize
        let plotted = points.compactMap(\.value).filter(\.isFinite)
        let ticks = Self.ticks(from: plotted.min() ?? 0, upTo: plotted.max() ?? 0)
        let tickTexts = ticks.map(formatAxis)
        let axisRoom = (tickTexts.map { ChartSVG.width($0, fontSize: font) }.max() ?? 0) + 10
        // Period labels are centred on their points: the outermost points stand in by half a label.
        let labelWidth = (points.map { ChartSVG.width($0.period, fontSize: font) }.max() ?? 0) + 8
        let inset = max(font, labelWidth / 2)
        let top = font, bottom = height - font - 12, plotWidth = max(width - axisRoom - 2 * inset, 1)
        let lowest = ticks.first ?? 0, highest = ticks.last ?? 1
        // Positions along time: left to right, or mirrored.
        func x(_ index: Int) -> Double {
            let step = points.count > 1 ? plotWidth / Double(points.count - 1) : 0
            let offset = points.count > 1 ? Double(index) * step : plotWidth / 2
            return rightToLeft ? width - axisRoom - inset - offset : axisRoom + inset + offset
        }
        func y(_ value: Double) -> Double { bottom - (highest > lowest ? (value - lowest) / (highest - lowest) : 0) * (bottom - top) }

        var svg = ChartSVG.open(id: id, width: width, height: height, title: title, description: description,
                                interactive: false, className: "chart line-chart")
        // Grid and value axis.
        let gridLeft = rightToLeft ? font / 2 : axisRoom, gridRight = rightToLeft ? width - axisRoom : width - font / 2
        svg += "<g stroke=\"\(ChartStyle.rule)\" stroke-width=\"1\">"
        for tick in ticks {
            let lineY = ChartSVG.number(y(tick))
            svg += "<line x1=\"\(ChartSVG.number(gridLeft))\" x2=\"\(ChartSVG.number(gridRight))\" y1=\"\(lineY)\" y2=\"\(lineY)\""
            svg += tick == 0 ? "/>" : " stroke-dasharray=\"2 3\"/>"
        }
        svg += "</g>"
        for (tick, text) in zip(ticks, tickTexts) {
            let labelX = rightToLeft ? width - axisRoom + 6 : axisRoom - 6
            svg += ChartSVG.label(text, x: labelX, y: y(tick) + font * 0.35, anchorEnd: !rightToLeft)
        }
        // Period labels: every k-th, so that neighbours never overlap.
        let spacing = points.count > 1 ? plotWidth / Double(points.count - 1) : plotWidth
        let every = max(1, Int((labelWidth / max(spacing, 1)).rounded(.up)))
        for (index, point) in points.enumerated() where index % every == 0 {
            svg += "<text x=\"\(ChartSVG.number(x(index)))\" y=\"\(ChartSVG.number(height - 6))\" text-anchor=\"middle\">\(ChartSVG.text(point.period))</text>"
        }
        // The line, broken where a value is missing.
        var segments: [[(Double, Double)]] = [[]]
        for (index, point) in points.enumerated() {
            if let value = point.value, value.isFinite {
                segments[segments.count - 1].append((x(index), y(value)))
            } else if !segments[segments.count - 1].isEmpty {
                segments.append([])
            }
        }
        for segment in segments where segment.count > 1 {
            let d = segment.enumerated().map { ($0.offset == 0 ? "M" : "L") + ChartSVG.number($0.element.0) + " " + ChartSVG.number($0.element.1) }.joined()
            svg += "<path d=\"\(d)\" fill=\"none\" stroke=\"\(ChartStyle.mark)\" stroke-width=\"2.5\" stroke-linejoin=\"round\"/>"
        }
        for (index, point) in points.enumerated() {
            guard let value = point.value, value.isFinite else { continue }
            svg += "<circle cx=\"\(ChartSVG.number(x(index)))\" cy=\"\(ChartSVG.number(y(value)))\" r=\"4\" fill=\"\(ChartStyle.mark)\">"
            svg += "<title>\(ChartSVG.text(point.period)): \(ChartSVG.text(point.valueText))</title></circle>"
        }
        svg += "</svg>"
        self.svg = svg
    }

    /// Round steps (1, 2 or 5 × 10ⁿ) from zero (or below it, for a negative value such as a
    /// capacity that fell) up to at least the largest value, four or five of them over the range.
    static func ticks(from smallest: Double = 0, upTo largest: Double) -> [Double] {
        let low = min(smallest, 0), high = max(largest, 0)
        guard high > low else { return [0, 1] }
        let rough = (high - low) / 4
        let magnitude = pow(10, floor(log10(rough)))
        let step = [1.0, 2, 5, 10].map { $0 * magnitude }.first { $0 >= rough } ?? 10 * magnitude
        let first = Int((low / step).rounded(.down)), last = Int((high / step).rounded(.up))
        return (first...max(last, first + 1)).map { Double($0) * step }
    }
}
