import Foundation

/// The map's legend under the map: sections (the scale's classes and "no data"; then the
/// countries too small to draw), each a heading and items (a swatch and a label) flowing in
/// reading order and wrapping. Right to left, everything runs from the right edge.
struct MapLegend {
    struct Item {
        var fill: String
        var label: String
        var hatched = false
        /// A country's link and code (the small states' items): the item is then a link, like a country.
        var href: String? = nil
        var code: String? = nil
    }

    struct Section {
        var heading: String?
        var items: [Item]
    }

    let svg: String
    let height: Double

    init(sections: [Section], width: Double, top: Double, rightToLeft: Bool) {
        // The map is about 2.5 times wider in units than on a page: sizes here are 2.5 times the text's.
        let font = 32.0, swatch = 40.0, gap = 14.0, spacing = 44.0, line = 56.0, margin = 8.0
        let edge = rightToLeft ? width - margin : margin
        var svg = "<g class=\"legend\" font-size=\"\(ChartSVG.number(font))\">"
        var row = top
        for (index, section) in sections.enumerated() {
            if index > 0 { row += line + 16 }
            if let heading = section.heading {
                svg += ChartSVG.label(heading, x: edge, y: row + font, anchorEnd: rightToLeft, extra: " font-weight=\"bold\"")
                row += font + 20
            }
            var cursor = margin
            for item in section.items {
                let itemWidth = swatch + gap + ChartSVG.width(item.label, fontSize: font)
                if cursor > margin && cursor + itemWidth > width - margin {
                    cursor = margin
                    row += line
                }
                // Left to right from the left edge; mirrored, from the right edge.
                let swatchX = rightToLeft ? width - cursor - swatch : cursor
                var drawn = "<rect x=\"\(ChartSVG.number(swatchX))\" y=\"\(ChartSVG.number(row))\" width=\"\(ChartSVG.number(swatch))\""
                drawn += " height=\"\(ChartSVG.number(swatch))\" fill=\"\(item.fill)\" stroke=\"\(ChartStyle.rule)\" stroke-width=\"1\"/>"
                let textX = rightToLeft ? swatchX - gap : swatchX + swatch + gap
                drawn += ChartSVG.label(item.label, x: textX, y: row + swatch * 0.78, anchorEnd: rightToLeft)
                if let code = item.code {
                    svg += ChartSVG.country(code, href: item.href, tooltip: "<title>\(ChartSVG.text(item.label))</title>", content: drawn)
                } else {
                    svg += drawn
                }
                cursor += itemWidth + spacing
            }
        }
        svg += "</g>"
        self.svg = svg
        self.height = row + swatch + margin - top
    }
}
