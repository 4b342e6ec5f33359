import Foundation

/// A choropleth world map as inline SVG: each country coloured by the class of its value on a
/// sequential scale (`ChartStyle.sequentialRamp`, lightness falling as values rise), countries
/// without a value hatched in grey, each country a `<title>` and (if the caller gives one) a link,
/// a legend under the map. Made on the server, shown without JavaScript, in pages and in the
/// annual report's PDF. Pages should also give the values as a table, for screen readers.
public struct WorldMap: Sendable {
    /// One class of the scale, as the legend shows it.
    public struct ScaleClass: Sendable, Equatable {
        public var colour: String
        public var lowest: Double
        public var highest: Double
        public var label: String
    }

    /// The `<svg>` element, every caller-given string escaped: safe to place raw in a page.
    public let svg: String
    /// The classes of the scale, lowest first (empty when no country has a value).
    public let classes: [ScaleClass]
    /// The legend as HTML (heading, a swatch and label per class, the hatch for no data), for the
    /// annual report's PDF with `legendInSVG: false`: WeasyPrint draws SVG text letter by letter,
    /// which breaks Arabic. The map itself has no other drawn text.
    public let legendHTML: String

    /// - Parameters:
    ///   - id: unique within the page (letters, digits, `-`), prefixes the ids of the title,
    ///     description and hatch pattern, e.g. `"map-practices"`.
    ///   - title: the map's accessible name, translated ("Published practices by country").
    ///   - description: one translated sentence saying what the colours show, read by screen readers.
    ///   - values: ISO 3166-1 alpha-2 code (any case) → the number to colour, e.g. practices per
    ///     country. Pass only countries with a figure: a country absent here is drawn as "no data"
    ///     (so also leave out suppressed figures, and explain them in `countryTitle`). Zero is a value.
    ///   - formatValue: formats a value for the legend in the page's language, e.g.
    ///     `{ NumberFormatting.integer(Int($0), language) }`.
    ///   - countryTitle: the full tooltip of a country, given its code: translated name and
    ///     formatted figure, e.g. "Kenya: 12" or "Chad: fewer than 3" or "Chile: no data". Called
    ///     for every country drawn (`WorldMapShapes.codes`).
    ///   - link: the `href` of a country (already a site path, e.g. from `SiteURL`), or nil for no
    ///     link (the annual report's PDF passes `{ _ in nil }`).
    ///   - legendTitle: translated heading of the legend ("Practices").
    ///   - noDataLabel: translated legend label of the hatched countries ("No data").
    ///   - rightToLeft: true for Arabic: the legend reads from the right. The map itself is never mirrored.
    ///   - classCount: at most this many classes (1…5); fewer when there are fewer distinct values.
    ///   - legendInSVG: false leaves the legend out of `svg` (place `legendHTML` under it instead);
    ///     pages keep the default, the PDF passes false.
    ///   - shapes: the outlines; the shipped map by default.
    public init(id: String, title: String, description: String, values: [String: Double],
                formatValue: (Double) -> String, countryTitle: (String) -> String, link: (String) -> String?,
                legendTitle: String, noDataLabel: String, rightToLeft: Bool, classCount: Int = 5,
                legendInSVG: Bool = true, shapes: WorldMapShapes = .standard) {
        let id = ChartSVG.identifier(id)
        let normalised = Dictionary(values.map { ($0.key.uppercased(), $0.value) }, uniquingKeysWith: { first, _ in first })
        let classes = Self.classify(Array(normalised.values), count: classCount, format: formatValue)
        self.classes = classes
        legendHTML = ChartHTML.legend(classes, title: legendTitle, noDataLabel: noDataLabel, rightToLeft: rightToLeft)

        let legend = legendInSVG
            ? MapLegend(classes: classes, title: legendTitle, noDataLabel: noDataLabel, noDataFill: "url(#\(id)-none)",
                        width: shapes.width, top: shapes.height + 24, rightToLeft: rightToLeft)
            : nil
        let height = legend.map { shapes.height + 24 + $0.height } ?? shapes.height
        var svg = ChartSVG.open(id: id, width: shapes.width, height: height, title: title,
                                description: description, interactive: true, className: "chart world-map")
        svg.reserveCapacity(64_000)
        // The hatch: light grey with darker diagonals, told apart from every class by texture, not
        // only by tone (the lightest class is nearly as light in greyscale).
        svg += "<defs><pattern id=\"\(id)-none\" width=\"12\" height=\"12\" patternUnits=\"userSpaceOnUse\">"
        svg += "<rect width=\"12\" height=\"12\" fill=\"#f4f4f4\"/><path d=\"M0 12L12 0M-3 3L3-3M9 15L15 9\" stroke=\"#9b9b9b\" stroke-width=\"2\"/></pattern></defs>"
        svg += "<g class=\"countries\" stroke=\"#ffffff\" stroke-width=\"1\" stroke-linejoin=\"round\" fill-rule=\"evenodd\">"
        for code in shapes.codes {
            guard let path = shapes.paths[code] else { continue }
            let fill = normalised[code].map { value in
                (classes.first { value <= $0.highest } ?? classes.last)?.colour ?? "url(#\(id)-none)"
            } ?? "url(#\(id)-none)"
            let tooltip = "<title>\(ChartSVG.text(countryTitle(code)))</title>"
            let shape = "<path fill=\"\(fill)\" d=\"\(path)\"/>"
            if let href = link(code) {
                svg += "<a href=\"\(ChartSVG.text(href))\" class=\"country\" data-country=\"\(code)\">\(tooltip)\(shape)</a>"
            } else {
                svg += "<g class=\"country\" data-country=\"\(code)\">\(tooltip)\(shape)</g>"
            }
        }
        svg += "</g>"
        svg += legend?.svg ?? ""
        svg += "</svg>"
        self.svg = svg
    }

    /// Classes by quantiles of the values (each class about as many countries), bounded by the
    /// values themselves so that no label names a number nobody has; each distinct value its own
    /// class when there are few.
    static func classify(_ values: [Double], count: Int, format: (Double) -> String) -> [ScaleClass] {
        let sorted = values.filter(\.isFinite).sorted()
        guard !sorted.isEmpty else { return [] }
        let wanted = min(max(count, 1), ChartStyle.sequentialRamp.count)
        var distinct: [Double] = []
        for value in sorted where distinct.last != value { distinct.append(value) }
        var uppers: [Double]
        if distinct.count <= wanted {
            uppers = distinct
        } else {
            uppers = []
            for k in 1...wanted {
                let index = Int((Double(k * sorted.count) / Double(wanted)).rounded(.up)) - 1
                let value = sorted[min(max(index, 0), sorted.count - 1)]
                if uppers.last != value { uppers.append(value) }
            }
        }
        let colours = ChartStyle.ramp(classes: uppers.count)
        var result: [ScaleClass] = []
        var previous = -Double.infinity
        for (index, upper) in uppers.enumerated() {
            let members = sorted.filter { $0 > previous && $0 <= upper }
            let lowest = members.first ?? upper
            let label = lowest == upper ? format(upper) : "\(format(lowest))–\(format(upper))"
            result.append(ScaleClass(colour: colours[index], lowest: lowest, highest: upper, label: label))
            previous = upper
        }
        return result
    }
}

/// The map's legend: a heading, then a swatch and label per class and one for "no data", flowing
/// in reading order and wrapping, under the map.
struct MapLegend {
    let svg: String
    let height: Double

    init(classes: [WorldMap.ScaleClass], title: String, noDataLabel: String, noDataFill: String,
         width: Double, top: Double, rightToLeft: Bool) {
        // The map is about 2.5 times wider in units than on a page: sizes here are 2.5 times the text's.
        let font = 32.0, swatch = 40.0, gap = 14.0, spacing = 44.0, line = 56.0, margin = 8.0
        var svg = "<g class=\"legend\" font-size=\"\(ChartSVG.number(font))\">"
        let titleX = rightToLeft ? width - margin : margin
        svg += ChartSVG.label(title, x: titleX, y: top + font, anchorEnd: rightToLeft, extra: " font-weight=\"bold\"")
        var items = classes.map { (fill: $0.colour, label: $0.label) }
        items.append((fill: noDataFill, label: noDataLabel))
        var cursor = margin, row = top + font + 20
        for item in items {
            let itemWidth = swatch + gap + ChartSVG.width(item.label, fontSize: font)
            if cursor > margin && cursor + itemWidth > width - margin {
                cursor = margin
                row += line
            }
            // Left to right, from the left edge; mirrored, from the right edge.
            let swatchX = rightToLeft ? width - cursor - swatch : cursor
            svg += "<rect x=\"\(ChartSVG.number(swatchX))\" y=\"\(ChartSVG.number(row))\" width=\"\(ChartSVG.number(swatch))\""
            svg += " height=\"\(ChartSVG.number(swatch))\" fill=\"\(item.fill)\" stroke=\"\(ChartStyle.rule)\" stroke-width=\"1\"/>"
            let textX = rightToLeft ? swatchX - gap : swatchX + swatch + gap
            svg += ChartSVG.label(item.label, x: textX, y: row + swatch * 0.78, anchorEnd: rightToLeft)
            cursor += itemWidth + spacing
        }
        svg += "</g>"
        self.svg = svg
        self.height = row + swatch + margin - top
    }
}
