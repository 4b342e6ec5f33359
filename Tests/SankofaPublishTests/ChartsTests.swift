import Foundation
import SankofaCore
import Testing
@testable import SankofaPublish

/// Bar, line and flow charts: valid SVG, accessible names, escaping, proportions, right to left.
@Suite("Charts: bars, lines, flows")
struct ChartsTests {
    static let bars = [BarChart.Bar(label: "Africa", value: 30, valueText: "30"),
                       BarChart.Bar(label: "Asia and the Pacific", value: 15, valueText: "15"),
                       BarChart.Bar(label: "Middle East", value: 0, valueText: "fewer than 3")]

    @Test func barsAreAnImageWithProportionalBars() throws {
        let chart = BarChart(id: "bars-region", title: "Exchanges by region", description: "Africa leads.", bars: Self.bars, rightToLeft: false)
        let root = try SVGNode.parse(chart.svg)
        #expect(root.attributes["role"] == "img")
        #expect(root.attributes["aria-labelledby"] == "bars-region-title bars-region-desc")
        #expect(root.elements("title").first?.text == "Exchanges by region" && root.elements("desc").first?.text == "Africa leads.")
        let rects = root.elements("rect")
        let widths = rects.compactMap { $0.number("width") }
        #expect(widths.count == 3 && abs(widths[0] - 2 * widths[1]) < 0.2 && widths[2] == 0)
        #expect(rects.allSatisfy { $0.number("x") == 4 })
        let texts = root.elements("text").map(\.text)
        #expect(texts == ["Africa", "30", "Asia and the Pacific", "15", "Middle East", "fewer than 3"])
        #expect(root.elements("text").allSatisfy { $0.attributes["text-anchor"] == nil })
    }

    @Test func barsGrowFromTheRightInArabic() throws {
        let width = 640.0
        let chart = BarChart(id: "b", title: "التبادلات حسب المنطقة", description: "أفريقيا أولاً.",
                             bars: [.init(label: "أفريقيا", value: 30, valueText: "٣٠", href: "/ar/indicators/exchanges?region=africa"),
                                    .init(label: "الشرق الأوسط", value: 10, valueText: "١٠")], rightToLeft: true, width: width)
        let root = try SVGNode.parse(chart.svg)
        #expect(root.attributes["role"] == "group")  // it has a link
        for rect in root.elements("rect") {
            let right = (rect.number("x") ?? 0) + (rect.number("width") ?? 0)
            #expect(abs(right - (width - 4)) < 0.1)
        }
        let texts = root.elements("text")
        #expect(texts.allSatisfy { $0.attributes["text-anchor"] == "end" })
        #expect(texts.first { $0.text == "أفريقيا" }?.number("x") == width - 4)
        // Each value stands left of its bar's end.
        let firstBar = try #require(root.elements("rect").first)
        #expect((texts.first { $0.text == "٣٠" }?.number("x") ?? width) < (firstBar.number("x") ?? 0))
        #expect(root.elements("a").first?.attributes["href"] == "/ar/indicators/exchanges?region=africa")
    }

    @Test func longLabelsWrapInsteadOfOverflowing() throws {
        let long = Array(repeating: "Rehabilitation and reintegration of former fighters", count: 3).joined(separator: " ")
        let chart = BarChart(id: "b", title: "t", description: "d", bars: [.init(label: long, value: 1, valueText: "1"),
                                                                         .init(label: "Youth", value: 2, valueText: "2")],
                             rightToLeft: false, width: 320)
        let root = try SVGNode.parse(chart.svg)
        let lines = root.elements("text").map(\.text).filter { $0 != "1" && $0 != "2" && $0 != "Youth" }
        #expect(lines.count > 1 && lines.joined(separator: " ") == long)
        #expect(lines.allSatisfy { ChartSVG.width($0, fontSize: ChartStyle.fontSize) <= 312 })
        // The second bar starts below the first bar's lines and bar.
        let rects = root.elements("rect").compactMap { $0.number("y") }
        #expect(rects.count == 2 && rects[1] - rects[0] > ChartStyle.fontSize + 18)
    }

    @Test func negativeBarsRunTheOtherWayFromAZeroLine() throws {
        for rtl in [false, true] {
            let chart = BarChart(id: "b", title: "t", description: "d", bars: [.init(label: "Youth", value: 2, valueText: "+2"),
                                                                             .init(label: "Prisons", value: -1, valueText: "−1")],
                                 rightToLeft: rtl)
            let root = try SVGNode.parse(chart.svg)
            let zero = try #require(root.elements("line").first?.number("x1"))
            let rects = root.elements("rect").map { ($0.number("x") ?? 0, $0.number("width") ?? 0) }
            #expect(abs(rects[0].1 - 2 * rects[1].1) < 0.2)
            // The rise starts at zero and goes right (left in Arabic); the fall ends at zero on the other side.
            if rtl {
                #expect(abs(rects[0].0 + rects[0].1 - zero) < 0.2 && abs(rects[1].0 - zero) < 0.2)
            } else {
                #expect(abs(rects[0].0 - zero) < 0.2 && abs(rects[1].0 + rects[1].1 - zero) < 0.2)
            }
            let fall = try #require(root.elements("text").first { $0.text == "−1" })
            #expect((fall.attributes["text-anchor"] == "end") == !rtl)
            #expect(rects.allSatisfy { $0.0 >= 0 && $0.0 + $0.1 <= 640 })
        }
    }

    static let points = [LineChart.Point(period: "2023", value: 4, valueText: "4"),
                         LineChart.Point(period: "2024", value: nil, valueText: "fewer than 3"),
                         LineChart.Point(period: "2025", value: 12, valueText: "12"),
                         LineChart.Point(period: "2026", value: 7, valueText: "7")]

    @Test func aLineBreaksAtAMissingValueAndItsAxisIsRound() throws {
        let chart = LineChart(id: "line", title: "Exchanges by year", description: "Rising.", points: Self.points,
                              formatAxis: { String(Int($0)) }, rightToLeft: false)
        let root = try SVGNode.parse(chart.svg)
        #expect(root.attributes["role"] == "img")
        #expect(root.elements("circle").count == 3)
        #expect(root.elements("circle").map { $0.elements("title").first?.text } == ["2023: 4", "2025: 12", "2026: 7"])
        // One segment of two points (2025–2026): the lone 2023 is a dot only.
        let paths = root.elements("path")
        #expect(paths.count == 1 && paths[0].attributes["d"]?.filter { $0 == "L" }.count == 1)
        let labels = root.elements("text").map(\.text)
        #expect(labels.starts(with: ["0", "5", "10", "15"]))
        #expect(labels.suffix(4) == ["2023", "2024", "2025", "2026"])
        let xs = root.elements("circle").compactMap { $0.number("cx") }
        #expect(xs == xs.sorted())
        #expect(LineChart.ticks(upTo: 0.9) == [0, 0.5, 1])
        #expect(LineChart.ticks(upTo: 1_234) == [0, 500, 1_000, 1_500])
        #expect(LineChart.ticks(from: -1.2, upTo: 2.5) == [-2, -1, 0, 1, 2, 3])
        #expect(LineChart.ticks(from: -3, upTo: -1) == [-3, -2, -1, 0])
        // A fall below zero is drawn below the zero line (the solid one).
        let falling = try SVGNode.parse(LineChart(id: "l", title: "t", description: "d",
                                                  points: [.init(period: "2025", value: 3, valueText: "3"), .init(period: "2026", value: -2, valueText: "−2")],
                                                  formatAxis: { String(Int($0)) }, rightToLeft: false).svg)
        let zero = try #require(falling.elements("line").first { $0.attributes["stroke-dasharray"] == nil }?.number("y1"))
        let dots = falling.elements("circle").compactMap { $0.number("cy") }
        #expect(dots.count == 2 && dots[0] < zero && dots[1] > zero)
    }

    @Test func timeRunsFromTheRightInArabic() throws {
        let chart = LineChart(id: "line", title: "t", description: "d", points: Self.points, formatAxis: { String(Int($0)) }, rightToLeft: true)
        let root = try SVGNode.parse(chart.svg)
        let xs = root.elements("circle").compactMap { $0.number("cx") }
        #expect(xs == xs.sorted(by: >))
        let axis = root.elements("text").filter { $0.text == "10" }
        #expect(axis.first?.attributes["text-anchor"] == nil && (axis.first?.number("x") ?? 0) > 600)
    }

    @Test func aFlowMatrixDrawsSquaresByArea() throws {
        let cells: [[FlowChart.Cell?]] = [[nil, .init(value: 16, valueText: "16")],
                                          [.init(value: 4, valueText: "4"), .init(value: 0, valueText: "fewer than 3")]]
        let chart = FlowChart(id: "flows", title: "Exchanges between regions", description: "Rows send, columns host.",
                              rowHeading: "From", columnHeading: "To", rows: ["Africa", "Latin America and the Caribbean"],
                              columns: ["Africa", "Latin America and the Caribbean"], cells: cells, rightToLeft: false)
        let root = try SVGNode.parse(chart.svg)
        #expect(root.attributes["role"] == "img")
        let squares = root.elements("rect").compactMap { $0.number("width") }
        #expect(squares.count == 2 && abs(squares[0] - 2 * squares[1]) < 0.2)  // area 16 : 4
        #expect(root.elements("title").map(\.text).dropFirst() == ["Africa → Latin America and the Caribbean: 16",
                                                                  "Latin America and the Caribbean → Africa: 4",
                                                                  "Latin America and the Caribbean → Latin America and the Caribbean: fewer than 3"])
        #expect(root.elements("text").contains { $0.text == "From" } && root.elements("text").contains { $0.text == "To" })
    }

    @Test func theFirstColumnStandsRightInArabic() throws {
        let cells: [[FlowChart.Cell?]] = [[.init(value: 1, valueText: "١"), .init(value: 9, valueText: "٩")]]
        func chart(_ rtl: Bool) throws -> SVGNode {
            try SVGNode.parse(FlowChart(id: "f", title: "t", description: "d", rowHeading: "من", columnHeading: "إلى",
                                        rows: ["أفريقيا"], columns: ["أفريقيا", "الشرق الأوسط"], cells: cells, rightToLeft: rtl).svg)
        }
        let arabic = try chart(true), english = try chart(false)
        func x(_ root: SVGNode, _ text: String) -> Double { root.elements("text").first { $0.text == text }?.number("x") ?? -1 }
        #expect(x(arabic, "١") > x(arabic, "٩"))
        #expect(x(english, "١") < x(english, "٩"))
        let rowLabel = arabic.elements("text").last { $0.text == "أفريقيا" }  // the first is the column's
        #expect((rowLabel?.number("x") ?? 0) > x(arabic, "١"))  // the row label on the right
        #expect(arabic.elements("text").first { $0.text == "من" }?.attributes["text-anchor"] == "end")
        #expect(arabic.elements("title").dropFirst().first?.text == "أفريقيا ← أفريقيا: ١")
    }

    @Test func hostileLabelsAreEscapedInEveryChart() throws {
        let h = ChartsFixture.hostile
        let svgs = [
            BarChart(id: h, title: h, description: h, bars: [.init(label: h, value: 1, valueText: h, href: h)], rightToLeft: false).svg,
            LineChart(id: h, title: h, description: h, points: [.init(period: h, value: 1, valueText: h)], formatAxis: { _ in h }, rightToLeft: true).svg,
            FlowChart(id: h, title: h, description: h, rowHeading: h, columnHeading: h, rows: [h], columns: [h],
                      cells: [[.init(value: 1, valueText: h)]], rightToLeft: false).svg,
        ]
        for svg in svgs {
            #expect(!svg.contains("<script"))
            let root = try SVGNode.parse(svg)
            #expect(root.elements("script").isEmpty)
            #expect(root.elements("title").first?.text == h)
            #expect(root.elements("text").contains { $0.text == h })
            #expect(root.all.allSatisfy { $0.attributes["id"].map { $0.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" } } ?? true })
        }
    }

    /// What WeasyPrint does not draw (or a PDF cannot carry) never appears: CSS variables, style
    /// sheets, foreignObject, scripts, external images.
    @Test func onlyFeaturesWeasyPrintDraws() {
        let map = WorldMap(id: "m", title: "t", description: "d", values: ["KE": 1, "SG": 2], formatValue: { "\($0)" },
                           countryTitle: { $0 }, link: { "/\($0)" }, legendTitle: "l", noDataLabel: "n", rightToLeft: true)
        let outputs = [map.svg, map.legendHTML,
                       BarChart(id: "b", title: "t", description: "d", bars: [.init(label: "a", value: -1, valueText: "-1")], rightToLeft: false).svg,
                       LineChart(id: "l", title: "t", description: "d", points: Self.points, formatAxis: { "\($0)" }, rightToLeft: true).svg,
                       FlowChart(id: "f", title: "t", description: "d", rowHeading: "r", columnHeading: "c", rows: ["a"], columns: ["b"],
                                 cells: [[.init(value: 1, valueText: "1")]], rightToLeft: false).html]
        for output in outputs {
            for forbidden in ["var(", "<style", "foreignObject", "<script", "<image", "xlink:href", "class=\"\"", "javascript:"] {
                #expect(!output.contains(forbidden), "\(forbidden)")
            }
        }
    }

    @Test func emptyChartsAreStillValid() throws {
        _ = try SVGNode.parse(BarChart(id: "e", title: "t", description: "d", bars: [], rightToLeft: false).svg)
        _ = try SVGNode.parse(LineChart(id: "e", title: "t", description: "d", points: [], formatAxis: { "\($0)" }, rightToLeft: false).svg)
        _ = try SVGNode.parse(FlowChart(id: "e", title: "t", description: "d", rowHeading: "", columnHeading: "", rows: [], columns: [],
                                        cells: [], rightToLeft: true).svg)
        let line = try SVGNode.parse(LineChart(id: "e", title: "t", description: "d", points: [.init(period: "2026", value: 3, valueText: "3")],
                                               formatAxis: { "\($0)" }, rightToLeft: false).svg)
        #expect(line.elements("circle").count == 1)
    }
}
