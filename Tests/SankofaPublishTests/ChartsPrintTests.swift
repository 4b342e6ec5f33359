import Foundation
import SankofaCore
import Testing
@testable import SankofaPublish

/// The HTML renditions for the annual report's PDF (WeasyPrint does not shape SVG text): same
/// proportions and colours, words as HTML text, escaped, right to left.
@Suite("Charts: print renditions")
struct ChartsPrintTests {
    @Test func barsAsHTMLKeepTheirProportions() throws {
        let chart = BarChart(id: "b", title: "t", description: "d",
                             bars: [.init(label: "أفريقيا", value: 30, valueText: "٣٠"), .init(label: "الشرق الأوسط", value: 15, valueText: "١٥")],
                             rightToLeft: true)
        let root = try SVGNode.parse(chart.html)
        #expect(root.name == "table" && root.attributes["dir"] == "rtl")
        #expect(root.elements("td").map(\.allText).map { $0.trimmingCharacters(in: .whitespaces) } == ["أفريقيا", "٣٠", "الشرق الأوسط", "١٥"])
        let widths = root.elements("span").compactMap { $0.attributes["style"]?.components(separatedBy: "width:").dropFirst().first?.prefix { $0 != "%" } }
        #expect(widths == ["80", "40"])
        #expect(!chart.html.contains("<text"))
    }

    @Test func theFlowMatrixAsHTMLIsATableWithHeaders() throws {
        let chart = FlowChart(id: "f", title: "t", description: "d", rowHeading: "From", columnHeading: "To", rows: ["Africa", "Middle East"],
                              columns: ["Africa", "Middle East"], cells: [[nil, .init(value: 9, valueText: "9")], [.init(value: 1, valueText: "1"), nil]],
                              rightToLeft: false)
        let root = try SVGNode.parse(chart.html)
        #expect(root.attributes["dir"] == "ltr")
        #expect(root.elements("th").filter { $0.attributes["scope"] == "row" }.map(\.text) == ["Africa", "Middle East"])
        #expect(root.elements("th").filter { $0.attributes["scope"] == "col" }.map(\.text) == ["From", "Africa", "Middle East"])
        let squares = root.elements("rect").compactMap { $0.number("width") }
        #expect(squares.count == 2 && abs(squares[0] - 3 * squares[1]) < 0.2)  // area 9 : 1
        #expect(root.elements("text").isEmpty)
    }

    @Test func theMapLegendCanLeaveTheSVGForHTML() throws {
        let values: [String: Double] = ["KE": 2, "NG": 8]
        let map = WorldMap(id: "m", title: "t", description: "d", values: values, formatValue: { String(Int($0)) },
                           countryTitle: { $0 }, link: { _ in nil }, legendTitle: "الممارسات", noDataLabel: "لا توجد بيانات",
                           rightToLeft: true, legendInSVG: false)
        let svg = try SVGNode.parse(map.svg)
        #expect(svg.elements("text").isEmpty)
        #expect(svg.attributes["viewBox"]?.hasSuffix(" \(ChartSVG.number(WorldMapShapes.standard.height))") == true)
        let legend = try SVGNode.parse(map.legendHTML)
        #expect(legend.attributes["dir"] == "rtl")
        #expect(legend.allText.contains("الممارسات") && legend.allText.contains("لا توجد بيانات") && legend.allText.contains("8"))
        #expect(legend.elements("span").filter { $0.attributes["style"]?.contains("background:#") == true }.count == 2)
    }

    @Test func hostileLabelsAreEscapedInHTMLToo() throws {
        let h = ChartsFixture.hostile
        let pieces = [
            BarChart(id: "b", title: h, description: h, bars: [.init(label: h, value: 1, valueText: h)], rightToLeft: false).html,
            FlowChart(id: "f", title: h, description: h, rowHeading: h, columnHeading: h, rows: [h], columns: [h],
                      cells: [[.init(value: 1, valueText: h)]], rightToLeft: true).html,
            WorldMap(id: "m", title: h, description: h, values: ["KE": 1], formatValue: { _ in h }, countryTitle: { _ in h },
                     link: { _ in nil }, legendTitle: h, noDataLabel: h, rightToLeft: false, legendInSVG: false).legendHTML,
        ]
        for html in pieces {
            #expect(!html.contains("<script"))
            let root = try SVGNode.parse(html)
            #expect(root.all.contains { $0.text == h })
        }
    }
}
